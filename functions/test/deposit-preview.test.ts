/** 入账预检 against DynamoDB Local: each line's fate told before anything is posted, and nothing posted. */
import { nextMonth } from '@hpf/shared';
import { handler as preview } from '../src/deposits/preview';
import { getAccount } from '../src/adapters/accounts-repository';
import { dueLine } from '../src/dev/synthetic-accounts';
import { config } from '../src/platform/config';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const RENTER = '310100200001';
const SEALED = '310100200002';
const BORROWER = '310100200003';

describe('POST /v1/staff/deposit-batches/preview', () => {
  it('says of every line whether it would post, with the 核定 amount, and posts nothing', async () => {
    const token = await staffToken('deposit.clerk');
    const renter = (await getAccount(table.name, RENTER))!;
    const borrower = (await getAccount(table.name, BORROWER))!;
    const sealed = (await getAccount(table.name, SEALED))!;
    const policy = config().policy;
    const month = nextMonth(renter.paidUpTo!);
    const good = dueLine(renter, 1, month, policy);
    const lines = [
      good,
      { ...dueLine(borrower, 2, nextMonth(borrower.paidUpTo!), policy), unitFen: 1 },
      { ...good, lineNo: 3, accountNo: '310100299999' },
      dueLine(sealed, 4, nextMonth(sealed.paidUpTo!), policy),
      dueLine(renter, 5, renter.paidUpTo!, policy),
      { ...good, lineNo: 6 },
    ];
    const reply = await invoke(preview, { token, body: { batchId: 'PREVIEW-1', lines } });
    expect(reply.status).toBe(200);
    const byLine = Object.fromEntries(reply.body.lines.map((line: any) => [line.lineNo, line]));
    expect(byLine[1]).toMatchObject({ outcome: 'ready', holderName: '张明', dueUnitFen: good.unitFen, duePersonalFen: good.personalFen });
    expect(byLine[2]).toMatchObject({ outcome: 'refused', code: 'AMOUNT_MISMATCH', holderName: '王强' });
    expect(byLine[2].dueUnitFen).toBeGreaterThan(1);
    expect(byLine[3]).toMatchObject({ outcome: 'refused', code: 'ACCOUNT_NOT_FOUND' });
    expect(byLine[3].message).toContain('310100299999');
    expect(byLine[4]).toMatchObject({ outcome: 'refused', code: 'ACCOUNT_SEALED' });
    expect(byLine[5]).toMatchObject({ outcome: 'already', code: 'MONTH_ALREADY_DEPOSITED' });
    expect(byLine[6]).toMatchObject({ outcome: 'refused', code: 'DUPLICATE_IN_FILE' });
    expect(byLine[6].message).toContain('第 1 行');
    expect(reply.body.counts).toEqual({ ready: 1, already: 1, refused: 4 });
    expect(reply.body.readyTotalFen).toBe(good.unitFen + good.personalFen);

    // nothing was posted
    expect(await getAccount(table.name, RENTER)).toMatchObject({ version: renter.version, balanceFen: renter.balanceFen, paidUpTo: renter.paidUpTo });
  });

  it('is for deposit clerks only, and takes a valid batch', async () => {
    const line = { lineNo: 1, accountNo: RENTER, month: '2026-01', unitFen: 100, personalFen: 100 };
    expect((await invoke(preview, { token: await staffToken('account.clerk'), body: { batchId: 'P', lines: [line] } })).status).toBe(403);
    expect((await invoke(preview, { body: { batchId: 'P', lines: [line] } })).status).toBe(401);
    const bad = await invoke(preview, { token: await staffToken('deposit.clerk'), body: { batchId: 'P', lines: [] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
