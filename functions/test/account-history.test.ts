/**
 * An account's ledger and audit trail for staff (GET /v1/staff/accounts/{accountNo}/ledger and
 * /audit), on DynamoDB Local: every 开户 / 封存 / 启封 / 销户 is in the account's trail with who and
 * why, newest first, a page at a time, and nothing of another account; the ledger newest first in
 * pages that join up.
 */
import { idNumberCheckChar } from '@hpf/shared';
import { audit, ledger } from '../src/accounts/history';
import { handler as openAccount } from '../src/accounts/open';
import { close, seal, unseal } from '../src/accounts/life-cycle';
import { allLedgerEntries } from '../src/adapters/accounts-repository';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const ACCOUNT_NO = '310100400001';
const OTHER = '310100400002';

function openRequest(accountNo: string, first17: string) {
  return {
    accountNo,
    name: '审计甲',
    idNumber: `${first17}${idNumberCheckChar(first17)}`,
    phone: '13712345678',
    employer: '审计测试单位',
    openedOn: '2026-01-01',
    depositBaseFen: 800_000,
    unitRateBasisPoints: 700,
    personalRateBasisPoints: 700,
  };
}

let clerk: string;
let auditor: string;

beforeAll(async () => {
  clerk = await staffToken('account.clerk');
  auditor = await staffToken('auditor');
  expect((await invoke(openAccount, { token: clerk, body: openRequest(ACCOUNT_NO, '31010419900101011') })).status).toBe(200);
  expect((await invoke(openAccount, { token: clerk, body: openRequest(OTHER, '31010419900101012') })).status).toBe(200);
  const params = { accountNo: ACCOUNT_NO };
  expect((await invoke(seal, { token: clerk, params, body: { reason: '单位出具离职证明', sealReason: 'LEFT_JOB' } })).status).toBe(200);
  expect((await invoke(unseal, { token: clerk, params, body: { reason: '到新单位入职' } })).status).toBe(200);
  expect((await invoke(close, { token: clerk, params, body: { reason: '出国定居，余额为零' } })).status).toBe(200);
  expect((await invoke(seal, { token: clerk, params: { accountNo: OTHER }, body: { reason: '另一个账户的封存', sealReason: 'EMPLOYER' } })).status).toBe(200);
});

describe('an account audit trail', () => {
  it('lists every change of the account, newest first, with who, what in words and why', async () => {
    const reply = await invoke(audit, { token: auditor, params: { accountNo: ACCOUNT_NO } });
    expect(reply.status).toBe(200);
    const records = reply.body.records as Record<string, string>[];
    expect(records.map(({ label, actor, reason, note }) => ({ label, actor, reason, note }))).toEqual([
      { label: '销户', actor: 'account.clerk', reason: '出国定居，余额为零', note: undefined },
      { label: '启封', actor: 'account.clerk', reason: '到新单位入职', note: undefined },
      { label: '封存', actor: 'account.clerk', reason: '单位出具离职证明', note: '封存原因：离职' },
      { label: '开户', actor: 'account.clerk', reason: undefined, note: '单位：审计测试单位' },
    ]);
    expect(records.map((record) => record.action)).toEqual(['account.close', 'account.unseal', 'account.seal', 'account.open']);
    const times = records.map((record) => Date.parse(record.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(reply.body.nextCursor).toBeUndefined();
  });

  it('pages through the trail with the cursor, and refuses a cursor that is not one', async () => {
    const first = await invoke(audit, { token: clerk, params: { accountNo: ACCOUNT_NO }, query: { limit: '3' } });
    expect(first.body.records.map((r: { label: string }) => r.label)).toEqual(['销户', '启封', '封存']);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await invoke(audit, { token: clerk, params: { accountNo: ACCOUNT_NO }, query: { limit: '3', cursor: first.body.nextCursor } });
    expect(second.body.records.map((r: { label: string }) => r.label)).toEqual(['开户']);
    const forged = await invoke(audit, { token: clerk, params: { accountNo: ACCOUNT_NO }, query: { cursor: Buffer.from('ACCT#310100400002').toString('base64url') } });
    expect(forged.status).toBe(400);
    expect(forged.body.error.message).toContain('翻页标记无效');
  });

  it('holds nothing of another account', async () => {
    const other = await invoke(audit, { token: clerk, params: { accountNo: OTHER } });
    expect(other.body.records.map((r: { label: string; reason?: string }) => `${r.label}:${r.reason ?? ''}`)).toEqual(['封存:另一个账户的封存', '开户:']);
    const nobody = await invoke(audit, { token: clerk, params: { accountNo: '310100499999' } });
    expect(nobody.body).toEqual({ records: [] });
  });

  it('is for auditors and account clerks only', async () => {
    for (const username of ['deposit.clerk', 'reviewer.a']) {
      expect((await invoke(audit, { token: await staffToken(username), params: { accountNo: ACCOUNT_NO } })).status).toBe(403);
    }
  });
});

describe('an account ledger for staff', () => {
  const renter = () => table.members.find((member) => member.openid === 'demo-renter')!.account.accountNo;

  it('lists the entries newest first, in pages that join up without a gap or a repeat', async () => {
    const all = await allLedgerEntries(table.name, renter());
    expect(all.length).toBeGreaterThan(25);
    const first = await invoke(ledger, { token: await staffToken('deposit.clerk'), params: { accountNo: renter() } });
    expect(first.status).toBe(200);
    expect(first.body.entries).toHaveLength(20);
    const second = await invoke(ledger, { token: auditor, params: { accountNo: renter() }, query: { limit: '100', cursor: first.body.nextCursor } });
    const ids = [...first.body.entries, ...second.body.entries].map((entry: { entryId: string }) => entry.entryId);
    expect(ids).toEqual(all.map((entry) => entry.entryId).reverse());
    expect(second.body.nextCursor).toBeUndefined();
    // the staff view is the member's view of an entry: no staff attribution, no hash chain
    expect(Object.keys(first.body.entries[0])).not.toContain('chainHash');
  });

  it('says when there is no such account, and is not for reviewers', async () => {
    const missing = await invoke(ledger, { token: clerk, params: { accountNo: '310100499999' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await invoke(ledger, { token: await staffToken('reviewer.a'), params: { accountNo: renter() } })).status).toBe(403);
  });
});
