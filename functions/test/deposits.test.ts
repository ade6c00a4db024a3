import { chinaDate, DEFAULT_POLICY, formatCurrency } from '@hpf/shared';
import { handler as postBatch } from '../src/deposits/handler';
import { handler as myLedger } from '../src/account/get-ledger';
import { handler as myAccount } from '../src/account/get-account';
import { allAccountLedgers } from '../src/adapters/accounts-repository';
import { checkAccountLedger } from '../src/ledger/consistency';
import { dueLine, syntheticAccount, writeSyntheticAccounts } from '../src/dev/synthetic-accounts';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const member = (openid: string) => table.members.find((m) => m.openid === openid)!;
let clerk: string;
const accounts = Array.from({ length: 6 }, (_, i) => syntheticAccount(i + 1, '8'));
const closed = { ...syntheticAccount(7, '8'), status: 'CLOSED' as const };
const thisMonth = chinaDate(new Date()).slice(0, 7);

beforeAll(async () => {
  clerk = await staffToken('deposit.clerk');
  await writeSyntheticAccounts(table.client, table.name, [...accounts, closed]);
});

async function ledgerViolations() {
  const violations = [];
  for await (const ledger of allAccountLedgers(table.name)) violations.push(...checkAccountLedger(ledger));
  return violations;
}

describe('posting a deposit batch (归集)', () => {
  it("credits each member, and the member sees 缴存 with month, unit and personal share", async () => {
    const renter = member('demo-renter').account;
    const line = dueLine(renter, 1, thisMonth, DEFAULT_POLICY);
    const reply = await invoke(postBatch, { token: clerk, body: { batchId: 'B202611-001', lines: [line] } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ complete: true, counts: { posted: 1, duplicate: 0, rejected: 0, pending: 0 } });
    expect(reply.body.results[0]).toMatchObject({ lineNo: 1, outcome: 'posted', entryId: String(renter.version + 1).padStart(10, '0') });

    const { token } = await signIn('demo-renter');
    const account = (await invoke(myAccount, { token })).body;
    expect(account.balanceFen).toBe(renter.balanceFen + 168_000);
    expect(account.paidUpTo).toBe(thisMonth);
    expect(account.continuousMonths).toBe(renter.continuousMonths + 1);
    const newest = (await invoke(myLedger, { token, query: { limit: '1' } })).body.entries[0];
    expect(newest).toMatchObject({
      kind: 'DEPOSIT',
      amountFen: 168_000,
      depositMonth: thisMonth,
      description: `缴存 ${thisMonth} 单位 ${formatCurrency(84_000)} 个人 ${formatCurrency(84_000)}`,
      balanceAfterFen: renter.balanceFen + 168_000,
    });
  });

  it('is a no-op returning the original entry when the same batch is posted again', async () => {
    const lines = accounts.slice(0, 3).map((a, i) => dueLine(a, i + 1, '2026-10', DEFAULT_POLICY));
    const first = await invoke(postBatch, { token: clerk, body: { batchId: 'B-REPOST', lines } });
    expect(first.body.counts).toEqual({ posted: 3, duplicate: 0, rejected: 0, pending: 0 });
    const second = await invoke(postBatch, { token: clerk, body: { batchId: 'B-REPOST', lines } });
    expect(second.body.counts).toEqual({ posted: 0, duplicate: 3, rejected: 0, pending: 0 });
    expect(second.body.results.map((r: any) => r.entryId)).toEqual(first.body.results.map((r: any) => r.entryId));
  });

  it('posts an account-month once even when another batch brings it again', async () => {
    const line = dueLine(accounts[0], 7, '2026-10', DEFAULT_POLICY);
    const reply = await invoke(postBatch, { token: clerk, body: { batchId: 'B-OTHER', lines: [line] } });
    expect(reply.body.results[0]).toMatchObject({ outcome: 'duplicate', entryId: '0000000001', message: expect.stringContaining('B-REPOST') });
  });

  it('refuses a line number reused with different content', async () => {
    const changed = dueLine(accounts[3], 1, '2026-10', DEFAULT_POLICY); // B-REPOST line 1 was accounts[0]
    const reply = await invoke(postBatch, { token: clerk, body: { batchId: 'B-REPOST', lines: [changed] } });
    expect(reply.body.results[0]).toMatchObject({ outcome: 'rejected', code: 'LINE_CONFLICT' });
  });

  it('rejects lines for sealed and closed accounts, and wrong amounts, each with a code, and posts the rest', async () => {
    const sealed = member('demo-sealed').account;
    const lines = [
      dueLine(sealed, 1, '2026-10', DEFAULT_POLICY),
      { ...dueLine(accounts[4], 2, '2026-10', DEFAULT_POLICY), unitFen: 1 },
      { ...dueLine(accounts[4], 3, '2026-10', DEFAULT_POLICY), name: '别人' },
      { ...dueLine(accounts[4], 4, '2026-10', DEFAULT_POLICY), accountNo: '999999999999' },
      dueLine(accounts[5], 5, '2026-10', DEFAULT_POLICY),
      dueLine(closed, 6, '2026-10', DEFAULT_POLICY),
    ];
    const reply = await invoke(postBatch, { token: clerk, body: { batchId: 'B-MIXED', lines } });
    expect(reply.body.results.map((r: any) => [r.outcome, r.code])).toEqual([
      ['rejected', 'ACCOUNT_SEALED'],
      ['rejected', 'AMOUNT_MISMATCH'],
      ['rejected', 'NAME_MISMATCH'],
      ['rejected', 'ACCOUNT_NOT_FOUND'],
      ['posted', undefined],
      ['rejected', 'ACCOUNT_CLOSED'],
    ]);
    expect(reply.body.results[0].message).toMatch(/封存/);
  });

  it('accepts the bank CSV file, amounts in yuan, converted without floating point', async () => {
    const a = accounts[1];
    const line = dueLine(a, 1, '2026-09', DEFAULT_POLICY);
    const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    const csv = `\uFEFFline,account_no,name,month,unit_amount,personal_amount\r\n1,${a.accountNo},"${a.name}",2026-09,${yuan(line.unitFen)},${yuan(line.personalFen)}\r\n`;
    const reply = await invoke(postBatch, {
      token: clerk,
      rawBody: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      query: { batchId: 'B-CSV-1' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.results[0]).toMatchObject({ outcome: 'posted' });

    const broken = await invoke(postBatch, {
      token: clerk,
      rawBody: 'line,account_no,name,month,unit_amount,personal_amount\n1,123,x,2026-13,1.234,abc\n',
      headers: { 'content-type': 'text/csv' },
      query: { batchId: 'B-CSV-2' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('INVALID_REQUEST');
    expect(broken.body.error.message).toMatch(/第 2 行/);
  });

  it('refuses a batch with floats, strings or negative amounts before posting anything', async () => {
    for (const unitFen of [840.5, '84000', -1, 1e20]) {
      const reply = await invoke(postBatch, {
        token: clerk,
        body: { batchId: 'B-BAD', lines: [{ ...dueLine(accounts[2], 1, '2026-08', DEFAULT_POLICY), unitFen }] },
      });
      expect(reply.status).toBe(400);
    }
    const reply = await invoke(postBatch, { token: clerk, body: { batchId: 'B-BAD', lines: [dueLine(accounts[2], 1, '2026-08', DEFAULT_POLICY)] } });
    expect(reply.body.results[0].outcome).toBe('posted');
  });

  it('is for deposit clerks only', async () => {
    const body = { batchId: 'B-X', lines: [dueLine(accounts[2], 1, '2026-07', DEFAULT_POLICY)] };
    expect((await invoke(postBatch, { body })).status).toBe(401);
    expect((await invoke(postBatch, { token: await staffToken('account.clerk'), body })).status).toBe(403);
    expect((await invoke(postBatch, { token: (await signIn('demo-renter')).token, body })).status).toBe(403);
  });

  it('answers a line whose write failed on the way (throttled, or committed but unanswered) as pending; posting again settles it once', async () => {
    const { dynamo } = await import('../src/platform/dynamo');
    const doc = dynamo();
    const realSend = doc.send.bind(doc);
    const lines = accounts.slice(3, 6).map((a, i) => dueLine(a, i + 1, '2026-06', DEFAULT_POLICY));
    const [throttled, unanswered] = [lines[0].accountNo, lines[2].accountNo];
    const touches = (command: object, accountNo: string) => JSON.stringify(command).includes(accountNo);
    (doc as unknown as { send: unknown }).send = async (command: { constructor: { name: string } }) => {
      if (command.constructor.name !== 'TransactWriteCommand') return realSend(command as never);
      if (touches(command, throttled)) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      const result = await realSend(command as never);
      if (touches(command, unanswered)) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      return result;
    };
    let first;
    try {
      first = await invoke(postBatch, { token: clerk, body: { batchId: 'B-FLAKY', lines } });
    } finally {
      (doc as unknown as { send: unknown }).send = realSend;
    }
    expect(first.status).toBe(200);
    expect(first.body.complete).toBe(false);
    expect(first.body.results.map((r: any) => r.outcome)).toEqual(['pending', 'posted', 'pending']);
    expect(first.body.results[0].message).toContain('重新提交');
    const again = await invoke(postBatch, { token: clerk, body: { batchId: 'B-FLAKY', lines } });
    expect(again.body.complete).toBe(true);
    // the unanswered write had stood: it is found, not posted twice
    expect(again.body.results.map((r: any) => r.outcome)).toEqual(['posted', 'duplicate', 'duplicate']);
  });

  it('leaves every ledger consistent: balance = Σ entries, gapless, hash chain intact', async () => {
    expect(await ledgerViolations()).toEqual([]);
  });
});
