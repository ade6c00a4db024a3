import type { AccountView, LedgerPage, SessionResponse } from '@hpf/shared';

export const SESSION: SessionResponse = {
  token: 'test-token',
  expiresAt: '2999-01-01T00:00:00.000Z',
  bound: true,
  accountName: '张明',
};

export const ACCOUNT: AccountView = {
  accountNo: '110000000001',
  name: '张明',
  idNumberMasked: '1101**********1234',
  phoneMasked: '138****5678',
  employer: '示例科技有限公司',
  openedOn: '2020-03-01',
  state: 'NORMAL',
  stateLabel: '正常',
  stateHint: '单位正在为您按月缴存。',
  balanceFen: 1_234_567,
  depositBaseFen: 1_000_000,
  unitRateBasisPoints: 700,
  personalRateBasisPoints: 700,
  monthlyUnitFen: 70_000,
  monthlyPersonalFen: 70_000,
  monthlyTotalFen: 140_000,
  paidUpTo: '2024-05',
  continuousMonths: 38,
  asOf: '2024-06-01T08:00:00.000Z',
};

export const LEDGER: LedgerPage = {
  entries: [
    {
      entryId: 'e2',
      kind: 'WITHDRAWAL',
      kindLabel: '提取',
      amountFen: -150_000,
      balanceAfterFen: 1_234_567,
      valueDate: '2024-05-20',
      postedAt: '2024-05-20T02:00:00.000Z',
      description: '租房提取',
    },
    {
      entryId: 'e1',
      kind: 'DEPOSIT',
      kindLabel: '缴存',
      amountFen: 140_000,
      balanceAfterFen: 1_384_567,
      valueDate: '2024-05-10',
      postedAt: '2024-05-10T02:00:00.000Z',
      description: '2024年5月汇缴',
      depositMonth: '2024-05',
    },
  ],
  nextCursor: 'next-1',
};
