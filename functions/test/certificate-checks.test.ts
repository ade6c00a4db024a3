/**
 * 查验记录 kept on the certificate item by the verify's one write, moved to items of their own once
 * there are enough of them: every answered check is listed once, newest first, whatever the moves
 * and however they interleave; the item stays small and keeps only this window's counter.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handler as issueHandler } from '../src/certificates/issue';
import { handler as code } from '../src/certificates/code';
import { handler as verify } from '../src/certificates/verify';
import { handler as verifications } from '../src/certificates/verifications';
import { handler as list } from '../src/certificates/list';
import {
  archiveChecksIfDue,
  listVerifications,
  recordCheck,
  RECENT_CHECKS_KEPT,
  type VerificationEntry,
} from '../src/adapters/certificates-repository';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { useTestTable } from '../../test-support/table';
import { faceChecked } from '../../test-support/face';

// every new certificate passes a face check first (the face rules: face-checks.test.ts)
const issue = faceChecked(issueHandler, 'ISSUE_CERTIFICATE');

const table = useTestTable({ seed: true });
const doc = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));
let renter: string;
let issued = 0;

beforeAll(async () => {
  renter = (await signIn('demo-renter')).token;
});

async function newCertificate(): Promise<string> {
  issued += 1;
  const purposes = ['HOME_PURCHASE', 'HUKOU', 'SCHOOL', 'OTHER'];
  const reply = await invoke(issue, {
    token: renter,
    body: { type: 'DEPOSIT', purpose: purposes[issued % purposes.length] },
    headers: { 'idempotency-key': `checks-test-${issued}-${Date.now()}` },
  });
  expect(reply.status).toBe(200);
  return reply.body.certificateId as string;
}

function entryAt(checkedAt: string, checkId: string): VerificationEntry {
  return {
    checkedAt,
    checkedBy: 'public',
    checkerKind: 'public',
    checkedByLabel: '公众扫码',
    claimedType: 'DEPOSIT',
    codeExpired: false,
    disclosed: [],
    // one request id for every check, as serverless-offline gives: the checks are told apart by their own id
    requestId: 'offlineContext_resourceId',
    checkId,
  };
}

async function certificateItem(certificateId: string) {
  const { Item } = await doc().send(new GetCommand({ TableName: table.name, Key: keys.certificate(certificateId), ConsistentRead: true }));
  return Item ?? {};
}

async function archivedCount(certificateId: string): Promise<number> {
  const { Items = [] } = await doc().send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :check)',
      ExpressionAttributeValues: { ':pk': keys.certificate(certificateId).pk, ':check': keys.certificateCheckPrefix },
    }),
  );
  return Items.length;
}

describe('查验记录 on the certificate and archived', () => {
  it('lists 25 checks over three windows once each, newest first, with the item holding fewer than the kept number', async () => {
    const certificateId = await newCertificate();
    const window = { seconds: 60, max: 10 };
    const start = Date.parse('2026-11-30T08:00:00Z');
    const written: string[] = [];
    for (let i = 0; i < 25; i += 1) {
      // 9, 9 and 7 checks in three consecutive minutes
      const at = new Date(start + Math.floor(i / 9) * 60_000 + (i % 9) * 1000).toISOString();
      const result = await recordCheck(table.name, certificateId, entryAt(at, `req-${String(i).padStart(2, '0')}`), window);
      if (result.outcome !== 'recorded') throw new Error(`check ${i} was ${result.outcome}`);
      expect(result.record.certificateId).toBe(certificateId);
      expect(result.record).not.toHaveProperty('recentChecks');
      await archiveChecksIfDue(table.name, certificateId, result);
      written.push(at);
    }
    const listed = await listVerifications(table.name, certificateId);
    expect(listed.map((entry) => entry.checkId)).toEqual(Array.from({ length: 25 }, (_, i) => `req-${String(24 - i).padStart(2, '0')}`));
    expect(listed.map((entry) => entry.checkedAt)).toEqual([...written].reverse());

    const item = await certificateItem(certificateId);
    expect((item.recentChecks ?? []).length).toBeLessThan(RECENT_CHECKS_KEPT);
    expect(await archivedCount(certificateId)).toBe(25 - (item.recentChecks ?? []).length);
    // only the last window's counter is left on the item
    expect(Object.keys(item).filter((name) => name.startsWith('hits_'))).toEqual([`hits_${(start + 120_000) / 1000}`]);
  });

  it('two verifies moving the same checks at once move them once, and a check written meanwhile stays', async () => {
    const certificateId = await newCertificate();
    const window = { seconds: 60, max: 100 };
    const at = (i: number) => new Date(Date.parse('2026-11-30T09:00:00Z') + i * 1000).toISOString();
    let last;
    for (let i = 0; i < RECENT_CHECKS_KEPT; i += 1) last = await recordCheck(table.name, certificateId, entryAt(at(i), `same-${i}`), window);
    if (last?.outcome !== 'recorded') throw new Error('not recorded');
    const meanwhile = recordCheck(table.name, certificateId, entryAt(at(50), 'meanwhile'), window);
    const moves = await Promise.all([archiveChecksIfDue(table.name, certificateId, last), archiveChecksIfDue(table.name, certificateId, last)]);
    await meanwhile;
    expect(moves.filter(Boolean)).toHaveLength(1);
    const listed = await listVerifications(table.name, certificateId);
    expect(listed.map((entry) => entry.checkId)).toEqual(['meanwhile', ...Array.from({ length: RECENT_CHECKS_KEPT }, (_, i) => `same-${RECENT_CHECKS_KEPT - 1 - i}`)]);
    expect((await certificateItem(certificateId)).recentChecks.map((entry: VerificationEntry) => entry.checkId)).toEqual(['meanwhile']);
  });

  it('a check of a certificate that does not exist writes nothing', async () => {
    const result = await recordCheck(table.name, 'NOSUCHCERTIFICAT', entryAt(new Date().toISOString(), 'ghost'), { seconds: 60, max: 10 });
    expect(result.outcome).toBe('no-certificate');
    const { Item } = await doc().send(new GetCommand({ TableName: table.name, Key: keys.certificate('NOSUCHCERTIFICAT') }));
    expect(Item).toBeUndefined();
  });

  it('through the handlers: more checks than are kept on the item, all in the member 查验记录, and the list of certificates carries none of them', async () => {
    const certificateId = await newCertificate();
    const payload = (await invoke(code, { token: renter, params: { certificateId } })).body.payload as string;
    // each from its own address, so only the certificate's allowance for the minute can stop them
    for (let i = 0; i < RECENT_CHECKS_KEPT + 2; i += 1) {
      const reply = await invoke(verify, { sourceIp: `203.0.113.${i + 1}`, body: { payload } });
      if (reply.status === 429) break; // the certificate's allowance for the minute: enough checks were made
      expect(reply.body.result).toBe('valid');
    }
    const item = await certificateItem(certificateId);
    const onItem = (item.recentChecks ?? []).length;
    const archived = await archivedCount(certificateId);
    const listed = (await invoke(verifications, { token: renter, params: { certificateId } })).body.verifications;
    expect(listed).toHaveLength(onItem + archived);
    expect(archived).toBeGreaterThan(0);
    expect(listed.every((entry: { checkedBy: string }) => entry.checkedBy === '公众扫码')).toBe(true);
    const mine = await invoke(list, { token: renter });
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(certificateId);
    expect(mine.text).not.toMatch(/recentChecks|hits_|公众扫码/);
  });
});
