/**
 * A local stand-in for the bank's payout API, speaking plain HTTP + JSON. A payout is keyed by
 * its payoutId: sending the same id again never pays twice (as the real interface promises), and
 * the simulator counts money actually sent per id so tests can prove nothing was paid twice.
 *
 * It misbehaves on command (`POST /_control/mode {"mode": …, "slowMs": …}`, or `setMode`):
 * - `succeed`; `fail` — refuses: the card is closed (a definite refusal);
 * - `refuse-malformed` — answers 400 MALFORMED_REQUEST, as a bank does to a request it cannot read;
 * - `timeout-before-paying` / `timeout-after-paying` — hangs up without an answer, before or after
 *   the money left;
 * - `down` — the connection is dropped at once, for sends and lookups alike;
 * - `error-500` — 500 with an HTML page, for sends and lookups (the money did not leave);
 * - `slow` — answers correctly after `slowMs` (longer than the caller waits, it is a timeout).
 *
 * It also keeps the centre's two accounts at this bank and serves each day's statement
 * (`GET /accounts/<accountNo>/statements/<yyyy-mm-dd>`), made from what it really received and
 * paid: a payout it paid is a debit of the payout account on the China date it paid it; money it
 * received (an employer's remittance for a deposit batch, the centre's interest funding) is told
 * to it with `POST /_control/credits` (or `receive`), as the employer's bank would send it. A
 * statement is served only for a day that has ended (404 `NOT_READY` before). Tests make the
 * statement wrong on purpose with `POST /_control/statement-faults` (or `injectFault`):
 * `missing-line` (the line left out, the closing as if it were there), `duplicate` (booked
 * twice), `amount-off` (by `deltaFen`), `never-made` (a payout it answered PAID and never paid)
 * and `unknown-credit` (a credit under a reference the centre never issued).
 *
 * 商贷自动划转: the cooperating banks' mortgages (`POST /_control/loans`, or `addLoan`) answer
 * `GET /loans/<bank>/<contract>/instalments/<yyyy-mm>` with the month's instalment and what was
 * repaid of it — a payout paid to the loan's repayment account counts, on the China date it was
 * paid, as does what the member paid at the bank themselves (`payAtBank`). A loan marked closed
 * refuses transfers to its repayment account (`LOAN_ACCOUNT_CLOSED`), as a bank would.
 */
import { createServer } from 'node:http';
import { chinaDate } from '@hpf/shared';
import { listen, readJson, sendJson as send } from './http-simulator';

export type BankMode = 'succeed' | 'fail' | 'refuse-malformed' | 'timeout-before-paying' | 'timeout-after-paying' | 'down' | 'error-500' | 'slow';

export const BANK_MODES: readonly BankMode[] = ['succeed', 'fail', 'refuse-malformed', 'timeout-before-paying', 'timeout-after-paying', 'down', 'error-500', 'slow'];

export interface BankPayout {
  payoutId: string;
  cardNo: string;
  name: string;
  amountFen: number;
  status: 'PAID' | 'FAILED';
  /** How many times money left the bank for this id (must never exceed 1). */
  timesPaid: number;
}

export interface BankCredit {
  reference: string;
  amountFen: number;
  /** The China date the money arrived. */
  valueDate: string;
}

export type StatementFault =
  | { kind: 'missing-line' | 'duplicate' | 'never-made'; reference: string }
  | { kind: 'amount-off'; reference: string; deltaFen: number }
  | { kind: 'unknown-credit'; reference: string; amountFen: number };

export const STATEMENT_FAULT_KINDS = ['missing-line', 'duplicate', 'never-made', 'amount-off', 'unknown-credit'] as const;

interface Movement {
  lineId: string;
  reference: string;
  direction: 'CREDIT' | 'DEBIT';
  amountFen: number;
  valueDate: string;
}

export interface BankLoan {
  bankCode: string;
  contractNo: string;
  borrowerName: string;
  borrowerIdNumber: string;
  repaymentAccount: string;
  monthlyFen: number;
  /** The day of each month the instalment is due. */
  dueDay: number;
  /** The repayment account no longer takes money (a refusal for every transfer to it). */
  closed?: boolean;
}

export interface BankSimulator {
  baseUrl: string;
  /** The centre's accounts here: employers' remittances land on the first, payouts leave the second. */
  accounts: { collection: string; payout: string };
  receive(credit: BankCredit): void;
  injectFault(accountNo: string, date: string, fault: StatementFault): void;
  payouts: Map<string, BankPayout>;
  /** Every POST /payouts received, per payoutId (resends after a lookup included). */
  sends: Map<string, number>;
  setMode(mode: BankMode, options?: { slowMs?: number }): void;
  /** A mortgage at a cooperating bank (replaces one under the same bank and contract). */
  addLoan(loan: BankLoan): void;
  /** The member paid `amountFen` of the month's instalment at the bank themselves. */
  payAtBank(bankCode: string, contractNo: string, month: string, amountFen: number): void;
  stop(): Promise<void>;
}

export function startBankSimulator(
  options: { port?: number; hangMs?: number; accounts?: { collection: string; payout: string } } = {},
): Promise<BankSimulator> {
  const accounts = options.accounts ?? { collection: '31001500000050010001', payout: '31001500000050020002' };
  const movements = new Map<string, Movement[]>([
    [accounts.collection, []],
    [accounts.payout, []],
  ]);
  const faults = new Map<string, StatementFault[]>();
  let lineNo = 0;
  const book = (accountNo: string, movement: Omit<Movement, 'lineId'>) => {
    lineNo += 1;
    movements.get(accountNo)!.push({ ...movement, lineId: `L${String(lineNo).padStart(8, '0')}` });
  };
  const receive = (credit: BankCredit) => book(accounts.collection, { reference: credit.reference, direction: 'CREDIT', amountFen: credit.amountFen, valueDate: credit.valueDate });
  const injectFault = (accountNo: string, date: string, fault: StatementFault) => faults.set(`${accountNo}#${date}`, [...(faults.get(`${accountNo}#${date}`) ?? []), fault]);
  const payouts = new Map<string, BankPayout>();
  const sends = new Map<string, number>();
  const loans = new Map<string, BankLoan>();
  const paidAtBank = new Map<string, number>();
  const loanKey = (bankCode: string, contractNo: string) => `${bankCode}#${contractNo}`;
  const addLoan = (loan: BankLoan) => loans.set(loanKey(loan.bankCode, loan.contractNo), loan);
  const payAtBank = (bankCode: string, contractNo: string, month: string, amountFen: number) =>
    paidAtBank.set(`${loanKey(bankCode, contractNo)}#${month}`, (paidAtBank.get(`${loanKey(bankCode, contractNo)}#${month}`) ?? 0) + amountFen);
  const loanByAccount = (repaymentAccount: string) => [...loans.values()].find((loan) => loan.repaymentAccount === repaymentAccount);
  /** Paid into the loan's repayment account in `month`: our transfers (by the day the bank paid them) and the member's own. */
  const repaidIn = (loan: BankLoan, month: string) =>
    (movements.get(accounts.payout) ?? [])
      .filter((m) => m.valueDate.slice(0, 7) === month && payouts.get(m.reference)?.cardNo === loan.repaymentAccount)
      .reduce((sum, m) => sum + m.amountFen, 0) + (paidAtBank.get(`${loanKey(loan.bankCode, loan.contractNo)}#${month}`) ?? 0);
  let mode: BankMode = 'succeed';
  let slowMs = 2_000;
  const hangMs = options.hangMs ?? 10_000;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://bank');
    // test control (the simulator only): how the next payouts behave, and what was paid
    if (req.method === 'POST' && url.pathname === '/_control/mode') {
      const body = await readJson(req);
      mode = BANK_MODES.includes(body?.mode) ? body.mode : 'succeed';
      if (Number.isSafeInteger(body?.slowMs)) slowMs = body.slowMs;
      return send(res, 200, { mode, slowMs });
    }
    if (req.method === 'GET' && url.pathname === '/_control/payouts') return send(res, 200, { payouts: [...payouts.values()] });
    if (req.method === 'POST' && url.pathname === '/_control/credits') {
      const body = await readJson(req);
      if (typeof body?.reference !== 'string' || !Number.isSafeInteger(body.amountFen) || !/^\d{4}-\d{2}-\d{2}$/.test(String(body.valueDate))) return send(res, 400, { code: 'MALFORMED_REQUEST' });
      receive(body);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/_control/loans') {
      const body = await readJson(req);
      if (typeof body?.bankCode !== 'string' || typeof body.contractNo !== 'string' || !Number.isSafeInteger(body.monthlyFen)) return send(res, 400, { code: 'MALFORMED_REQUEST' });
      addLoan({ dueDay: 20, ...body });
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname === '/_control/statement-faults') {
      const body = await readJson(req);
      if (!movements.has(body?.accountNo) || !STATEMENT_FAULT_KINDS.includes(body?.fault?.kind)) return send(res, 400, { code: 'MALFORMED_REQUEST' });
      injectFault(body.accountNo, body.date, body.fault);
      return send(res, 200, { ok: true });
    }

    if (mode === 'down') return void req.socket.destroy();
    if (mode === 'error-500') {
      res.writeHead(500, { 'content-type': 'text/html' });
      return void res.end('<html><body>Internal Server Error</body></html>');
    }
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));

    const statement = /^\/accounts\/(\d+)\/statements\/(\d{4}-\d{2}-\d{2})$/.exec(url.pathname);
    if (req.method === 'GET' && statement) {
      const [, accountNo, date] = statement;
      if (!movements.has(accountNo)) return send(res, 404, { code: 'NOT_FOUND' });
      if (date >= chinaDate(new Date())) return send(res, 404, { code: 'NOT_READY' });
      return send(res, 200, statementOf(accountNo, date, movements.get(accountNo)!, faults.get(`${accountNo}#${date}`) ?? []));
    }

    const instalment = /^\/loans\/([A-Z]+)\/([A-Z0-9]+)\/instalments\/(\d{4}-\d{2})$/.exec(url.pathname);
    if (req.method === 'GET' && instalment) {
      const [, bankCode, contractNo, month] = instalment;
      const loan = loans.get(loanKey(bankCode, contractNo));
      if (!loan) return send(res, 404, { code: 'NOT_FOUND' });
      return send(res, 200, {
        contractNo,
        month,
        dueFen: loan.monthlyFen,
        paidFen: Math.min(loan.monthlyFen, repaidIn(loan, month)),
        dueDate: `${month}-${String(loan.dueDay).padStart(2, '0')}`,
        borrowerName: loan.borrowerName,
        borrowerIdNumber: loan.borrowerIdNumber,
        repaymentAccount: loan.repaymentAccount,
      });
    }

    const lookup = /^\/payouts\/([A-Za-z0-9-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && lookup) {
      const payout = payouts.get(lookup[1]);
      return payout ? send(res, 200, { payoutId: payout.payoutId, status: payout.status }) : send(res, 404, { code: 'NOT_FOUND' });
    }
    if (req.method === 'POST' && url.pathname === '/payouts') {
      const body = await readJson(req);
      if (!body?.payoutId || !Number.isSafeInteger(body.amountFen) || body.amountFen <= 0) return send(res, 400, { code: 'MALFORMED_REQUEST' });
      sends.set(body.payoutId, (sends.get(body.payoutId) ?? 0) + 1);
      const existing = payouts.get(body.payoutId);
      if (existing) return send(res, 200, { payoutId: existing.payoutId, status: existing.status });
      if (mode === 'refuse-malformed') return send(res, 400, { code: 'MALFORMED_REQUEST', reason: 'payee name field invalid' });
      if (mode === 'timeout-before-paying') {
        setTimeout(() => res.destroy(), hangMs).unref();
        return;
      }
      const closedLoan = loanByAccount(body.cardNo)?.closed === true;
      const refused = mode === 'fail' || closedLoan;
      const payout: BankPayout = {
        payoutId: body.payoutId,
        cardNo: body.cardNo,
        name: body.name,
        amountFen: body.amountFen,
        status: refused ? 'FAILED' : 'PAID',
        timesPaid: refused ? 0 : 1,
      };
      payouts.set(payout.payoutId, payout);
      if (payout.status === 'PAID') book(accounts.payout, { reference: payout.payoutId, direction: 'DEBIT', amountFen: payout.amountFen, valueDate: chinaDate(new Date()) });
      if (mode === 'timeout-after-paying') {
        setTimeout(() => res.destroy(), hangMs).unref();
        return;
      }
      const refusal = closedLoan ? { code: 'LOAN_ACCOUNT_CLOSED', reason: '贷款还款账户已关闭' } : { code: 'CARD_CLOSED', reason: '收款卡状态异常' };
      return send(res, 200, { payoutId: payout.payoutId, status: payout.status, ...(payout.status === 'FAILED' ? refusal : {}) });
    }
    send(res, 404, { code: 'NOT_FOUND' });
  });
  return listen(server, options.port).then(({ baseUrl, close }) => ({
    baseUrl,
    accounts,
    receive,
    injectFault,
    payouts,
    sends,
    setMode: (next: BankMode, more: { slowMs?: number } = {}) => {
      mode = next;
      if (more.slowMs !== undefined) slowMs = more.slowMs;
    },
    addLoan,
    payAtBank,
    stop: close,
  }));
}

const signedFen = (movement: Pick<Movement, 'direction' | 'amountFen'>) => (movement.direction === 'CREDIT' ? movement.amountFen : -movement.amountFen);

/** The day's statement of one account: opening from every earlier day, then the day's lines as the faults make them. */
function statementOf(accountNo: string, date: string, all: readonly Movement[], faults: readonly StatementFault[]) {
  const openingFen = all.filter((m) => m.valueDate < date).reduce((sum, m) => sum + signedFen(m), 0);
  let lines = all.filter((m) => m.valueDate === date);
  // what the bank really holds at the end of the day; a missing line leaves it as it is
  let closingFen = openingFen + lines.reduce((sum, m) => sum + signedFen(m), 0);
  for (const fault of faults) {
    const index = lines.findIndex((m) => m.reference === fault.reference);
    const line = lines[index];
    if (fault.kind === 'unknown-credit') {
      lines = [...lines, { lineId: `X${lines.length + 1}-${date}`, reference: fault.reference, direction: 'CREDIT', amountFen: fault.amountFen, valueDate: date }];
      closingFen += fault.amountFen;
      continue;
    }
    if (!line) continue;
    if (fault.kind === 'missing-line') lines = lines.filter((_, i) => i !== index);
    if (fault.kind === 'never-made') {
      lines = lines.filter((_, i) => i !== index);
      closingFen -= signedFen(line);
    }
    if (fault.kind === 'duplicate') {
      lines = [...lines, { ...line, lineId: `${line.lineId}D` }];
      closingFen += signedFen(line);
    }
    if (fault.kind === 'amount-off') {
      const changed = { ...line, amountFen: line.amountFen + fault.deltaFen };
      lines = lines.map((m, i) => (i === index ? changed : m));
      closingFen += signedFen(changed) - signedFen(line);
    }
  }
  return { accountNo, date, openingFen, closingFen, lines: lines.map(({ lineId, reference, direction, amountFen, valueDate }) => ({ lineId, reference, direction, amountFen, valueDate })) };
}
