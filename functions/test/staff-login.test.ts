import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { DEFAULT_POLICY, ERROR_MESSAGES, idNumberCheckChar } from '@hpf/shared';
import { handler as staffLogin } from '../src/staff/login';
import { handler as openAccount } from '../src/accounts/open';
import { handler as staffAccount } from '../src/accounts/get';
import { seal } from '../src/accounts/life-cycle';
import { DEMO_STAFF_PASSWORD } from '../src/dev/demo-staff';
import { hashPassword, verifyPassword } from '../src/platform/passwords';
import { staffUserItem } from '../src/adapters/staff-repository';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { useTestTable } from '../../test-support/table';
import { auditRecords, withAuditWriteFailing } from '../../test-support/audit';

const table = useTestTable({ seed: true });
const doc = () => DynamoDBDocumentClient.from(table.client);

const login = (username: string, password: string) => invoke(staffLogin, { body: { username, password } });

function idNumber(first17: string): string {
  return `${first17}${idNumberCheckChar(first17)}`;
}

function openRequest(accountNo: string, idFirst17: string) {
  return {
    accountNo,
    name: '陈静',
    idNumber: idNumber(idFirst17),
    phone: '13912345678',
    employer: '浦江物流有限公司',
    openedOn: '2025-01-01',
    depositBaseFen: 1_000_000,
    unitRateBasisPoints: 800,
    personalRateBasisPoints: 800,
  };
}

/** Failures count in fixed windows: do not start a five-failure run seconds before one closes. */
async function awayFromWindowEdge() {
  const window = DEFAULT_POLICY.staffLogin.windowSeconds;
  const left = window - (Math.floor(Date.now() / 1000) % window);
  if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
}

describe('staff sign-in (POST /v1/staff/auth/login)', () => {
  it('gives a staff token carrying the roles from the staff record, not a member token', async () => {
    const reply = await login('account.clerk', DEMO_STAFF_PASSWORD);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ username: 'account.clerk', displayName: '柜台 孙磊', roles: ['ACCOUNT_CLERK'] });
    const claims = decodeJwt(reply.body.token);
    expect(claims).toMatchObject({ sub: 'account.clerk', role: 'staff', roles: ['ACCOUNT_CLERK'] });
    expect(claims.acct).toBeUndefined();
    expect(new Date(reply.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it("lets the roles in the token decide: an account clerk opens and seals, a deposit clerk and a member may not", async () => {
    const accountClerk = (await login('account.clerk', DEMO_STAFF_PASSWORD)).body.token;
    const depositClerk = (await login('deposit.clerk', DEMO_STAFF_PASSWORD)).body.token;
    const auditor = (await login('auditor', DEMO_STAFF_PASSWORD)).body.token;
    const member = (await signIn('demo-renter')).token;
    const body = openRequest('310100900101', '11010519900307101');
    const params = { accountNo: body.accountNo };

    for (const token of [depositClerk, auditor, member]) {
      const refused = await invoke(openAccount, { token, body });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    const anonymous = await invoke(openAccount, { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    // nothing was opened by the refused calls
    expect((await invoke(staffAccount, { token: accountClerk, params })).status).toBe(404);

    expect((await invoke(openAccount, { token: accountClerk, body })).status).toBe(200);
    const sealBody = { reason: '职工离职' };
    expect((await invoke(seal, { token: depositClerk, params, body: sealBody })).body.error.code).toBe('FORBIDDEN');
    expect((await invoke(seal, { token: member, params, body: sealBody })).status).toBe(403);
    expect((await invoke(seal, { params, body: sealBody })).status).toBe(401);
    const sealed = await invoke(seal, { token: accountClerk, params, body: sealBody });
    expect(sealed.status).toBe(200);
    expect(sealed.body.status).toBe('SEALED');

    // reading an account is open to deposit clerks and auditors too, never to a member
    expect((await invoke(staffAccount, { token: depositClerk, params })).status).toBe(200);
    expect((await invoke(staffAccount, { token: auditor, params })).status).toBe(200);
    expect((await invoke(staffAccount, { token: member, params })).status).toBe(403);
    expect((await invoke(staffAccount, { token: (await login('reviewer.a', DEMO_STAFF_PASSWORD)).body.token, params })).status).toBe(403);
  });

  it('answers a wrong password and an unknown user with the same Chinese error, naming neither', async () => {
    const wrong = await login('reviewer.a', 'not-the-password');
    const unknown = await login('nobody.here', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('STAFF_LOGIN_FAILED');
    expect(wrong.body.error.message).toBe(ERROR_MESSAGES.STAFF_LOGIN_FAILED);
    expect(wrong.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const withoutRequestId = (body: any) => ({ ...body.error, requestId: undefined });
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
    expect(Object.keys(unknown.body.error).sort()).toEqual(Object.keys(wrong.body.error).sort());
    expect(wrong.text).not.toContain('reviewer.a');
    expect(unknown.text).not.toContain('nobody.here');
  });

  it('refuses the sixth attempt after five failures with TOO_MANY_ATTEMPTS, even with the right password', async () => {
    await awayFromWindowEdge();
    for (let i = 0; i < DEFAULT_POLICY.staffLogin.maxFailures; i += 1) {
      expect((await login('reviewer.b', `wrong-${i}`)).body.error.code).toBe('STAFF_LOGIN_FAILED');
    }
    const locked = await login('reviewer.b', DEMO_STAFF_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(locked.body.token).toBeUndefined();
    // counted per username: colleagues still sign in
    expect((await login('reviewer.a', DEMO_STAFF_PASSWORD)).status).toBe(200);
  });

  it('throttles guessing at unknown usernames the same way', async () => {
    await awayFromWindowEdge();
    for (let i = 0; i < DEFAULT_POLICY.staffLogin.maxFailures; i += 1) await login('ghost.user', `guess-${i}`);
    const reply = await login('ghost.user', 'guess-5');
    expect(reply.status).toBe(429);
    expect(reply.body.error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('refuses a disabled staff user with STAFF_DISABLED, and a wrong password for them reveals nothing', async () => {
    const password = 'former-Clerk-2025';
    const item = staffUserItem({
      username: 'former.clerk',
      displayName: '柜台 已离职',
      roles: ['ACCOUNT_CLERK'],
      passwordHash: await hashPassword(password),
      disabled: true,
    });
    await doc().send(new PutCommand({ TableName: table.name, Item: item }));

    const since = new Date();
    const right = await login('former.clerk', password);
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('STAFF_DISABLED');
    expect(right.body.error.message).toBe(ERROR_MESSAGES.STAFF_DISABLED);
    expect(right.body.token).toBeUndefined();

    const wrong = await login('former.clerk', 'guess');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('STAFF_LOGIN_FAILED');
    expect((await auditRecords(table, since)).filter((r) => r.actor === 'former.clerk')).toEqual([]);
  });

  it("stops a token at once when the clerk is disabled or loses the role, not when the token runs out", async () => {
    const password = 'leaving-Clerk-2026';
    const user = { username: 'leaving.clerk', displayName: '柜台 即将离职', roles: ['ACCOUNT_CLERK' as const], passwordHash: await hashPassword(password), disabled: false };
    await doc().send(new PutCommand({ TableName: table.name, Item: staffUserItem(user) }));
    const { token } = (await login(user.username, password)).body;
    const lookUp = () => invoke(staffAccount, { token, params: { accountNo: '310100200001' } });
    expect((await lookUp()).status).toBe(200);

    await doc().send(new PutCommand({ TableName: table.name, Item: staffUserItem({ ...user, roles: ['REVIEWER'] }) }));
    const moved = await lookUp();
    expect([moved.status, moved.body.error.code]).toEqual([403, 'FORBIDDEN']);

    await doc().send(new PutCommand({ TableName: table.name, Item: staffUserItem({ ...user, disabled: true }) }));
    const disabled = await lookUp();
    expect([disabled.status, disabled.body.error.code]).toEqual([403, 'STAFF_DISABLED']);
    expect(disabled.body.error.message).toBe(ERROR_MESSAGES.STAFF_DISABLED);
  });

  it('leaves an audit record of every sign-in: who, what, when', async () => {
    const before = new Date();
    const reply = await login('auditor', DEMO_STAFF_PASSWORD);
    const after = new Date();
    const requestId = reply.headers['x-request-id'];
    expect(requestId).toBeTruthy();
    const records = (await auditRecords(table, before)).filter((r) => r.requestId === requestId);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({ actor: 'auditor', action: 'staff.login', target: 'auditor' });
    expect(record.pk).toBe(`AUDIT#${record.time.slice(0, 10)}`);
    expect(record.sk.startsWith(record.time)).toBe(true);
    expect(new Date(record.time).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(new Date(record.time).getTime()).toBeLessThanOrEqual(after.getTime() + 1000);
    expect(JSON.stringify(record)).not.toContain(DEMO_STAFF_PASSWORD);
    expect(JSON.stringify(record)).not.toContain(reply.body.token);
  });

  it('hands out no session when its audit record cannot be written', async () => {
    const reply = await withAuditWriteFailing(table, () => login('auditor', DEMO_STAFF_PASSWORD));
    expect(reply.status).toBe(500);
    expect(reply.text).not.toMatch(/token/i);
  });

  it('stores a salted scrypt hash of the password, never the password', async () => {
    const read = async (username: string) =>
      (await doc().send(new GetCommand({ TableName: table.name, Key: keys.staff(username), ConsistentRead: true }))).Item!;
    const clerk = await read('account.clerk');
    const other = await read('deposit.clerk');
    expect(clerk.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(clerk.passwordHash.split('$')[4], 'base64')).toHaveLength(16);
    expect(Buffer.from(clerk.passwordHash.split('$')[5], 'base64')).toHaveLength(32);
    expect(JSON.stringify(clerk)).not.toContain(DEMO_STAFF_PASSWORD);
    // same password, different salt, different hash
    expect(other.passwordHash).not.toBe(clerk.passwordHash);
    expect(await verifyPassword(DEMO_STAFF_PASSWORD, clerk.passwordHash)).toBe(true);
    expect(await verifyPassword(`${DEMO_STAFF_PASSWORD} `, clerk.passwordHash)).toBe(false);
  });
});
