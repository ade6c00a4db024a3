/**
 * Hostile input, property-based (fast-check): for every endpoint, with the right credentials so
 * input checking is what is tested, random and adversarial bodies, content types, query strings,
 * path parameters and headers. Every answer is a 4xx in the error shape (or a 200 for reads that
 * ignore the noise) — never a 5xx, never a stack trace — and a refused request changes no item.
 * HPF_FUZZ_RUNS sets the cases per endpoint (the soak run uses many more).
 */
import { createHash } from 'node:crypto';
import { ScanCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import type { RouteName, RouteSpec } from '@hpf/shared';
import { invoke } from '../../../test-support/http';
import { routeEntries, routeHandlers, type Handler } from '../../../test-support/routes';
import { signIn } from '../../../test-support/session';
import { staffToken } from '../../../test-support/staff';
import { useTestTable } from '../../../test-support/table';
import { useExternalSimulators } from '../../../test-support/simulators';

jest.setTimeout(600_000);
const table = useTestTable({ seed: true });
useExternalSimulators();
const RUNS = Number(process.env.HPF_FUZZ_RUNS ?? 20);

/** The table's content, less what a refused request is meant to leave: failed-attempt counters. */
async function checksum(): Promise<string> {
  const doc = DynamoDBDocumentClient.from(table.client);
  const items: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table.name, ConsistentRead: true, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    for (const item of page.Items ?? []) if (!String(item.pk).startsWith('THROTTLE#')) items.push(JSON.stringify(item, Object.keys(item).sort()));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return createHash('sha256').update(items.sort().join('\n')).digest('hex');
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '𠜎𠜱', 'DROP TABLE', '<script>', '../../etc/passwd', '%00', '{{7*7}}', 'NaN', '-0', '1e309'),
  fc.integer().map(String),
  fc.double().map(String),
);
const scalar = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String));
const hostileValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(nasty, scalar, { maxKeys: 4 }));
const amounts = fc.oneof(fc.constant(-1), fc.constant(0.5), fc.constant(1e20), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.double(), fc.integer({ min: -1e9, max: -1 }));

const bodies = fc.oneof(
  hostileValue.map((value) => JSON.stringify(value)),
  fc.dictionary(fc.constantFrom('amountFen', 'unitFen', 'month', 'idNumber', 'phone', 'name', 'code', 'payload', 'lines', 'batchId', 'type', 'purpose', 'decision', 'locked', 'reason', 'year'), fc.oneof(hostileValue, amounts), { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  nasty, // not JSON at all
  fc.constant('x'.repeat(70 * 1024)), // over the size limit
);

describe.each(routeEntries())('%s', (name: RouteName, spec: RouteSpec) => {
  let handler: Handler;
  let token: string | undefined;
  beforeAll(async () => {
    handler = routeHandlers().get(name)!;
    if (spec.auth === 'member' || spec.auth === 'session') token = (await signIn('demo-renter')).token;
    if (spec.auth === 'staff') {
      const byRole: Record<string, string> = { DEPOSIT_CLERK: 'deposit.clerk', ACCOUNT_CLERK: 'account.clerk', REVIEWER: 'reviewer.a', AUDITOR: 'auditor' };
      token = await staffToken(byRole[spec.roles![0]]);
    }
  });

  it('answers hostile input with a 4xx in the error shape, never a 5xx, and changes nothing', async () => {
    let before = await checksum();
    await fc.assert(
      fc.asyncProperty(
        bodies,
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'text/csv', 'application/json; charset=gbk', ''),
        fc.dictionary(fc.constantFrom('limit', 'cursor', 'batchId', 'x'), nasty, { maxKeys: 3 }),
        nasty,
        fc.option(nasty),
        async (rawBody, contentType, query, param, idempotencyKey) => {
          const params = Object.fromEntries([...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], param]));
          const reply = await invoke(handler, {
            method: spec.method,
            path: spec.path,
            ...(spec.method !== 'GET' ? { rawBody } : {}),
            query,
            ...(Object.keys(params).length ? { params } : {}),
            headers: { ...(contentType ? { 'content-type': contentType } : {}), ...(idempotencyKey !== null ? { 'idempotency-key': idempotencyKey } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          });
          expect(reply.status).toBeLessThan(500);
          expect(reply.text).not.toMatch(/\bat \S+\.(ts|js):\d+|stack/i);
          if (reply.status >= 400) {
            expect(reply.body.error).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
          } else if (spec.method !== 'GET') {
            // a write the fuzzer happened to get right (a long run finds {"locked":true} for the
            // settings): it must really be valid, and what it wrote becomes the new baseline
            expect(spec.body!.safeParse(JSON.parse(rawBody)).success).toBe(true);
            expect(contentType).toMatch(/^application\/json/);
            before = await checksum();
          }
        },
      ),
      { numRuns: RUNS },
    );
    // reads and refusals leave the table as it was
    expect(await checksum()).toBe(before);
  });
});
