/**
 * Demo members for `npm start`, the end-to-end test and the benchmark. Each is bound to a fixed
 * openid (README lists them); the WeChat simulator turns the code `sim:<openid>` into it.
 * Balances are not typed in: they are the running sum of the generated ledger; 缴至年月 and
 * 连续缴存月数 are what the months it deposits give (`depositFacts`); each year's 结息 is what the
 * settlement rule (`computeAnnualInterest`, the policy's rate) gives on that ledger, dated 30 June,
 * for every period that has ended.
 */
import { ledgerEntryId } from '../platform/ids';
import type { BankLoan } from './bank-simulator';
import { CHAIN_GENESIS, chainHash } from '../ledger/chain';
import {
  chinaDate,
  computeAnnualInterest,
  interestPeriod,
  depositDescription,
  depositFacts,
  monthRanges,
  idNumberCheckChar,
  monthlyDeposit,
  DEFAULT_POLICY,
  type AccountRecord,
  type LedgerEntry,
  type HpfLoan,
  type LoanRepayment,
  loanSchedule,
  principalOwedOn,
} from '@hpf/shared';

export interface DemoMember {
  openid: string;
  /** Bound members are already linked to their openid; the others demonstrate 实名绑定. */
  bound: boolean;
  account: AccountRecord;
  /** Interest entries carry their settlement year, as the settlement posts them. */
  ledger: (LedgerEntry & { interestYear?: number })[];
  loans: HpfLoan[];
  /** Instalments already repaid (by the member at the lending bank), from the loan's own schedule. */
  repayments: LoanRepayment[];
}

interface Plan {
  openid: string;
  bound: boolean;
  accountNo: string;
  name: string;
  idFirst17: string;
  phone: string;
  bankCard: string;
  employer: string;
  openedOn: string;
  baseYuan: number;
  rateBasisPoints: number;
  /** Opening balance carried over from the old system, in fen. */
  openingFen?: number;
  /** Last deposited month; defaults to the month before `now`. */
  lastMonth?: string;
  status: AccountRecord['status'];
  /** A sealed account: why and when (the advice the member gets follows it). */
  seal?: { reason: NonNullable<AccountRecord['sealReason']>; on: string };
  /** Yearly withdrawals (e.g. loan repayment): month → fen and description. */
  withdrawals?: { month: string; fen: number; description: string }[];
  loans?: Omit<HpfLoan, 'accountNo'>[];
}

/** ID numbers of demo members who own a home in the city (the property registry simulator's data). */
export function demoHomeOwners(now: Date): string[] {
  return demoMembers(now)
    .filter((member) => member.loans.length > 0)
    .map((member) => member.account.idNumber);
}

/**
 * What the 人社 simulator holds for the demo members: a member whose account was sealed on
 * retirement (刘建国) is recorded as retired on the day it was sealed.
 */
export function demoRetirementRecords(now: Date): Record<string, string> {
  return Object.fromEntries(
    demoMembers(now)
      .filter((member) => member.account.sealReason === 'RETIRED' && member.account.sealedOn)
      .map((member) => [member.account.idNumber, member.account.sealedOn!]),
  );
}

/**
 * What the bank simulator holds for 商贷自动划转 under \`npm start\`: 张明 (no HPF loan) has a
 * mortgage at 工商银行, so he can sign for it on 我的贷款 (contract ICBC2024SH0012345) and see the
 * monthly job pay it. The figures are the bank's; the member never types the repayment account.
 */
export function demoMortgages(now: Date): BankLoan[] {
  const zhang = demoMembers(now).find((member) => member.account.accountNo === '310100200001')!.account;
  return [{ bankCode: 'ICBC', contractNo: 'ICBC2024SH0012345', borrowerName: zhang.name, borrowerIdNumber: zhang.idNumber, repaymentAccount: `9558${zhang.accountNo}`, monthlyFen: 456_700, dueDay: 20 }];
}

export function idNumber(first17: string): string {
  return `${first17}${idNumberCheckChar(first17)}`;
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number);
  const [lastYear, lastMonth] = last.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

function previousMonth(now: Date): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function plans(): Plan[] {
  return [
    {
      openid: 'demo-renter', bound: true, accountNo: '310100200001', name: '张明', idFirst17: '31010419960512003',
      phone: '13800138001', bankCard: '6222021001123450012', employer: '星河软件科技有限公司', openedOn: '2022-07-01',
      baseYuan: 12_000, rateBasisPoints: 700, status: 'NORMAL',
    },
    {
      openid: 'demo-sealed', bound: true, accountNo: '310100200002', name: '李芳', idFirst17: '31010619880923004',
      phone: '13800138002', bankCard: '6222021001123450020', employer: '东方商贸有限公司', openedOn: '2019-03-01',
      baseYuan: 8_500, rateBasisPoints: 500, status: 'SEALED', lastMonth: '2026-04',
      seal: { reason: 'LEFT_JOB', on: '2026-05-08' },
    },
    {
      openid: 'demo-loan', bound: true, accountNo: '310100200003', name: '王强', idFirst17: '31011019850301005',
      phone: '13800138003', bankCard: '6222021001123450038', employer: '申城建设集团有限公司', openedOn: '2015-07-01',
      baseYuan: 15_000, rateBasisPoints: 1200, status: 'NORMAL',
      withdrawals: ['2021-10', '2022-10', '2023-10', '2024-10', '2025-10'].map((month) => ({
        month, fen: 3_000_000, description: '提取偿还公积金贷款',
      })),
      loans: [{
        // the terms only: the schedule, what is owed and the repayments follow from them (loan-schedule.ts)
        contractNo: 'GJJ2020310100887', amountFen: 80_000_000, startDate: '2020-09-18', status: 'OUTSTANDING',
        annualRateBasisPoints: 310, months: 360, method: 'EQUAL_INSTALMENT', rounding: DEFAULT_POLICY.loan.rounding,
        propertyAddress: '上海市闵行区莘庄镇春申路1888弄12号502室',
      }],
    },
    {
      openid: 'demo-paidoff', bound: true, accountNo: '310100200004', name: '赵丽', idFirst17: '31011519800716006',
      phone: '13800138004', bankCard: '6222021001123450046', employer: '浦江医院', openedOn: '2012-01-01',
      baseYuan: 10_000, rateBasisPoints: 800, status: 'NORMAL',
      withdrawals: [
        { month: '2018-06', fen: 4_000_000, description: '提取偿还公积金贷款' },
        { month: '2021-06', fen: 4_500_000, description: '提取偿还公积金贷款' },
        { month: '2025-12', fen: 6_000_000, description: '提取结清公积金贷款' },
      ],
      loans: [{
        contractNo: 'GJJ2016310100452', amountFen: 60_000_000, startDate: '2016-05-10', status: 'PAID_OFF', payoffDate: '2025-12-20',
        propertyAddress: '上海市浦东新区锦绣路100弄5号1201室',
      }],
    },
    {
      openid: 'demo-retiree', bound: true, accountNo: '310100200005', name: '刘建国', idFirst17: '31010119640208007',
      phone: '13800138005', bankCard: '6222021001123450053', employer: '沪光机械厂', openedOn: '2010-01-01',
      baseYuan: 9_000, rateBasisPoints: 700, status: 'SEALED', lastMonth: '2024-07', openingFen: 8_600_000,
      seal: { reason: 'RETIRED', on: '2024-08-12' },
    },
    {
      openid: 'demo-new', bound: false, accountNo: '310100200006', name: '陈新', idFirst17: '31010719990101008',
      phone: '13800138006', bankCard: '6222021001123450061', employer: '明日文化传媒有限公司', openedOn: '2024-03-01',
      baseYuan: 6_000, rateBasisPoints: 500, status: 'NORMAL',
    },
  ];
}

function postedAt(date: string): string {
  return `${date}T02:00:00.000Z`;
}


export function demoMembers(now: Date): DemoMember[] {
  const policy = DEFAULT_POLICY;
  return plans().map((plan) => {
    const base = {
      depositBaseFen: plan.baseYuan * 100,
      unitRateBasisPoints: plan.rateBasisPoints,
      personalRateBasisPoints: plan.rateBasisPoints,
    };
    const deposit = monthlyDeposit(base, policy);
    const lastMonth = plan.lastMonth ?? previousMonth(now);
    const events: { date: string; kind: LedgerEntry['kind']; amountFen: number; description: string; month?: string; interestYear?: number }[] = [];
    if (plan.openingFen) {
      events.push({ date: plan.openedOn, kind: 'OPENING', amountFen: plan.openingFen, description: '系统迁移期初余额' });
    }
    const months = monthsBetween(plan.openedOn.slice(0, 7), lastMonth);
    for (const month of months) {
      events.push({
        date: `${month}-15`,
        kind: 'DEPOSIT',
        amountFen: deposit.totalFen,
        description: depositDescription(month, deposit.unitFen, deposit.personalFen),
        month,
      });
    }
    for (const withdrawal of plan.withdrawals ?? []) {
      events.push({ date: `${withdrawal.month}-20`, kind: 'WITHDRAWAL', amountFen: -withdrawal.fen, description: withdrawal.description });
    }
    events.sort((a, b) => a.date.localeCompare(b.date));
    // 结息 for every period that has ended, year by year: each year's credit is part of the next
    // year's opening balance, exactly as the settlement posts it
    const today = chinaDate(now);
    for (let year = Number(plan.openedOn.slice(0, 4)) + 1; interestPeriod(year).end < today; year += 1) {
      const { interestFen } = computeAnnualInterest(
        events.map((event) => ({ valueDate: event.date, amountFen: event.amountFen })),
        year,
        policy.interest.annualRateBasisPoints,
      );
      if (interestFen === 0) continue;
      const { end } = interestPeriod(year);
      events.push({ date: end, kind: 'INTEREST', amountFen: interestFen, description: `${year}年度结息`, interestYear: year });
    }
    events.sort((a, b) => a.date.localeCompare(b.date));

    let balance = 0;
    let head = CHAIN_GENESIS;
    const ledger = events.map((event, index): LedgerEntry => {
      balance += event.amountFen;
      if (balance < 0) throw new Error(`demo ledger for ${plan.name} goes negative on ${event.date}`);
      const entry: LedgerEntry = {
        entryId: ledgerEntryId(index + 1),
        accountNo: plan.accountNo,
        kind: event.kind,
        amountFen: event.amountFen,
        balanceAfterFen: balance,
        valueDate: event.date,
        postedAt: postedAt(event.date),
        description: event.description,
        ...(event.month ? { depositMonth: event.month, unitShareFen: deposit.unitFen, personalShareFen: deposit.personalFen } : {}),
      };
      head = chainHash(head, entry);
      return { ...entry, chainHash: head, ...(event.interestYear ? { interestYear: event.interestYear } : {}) };
    });
    const depositedMonths = monthRanges(months);
    return {
      openid: plan.openid,
      bound: plan.bound,
      account: {
        accountNo: plan.accountNo,
        name: plan.name,
        idNumber: idNumber(plan.idFirst17),
        phone: plan.phone,
        bankCard: plan.bankCard,
        bankCardBoundAt: `${plan.openedOn}T02:00:00.000Z`,
        employer: plan.employer,
        openedOn: plan.openedOn,
        status: plan.status,
        ...(plan.seal ? { sealReason: plan.seal.reason, sealedOn: plan.seal.on } : {}),
        frozen: false,
        balanceFen: balance,
        ...base,
        depositedMonths,
        ...depositFacts(depositedMonths),
        version: ledger.length,
        ...(ledger.length ? { ledgerHead: head } : {}),
      },
      ledger,
      ...demoLoans(plan, chinaDate(now)),
    };
  });
}

/**
 * A demo borrower's loans with what is owed today, and a repayment for every instalment due
 * before today (paid by the member on its due day): worked out by the schedule code from the
 * terms, never typed in.
 */
function demoLoans(plan: Plan, today: string): { loans: HpfLoan[]; repayments: LoanRepayment[] } {
  const loans: HpfLoan[] = [];
  const repayments: LoanRepayment[] = [];
  for (const terms of plan.loans ?? []) {
    const loan: HpfLoan = { ...terms, accountNo: plan.accountNo };
    if (loan.status === 'OUTSTANDING' && loan.annualRateBasisPoints !== undefined && loan.months !== undefined && loan.method) {
      const schedule = loanSchedule(
        { principalFen: loan.amountFen, annualRateBasisPoints: loan.annualRateBasisPoints, months: loan.months, method: loan.method, startDate: loan.startDate },
        loan.rounding ?? DEFAULT_POLICY.loan.rounding,
      );
      const paid = schedule.instalments.filter((instalment) => instalment.dueDate < today);
      for (const instalment of paid) {
        repayments.push({
          contractNo: loan.contractNo, period: instalment.period, dueDate: instalment.dueDate, dueFen: instalment.paymentFen,
          fromAccountFen: 0, selfPaidFen: instalment.paymentFen, shortfallFen: 0, paidOn: instalment.dueDate,
        });
      }
      const lastPaid = paid.at(-1)?.dueDate;
      loan.outstandingFen = lastPaid ? principalOwedOn(schedule, loan.amountFen, lastPaid) : loan.amountFen;
    }
    loans.push(loan);
  }
  return { loans, repayments };
}
