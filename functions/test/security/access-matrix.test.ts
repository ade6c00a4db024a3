/**
 * The access-control matrix, generated from the route catalogue and serverless.yml (each HTTP
 * function is named after its route): every protected endpoint × every kind of bad credential.
 */
import { routes, type RouteName, type RouteSpec } from '@hpf/shared';
import { routeHandlers, type Handler } from '../../../test-support/routes';
import { invoke, type Call } from '../../../test-support/http';
import { refusedSessions, signIn } from '../../../test-support/session';
import { staffToken } from '../../../test-support/staff';
import { useTestTable } from '../../../test-support/table';
import { useExternalSimulators } from '../../../test-support/simulators';
import { passFaceCheck } from '../../../test-support/face';

const testTable = useTestTable({ seed: true });
useExternalSimulators();

const PLAUSIBLE_IDS: Record<string, string> = { accountNo: '310100200001', certificateId: 'AAAAAAAAAAAAAAAA', applicationId: 'R310100200001AAAAAAAA' };

/** A call shaped like a real one for the route (valid ids, a plausible body) so auth is what decides. */
function callFor(spec: RouteSpec, token?: string, ids: Record<string, string> = PLAUSIBLE_IDS): Call {
  const params: Record<string, string> = {};
  for (const match of spec.path.matchAll(/\{(\w+)\}/g)) params[match[1]] = ids[match[1]] ?? PLAUSIBLE_IDS.applicationId;
  return {
    method: spec.method,
    path: spec.path,
    ...(Object.keys(params).length ? { params } : {}),
    ...(spec.body ? { body: {} } : {}),
    ...(spec.idempotencyKey ? { headers: { 'idempotency-key': 'matrix-key-0001' } } : {}),
    ...(token ? { token } : {}),
  };
}

/** One certificate and one rent application of the demo renter, made once, through the handlers. */
let made: Promise<{ certificateId: string; applicationId: string }> | undefined;
function renterResources() {
  made ??= (async () => {
    const byRoute = routeHandlers();
    const renter = testTable.members.find((m) => m.openid === 'demo-renter')!.account;
    const { token } = await signIn('demo-renter');
    const certificate = await invoke(byRoute.get('issueCertificate')!, {
      token,
      body: { type: 'DEPOSIT', purpose: 'OTHER' },
      headers: { 'idempotency-key': 'matrix-cert-1', 'face-check-id': await passFaceCheck(token, 'ISSUE_CERTIFICATE') },
    });
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const application = await invoke(byRoute.get('submitRentWithdrawal')!, {
      token,
      headers: { 'idempotency-key': 'matrix-renter-rent-0001', 'face-check-id': await passFaceCheck(token, 'WITHDRAWAL') },
      body: {
        month,
        amountFen: 20_000,
        lease: { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 },
        bankCard: renter.bankCard,
      },
    });
    expect([certificate.status, application.status]).toEqual([200, 200]);
    return { certificateId: certificate.body.certificateId as string, applicationId: application.body.applicationId as string };
  })();
  return made;
}

describe('access-control matrix', () => {
  const table = [...Object.entries(routes)] as [RouteName, RouteSpec][];
  let byRoute: Map<RouteName, Handler>;
  let tokens: Awaited<ReturnType<typeof refusedSessions>>;
  let member: string;
  let unbound: string;
  let depositClerk: string;
  let accountClerk: string;
  const staffByRole: Record<string, string> = {};
  beforeAll(async () => {
    byRoute = routeHandlers();
    tokens = await refusedSessions();
    member = (await signIn('demo-renter')).token;
    unbound = (await signIn('wx-matrix-unbound')).token;
    depositClerk = await staffToken('deposit.clerk');
    accountClerk = await staffToken('account.clerk');
    Object.assign(staffByRole, {
      DEPOSIT_CLERK: depositClerk,
      ACCOUNT_CLERK: accountClerk,
      REVIEWER: await staffToken('reviewer.a'),
      AUDITOR: await staffToken('auditor'),
    });
  });

  it('has a handler for every route', () => {
    expect([...byRoute.keys()].sort()).toEqual(Object.keys(routes).sort());
  });

  it.each(table.filter(([, spec]) => spec.auth !== 'public' && spec.auth !== 'public-or-verifier'))(
    '%s refuses a missing, garbage, HS256, foreign-key, unknown-kid, alg:none or expired token with 401',
    async (name, spec) => {
      for (const [kind, token] of Object.entries(tokens)) {
        const reply = await invoke(byRoute.get(name)!, callFor(spec, token));
        expect([kind, reply.status]).toEqual([kind, 401]);
        expect(reply.body.error.code).toBe(kind === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
        expect(reply.text).not.toMatch(/stack|at .*\.ts/i);
      }
    },
  );

  it.each(table.filter(([, spec]) => spec.auth === 'staff'))('%s refuses member tokens and staff without the role with 403', async (name, spec) => {
    const handler = byRoute.get(name)!;
    expect((await invoke(handler, callFor(spec, member))).status).toBe(403);
    const outsider = Object.entries(staffByRole).find(([role]) => !spec.roles?.includes(role as never));
    expect(outsider).toBeDefined();
    const reply = await invoke(handler, callFor(spec, outsider![1]));
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('FORBIDDEN');
  });

  it.each(table.filter(([, spec]) => spec.auth === 'member' || spec.auth === 'session'))(
    '%s refuses staff tokens (members only), and member routes refuse a session not yet bound',
    async (name, spec) => {
      const handler = byRoute.get(name)!;
      expect((await invoke(handler, callFor(spec, accountClerk))).status).toBe(403);
      if (spec.auth === 'member') {
        const reply = await invoke(handler, callFor(spec, unbound));
        expect(reply.status).toBe(403);
        expect(reply.body.error.code).toBe('NOT_BOUND');
      }
    },
  );

  it.each(table.filter(([, spec]) => spec.auth === 'member'))(
    "%s with another member's token never reaches or shows the first member's data",
    async (name, spec) => {
      const renter = testTable.members.find((m) => m.openid === 'demo-renter')!.account;
      const theirs = await renterResources();
      const stranger = (await signIn('demo-loan')).token;
      const reply = await invoke(byRoute.get(name)!, callFor(spec, stranger, { ...theirs, accountNo: renter.accountNo }));
      if (/\{(certificateId|applicationId)\}/.test(spec.path)) {
        expect([name, reply.status]).toEqual([name, 404]);
      }
      expect(reply.status).toBeLessThan(500);
      for (const mark of [renter.accountNo, renter.name, renter.idNumber, renter.phone, theirs.certificateId, theirs.applicationId].filter(Boolean)) {
        expect([name, reply.text.includes(String(mark))]).toEqual([name, false]);
      }
    },
  );

  it('answers the public routes without a token, and never leaks another member through them', async () => {
    for (const [name, spec] of table.filter(([, s]) => s.auth === 'public' && s.method === 'GET')) {
      const reply = await invoke(byRoute.get(name)!, callFor(spec));
      expect([name, reply.status]).toEqual([name, 200]);
      expect(reply.text).not.toMatch(/310104199605120035|13800138001|6222021001123450012/);
    }
  });
});
