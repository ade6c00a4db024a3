import { chinaDate } from '@hpf/shared';
import { httpBank } from '../src/adapters/bank-client';
import { httpStatements } from '../src/adapters/bank-statements';
import { startBankSimulator, type BankSimulator } from '../src/dev/bank-simulator';

/** Runs `fn` with the clock (Date only) at `iso`; the simulator in this process sees the same clock. */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ now: new Date(iso), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'performance', 'hrtime'] });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

const DAY = 86_400_000;
const today = chinaDate(new Date());
const dayBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);
const yesterday = dayBefore(today, 1);
// noon in China on that day
const noonOf = (date: string) => `${date}T04:00:00Z`;

let bank: BankSimulator;
const api = () => ({ apiBase: bank.baseUrl, timeoutMs: 1000 });

beforeEach(async () => {
  bank = await startBankSimulator({ hangMs: 500 });
});
afterEach(() => bank.stop());

async function pay(payoutId: string, amountFen: number, date: string) {
  return at(noonOf(date), () => httpBank(api()).send({ payoutId, cardNo: '6222020200112233445', name: '张明', amountFen }));
}

describe('the bank simulator’s daily statement, read through the HTTP adapter', () => {
  it('shows what the bank really received and paid that day, the opening carried from the days before', async () => {
    bank.receive({ reference: 'BATCH-EARLIER', amountFen: 1_000_000, valueDate: dayBefore(today, 2) });
    bank.receive({ reference: 'BATCH-A', amountFen: 500_000, valueDate: yesterday });
    await pay('R-PAID', 150_000, yesterday);
    bank.setMode('fail');
    expect((await pay('R-REFUSED', 90_000, yesterday)).status).toBe('REFUSED');
    bank.setMode('succeed');

    const collection = await httpStatements(api()).fetch(bank.accounts.collection, yesterday);
    expect(collection).toEqual({
      status: 'OK',
      statement: { accountNo: bank.accounts.collection, date: yesterday, openingFen: 1_000_000, closingFen: 1_500_000, lines: [expect.objectContaining({ reference: 'BATCH-A', direction: 'CREDIT', amountFen: 500_000 })] },
    });
    const payout = await httpStatements(api()).fetch(bank.accounts.payout, yesterday);
    // the refused payout never left the bank: no line
    expect(payout.status === 'OK' && payout.statement.lines.map((l) => [l.reference, l.direction, l.amountFen])).toEqual([['R-PAID', 'DEBIT', 150_000]]);
    expect(payout.status === 'OK' && payout.statement.closingFen).toBe(-150_000);
  });

  it('serves no statement for a day not yet over, and says when it cannot be read', async () => {
    expect(await httpStatements(api()).fetch(bank.accounts.payout, today)).toEqual({ status: 'NOT_READY' });
    expect((await httpStatements(api()).fetch('99999999', yesterday)).status).toBe('UNAVAILABLE');
    bank.setMode('error-500');
    expect(await httpStatements(api()).fetch(bank.accounts.payout, yesterday)).toEqual({ status: 'UNAVAILABLE', why: 'HTTP 500' });
    bank.setMode('down');
    expect((await httpStatements(api()).fetch(bank.accounts.payout, yesterday)).status).toBe('UNAVAILABLE');
  });

  it('makes the statement wrong as told: a line missing, a duplicate, an amount off, a payout never made, a credit nobody sent', async () => {
    for (const [reference, amountFen] of [['R-1', 10_000], ['R-2', 20_000], ['R-3', 30_000], ['R-4', 40_000]] as const) await pay(reference, amountFen, yesterday);
    const faults = { accountNo: bank.accounts.payout, date: yesterday };
    // one over HTTP, as the soak and the dev stack tell it
    const told = await fetch(`${bank.baseUrl}/_control/statement-faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...faults, fault: { kind: 'missing-line', reference: 'R-1' } }) });
    expect(told.status).toBe(200);
    bank.injectFault(faults.accountNo, faults.date, { kind: 'duplicate', reference: 'R-2' });
    bank.injectFault(faults.accountNo, faults.date, { kind: 'amount-off', reference: 'R-3', deltaFen: 1 });
    bank.injectFault(faults.accountNo, faults.date, { kind: 'never-made', reference: 'R-4' });
    bank.injectFault(faults.accountNo, faults.date, { kind: 'unknown-credit', reference: 'GHOST-1', amountFen: 777 });

    const answer = await httpStatements(api()).fetch(bank.accounts.payout, yesterday);
    if (answer.status !== 'OK') throw new Error(answer.status);
    expect(answer.statement.lines.map((l) => [l.reference, l.direction, l.amountFen])).toEqual([
      ['R-2', 'DEBIT', 20_000],
      ['R-3', 'DEBIT', 30_001],
      ['R-2', 'DEBIT', 20_000],
      ['GHOST-1', 'CREDIT', 777],
    ]);
    // the bank holds what it moved: R-1 paid (its line missing), R-2 twice, R-3 one fen more, R-4 never, the credit
    expect(answer.statement.closingFen).toBe(-(10_000 + 2 * 20_000 + 30_001) + 777);
    expect(new Set(answer.statement.lines.map((l) => l.lineId)).size).toBe(4);
  });
});
