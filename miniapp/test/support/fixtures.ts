import type { AccountView, CertificateView, LedgerPage, ResponseOf, SessionResponse, VerifyResponse } from '@hpf/shared';

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
  bankCardMasked: '**** 0012',
  employer: '示例科技有限公司',
  openedOn: '2020-03-01',
  state: 'NORMAL',
  stateLabel: '正常',
  stateHint: '单位正在为您按月缴存。',
  advice: { situation: 'WORKING', title: '账户正常缴存', summary: '单位正在为您按月缴存。', steps: [], rentApplies: true, guideKinds: ['RENT'] },
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

export const CERTIFICATE: CertificateView = {
  certificateId: 'ABCDEFGHIJKLMN23',
  type: 'DEPOSIT',
  typeLabel: '缴存证明',
  purpose: 'HOME_PURCHASE',
  purposeLabel: '购房',
  status: 'ACTIVE',
  issuedAt: '2026-05-01T02:00:00.000Z',
  factsAsOf: '2026-05-01T02:00:00.000Z',
  expiresAt: '2026-05-31T02:00:00.000Z',
  changes: [],
  facts: {
    holderName: '张明',
    idNumberMasked: '1101**********1234',
    employer: '示例科技有限公司',
    openedOn: '2020-03-01',
    accountState: 'NORMAL',
    accountStateLabel: '正常',
    depositBaseFen: 1_000_000,
    unitRateBasisPoints: 700,
    personalRateBasisPoints: 700,
    monthlyDepositFen: 140_000,
    paidUpTo: '2026-04',
    continuousMonths: 38,
    balanceFen: 1_234_567,
    hasOutstandingLoan: false,
  },
};

export const CODE: ResponseOf<'certificateCode'> = {
  payload: 'HTTP://127.0.0.1:10086/V/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  shownAt: '2026-05-01T02:00:00.000Z',
  validUntil: '2999-01-01T00:00:00.000Z',
  refreshAfterSeconds: 60,
};

export const STAFF_SESSION: ResponseOf<'staffLogin'> = {
  token: 'staff-token',
  expiresAt: '2999-01-01T00:00:00.000Z',
  username: 'account.clerk',
  displayName: '柜台 王敏',
  roles: ['ACCOUNT_CLERK'],
};

export const VERIFIED: VerifyResponse = {
  result: 'valid',
  resultLabel: '真实有效',
  explanation: '这份证明由公积金中心出具，内容真实有效，可以直接办理。',
  checkedAt: '2026-05-01T02:01:00.000Z',
  view: 'staff',
  certificate: {
    certificateId: CERTIFICATE.certificateId,
    type: 'DEPOSIT',
    typeLabel: '缴存证明',
    purposeLabel: '购房',
    issuedAt: CERTIFICATE.issuedAt,
    factsAsOf: CERTIFICATE.factsAsOf,
    expiresAt: CERTIFICATE.expiresAt,
    facts: CERTIFICATE.facts,
    changes: [],
  },
  checkedBy: '本中心 营业部柜台',
};

export const OFFERABLE: ResponseOf<'myCertificates'>['offerable'] = [
  { type: 'DEPOSIT', typeLabel: '缴存证明', available: true },
  { type: 'LOAN_USE', typeLabel: '异地贷款缴存使用证明', available: true },
  { type: 'PAYOFF', typeLabel: '贷款结清证明', available: false, reason: '您的公积金贷款还没有还清，还清后可以开。' },
];

export const AGENCY_SESSION: ResponseOf<'agencyLogin'> = {
  token: 'agency-token',
  expiresAt: '2999-01-01T00:00:00.000Z',
  username: 'hz.gjj.xihu',
  agencyName: '杭州住房公积金管理中心',
  office: '西湖分中心',
  kind: 'HPF_CENTRE',
  certificateTypes: ['LOAN_USE', 'DEPOSIT'],
};

export const ELIGIBILITY: ResponseOf<'rentEligibility'> = {
  month: '2026-11',
  eligible: true,
  maxAmountFen: 150_000,
  monthlyCapFen: 150_000,
  checks: [
    { code: 'ACCOUNT_NOT_ACTIVE', ok: true, message: '账户正常缴存' },
    { code: 'OWNS_HOME', ok: true, message: '本市无自有住房' },
    { code: 'ALREADY_WITHDRAWN_THIS_MONTH', ok: true, message: '本月还没有提取过' },
  ],
};

export const WITHDRAWAL: ResponseOf<'submitRentWithdrawal'> = {
  applicationId: 'APP0000000001',
  kind: 'RENT',
  month: '2026-10',
  amountFen: 150_000,
  status: 'PAID',
  statusLabel: '已到账',
  bankCardMasked: '**** 0012',
  leaseAddress: '上海市浦东新区张江路100弄5号302室',
  createdAt: '2026-10-08T02:00:00.000Z',
  timeline: [
    { status: 'PENDING_REVIEW', label: '已受理', at: '2026-10-08T02:00:00.000Z' },
    { status: 'PAID', label: '已到账', at: '2026-10-08T02:00:05.000Z' },
  ],
  cancellable: false,
};

export const MESSAGES: ResponseOf<'myMessages'> = {
  messages: [
    {
      messageId: 'M1',
      kind: 'DEPOSIT',
      title: '月缴存到账',
      amountText: '¥1,680.00',
      balanceText: '¥12,345.67',
      timeText: '2026年11月10日 10:00',
      entryId: 'e1',
      createdAt: '2026-11-10T02:00:00.000Z',
      wechat: 'SENT',
      wechatLabel: '微信已提醒',
    },
    {
      messageId: 'WD#R310100200001ABCDEFGHIJKLMNO',
      kind: 'WITHDRAWAL',
      title: '提取到账 ¥1,500.00',
      amountText: '¥1,500.00',
      balanceText: '¥10,845.67',
      timeText: '2026年11月12日 15:00',
      createdAt: '2026-11-12T07:00:00.000Z',
      wechat: 'SKIPPED_NO_CONSENT',
      wechatLabel: '未开启微信提醒',
    },
  ],
};

export const REVIEW_QUEUE: ResponseOf<'reviewQueue'> = {
  items: [
    {
      applicationId: 'APP0000000002',
      accountNo: '310100200001',
      memberName: '张明',
      month: '2026-11',
      amountFen: 150_000,
      createdAt: '2026-11-08T02:00:00.000Z',
      flags: [{ code: 'SHARED_LEASE', reason: '同一租房合同/地址近期已有 2 名其他职工申请提取（疑似虚假租赁）' }],
      lease: { address: '上海市浦东新区张江路100弄5号302室', landlordName: '王建国', landlordAccount: '6217000010001234567', monthlyRentFen: 300_000 },
      firstDecision: { by: 'reviewer.a', decision: 'APPROVE', reason: '合同核实无误', at: '2026-11-08T03:00:00.000Z' },
    },
  ],
};
