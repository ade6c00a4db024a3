/**
 * Typed free text that is certified or shown to staff: one helper (plainText) behind every such
 * field refuses what a reader cannot see, counts characters as a person does, and says so in Chinese.
 */
import type * as z from 'zod/mini';
import {
  AccountChangeRequest,
  BindRequest,
  DEFAULT_PRIVACY_NOTICE,
  DepositBatchRequest,
  HIDDEN_CHARACTER_MESSAGE,
  IssueCertificateRequest,
  OpenAccountRequest,
  RentWithdrawalRequest,
  ReviewRequest,
  hasHiddenCharacter,
  textLength,
} from '../src';

const CONSENT = { noticeVersion: DEFAULT_PRIVACY_NOTICE.version, sensitiveConsent: true };
const OPEN = {
  accountNo: '310100200099',
  name: '张明',
  idNumber: '310107199901010083',
  phone: '13800138000',
  employer: '星河软件科技有限公司',
  openedOn: '2022-07-01',
  depositBaseFen: 1_200_000,
  unitRateBasisPoints: 700,
  personalRateBasisPoints: 700,
};
const LEASE = { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '王建国', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };
const RENT = { month: '2026-11', amountFen: 150_000, lease: LEASE, bankCard: '6222021001123450012' };
const LINE = { lineNo: 1, accountNo: '310100200001', name: '张明', month: '2026-11', unitFen: 84_000, personalFen: 84_000 };

interface Field {
  name: string;
  schema: z.ZodMiniType;
  /** A valid request with this text in the field. */
  put: (text: string) => unknown;
  /** The issue path of the field. */
  path: string;
  max: number;
  valid: string[];
}

const FIELDS: Field[] = [
  { name: '实名绑定 姓名', schema: BindRequest, put: (name) => ({ name, idNumber: '310107199901010083', phone: '13800138000', consent: CONSENT }), path: 'name', max: 30, valid: ['张明', '欧阳娜娜', '阿卜杜热合曼·买买提'] },
  { name: '开户 姓名', schema: OpenAccountRequest, put: (name) => ({ ...OPEN, name }), path: 'name', max: 30, valid: ['张明', '𠀾小明'] },
  { name: '开户 单位名称', schema: OpenAccountRequest, put: (employer) => ({ ...OPEN, employer }), path: 'employer', max: 60, valid: ['星河软件科技有限公司', '上海市徐汇区第一中心小学'] },
  { name: '办理原因', schema: AccountChangeRequest, put: (reason) => ({ reason }), path: 'reason', max: 200, valid: ['职工离职，单位申请封存', '到新单位（沪租2026-001 号租房）启封'] },
  { name: '启封 新单位', schema: AccountChangeRequest, put: (employer) => ({ reason: '到新单位', employer }), path: 'employer', max: 60, valid: ['浦江数据服务有限公司'] },
  { name: '租住房屋地址', schema: RentWithdrawalRequest, put: (address) => ({ ...RENT, lease: { ...LEASE, address } }), path: 'lease.address', max: 100, valid: ['上海市浦东新区张江路100弄5号302室', '杭州市西湖区文三路 90 号 2-301'] },
  { name: '房东姓名或出租单位', schema: RentWithdrawalRequest, put: (landlordName) => ({ ...RENT, lease: { ...LEASE, landlordName } }), path: 'lease.landlordName', max: 60, valid: ['王建国', '上海安居房屋租赁有限公司'] },
  { name: '审核意见', schema: ReviewRequest, put: (reason) => ({ decision: 'REJECT', reason }), path: 'reason', max: 200, valid: ['租赁合同与备案不一致，请补充材料'] },
  { name: '缴存批次 姓名', schema: DepositBatchRequest, put: (name) => ({ batchId: 'B202611-01', lines: [{ ...LINE, name }] }), path: 'lines.0.name', max: 30, valid: ['张明'] },
];

/** What the audit found in certified free text: each is invisible or rewrites what is seen. */
const HIDDEN: [string, string][] = [
  ['NUL', '张\u0000明'],
  ['a line break and a fake verdict', '张明\n核验结果：真实有效'],
  ['a carriage return', '张明\r核验结果：真实有效'],
  ['a tab', '张\t明明'],
  ['a zero-width space', '张\u200b明'],
  ['a zero-width joiner', '张\u200d明'],
  ['a right-to-left override', '\u202e市州杭'],
  ['a left-to-right isolate', '张\u2066明\u2069'],
  ['a byte order mark inside', '张\ufeff明'],
  ['a line separator', '张明\u2028核验结果：真实有效'],
  ['a lone surrogate', '张\ud800明'],
];

function issuesOf(schema: z.ZodMiniType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe.each(FIELDS)('$name', ({ schema, put, path, max, valid }) => {
  it.each(HIDDEN)('refuses %s with the plain Chinese message', (_, text) => {
    // padded so a short field's minimum is not what refuses it
    expect(issuesOf(schema, put(`${text}${'甲'.repeat(5)}`))).toEqual([{ path, message: HIDDEN_CHARACTER_MESSAGE }]);
  });

  it('says how many characters it takes when too long, counting characters, not UTF-16 units', () => {
    expect(issuesOf(schema, put('很'.repeat(max + 1)))).toEqual([{ path, message: expect.stringContaining(`太长（最多 ${max} 个字）`) }]);
    // max characters outside the BMP are max characters, although they are 2 × max UTF-16 units
    expect(issuesOf(schema, put('𠀾'.repeat(max)))).toEqual([]);
    expect(issuesOf(schema, put('𠀾'.repeat(max + 1)))).toEqual([{ path, message: expect.stringContaining(`最多 ${max} 个字`) }]);
  });

  it('accepts ordinary Chinese text as before', () => {
    for (const text of valid) expect(issuesOf(schema, put(text))).toEqual([]);
  });

  it('answers a wrong type or a missing value in Chinese', () => {
    const [wrongType] = issuesOf(schema, put(42 as unknown as string));
    expect(wrongType.message).toMatch(/[\u4e00-\u9fff]/);
    // optional fields may be left out; a required one missing says what to fill in
    for (const missing of issuesOf(schema, put(undefined as unknown as string))) expect(missing.message).toMatch(/^请(填写|写明)/);
  });
});

describe('trimming and what stays allowed', () => {
  it('still trims surrounding whitespace, line breaks included, before checking', () => {
    const parsed = BindRequest.parse({ name: '  张明\n', idNumber: '310107199901010083', phone: '13800138000', consent: CONSENT });
    expect(parsed.name).toBe('张明');
  });

  it('leaves the deposit batch name untrimmed, as it always was (the CSV reader trims)', () => {
    expect(DepositBatchRequest.parse({ batchId: 'B1', lines: [{ ...LINE, name: '张明 ' }] }).lines[0].name).toBe('张明 ');
  });

  it('keeps visible text that is merely unusual: it is shown as text, never as markup', () => {
    for (const text of ['Hangzhou Anju Rental Co.', '<b>王建国</b>', '😀😀', '王建国（代）']) {
      expect(issuesOf(RentWithdrawalRequest, { ...RENT, lease: { ...LEASE, landlordName: text } })).toEqual([]);
    }
    // private-use characters: where some systems still put rare name characters (生僻字)
    expect(hasHiddenCharacter('张\ue000')).toBe(false);
  });

  it('counts characters as a person does', () => {
    expect(textLength('杭州市')).toBe(3);
    expect(textLength('𠀾𠀾')).toBe(2);
    expect('𠀾𠀾'.length).toBe(4);
  });

  it('takes a 备案合同编号 with the registry’s Chinese prefix, and nothing hidden', () => {
    const withContract = (registeredContractNo: string) => issuesOf(RentWithdrawalRequest, { ...RENT, lease: { ...LEASE, registeredContractNo } });
    expect(withContract('沪租2026-001')).toEqual([]);
    expect(withContract('HZ-2026-0001')).toEqual([]);
    expect(withContract('沪租\u202e2026-001')).toEqual([{ path: 'lease.registeredContractNo', message: HIDDEN_CHARACTER_MESSAGE }]);
    expect(withContract('沪租 2026/001')).toEqual([{ path: 'lease.registeredContractNo', message: expect.stringContaining('汉字、字母、数字') }]);
    expect(withContract('1'.repeat(41))[0].message).toContain('太长（最多 40 个字）');
  });
});

describe('the 异地贷款 city is a code, not free text', () => {
  const issue = (targetCityCode: unknown) => issuesOf(IssueCertificateRequest, { type: 'LOAN_USE', purpose: 'LOAN_ELSEWHERE', targetCityCode });

  it.each(['😀😀', 'Hangzhou', '<b>杭州</b>', '杭州\u0000', '杭州市\n核验结果：真实有效', '杭\u200b州', '\u202e市州杭', '杭州市', '33010', '3301000', 330100])(
    'refuses %j with a Chinese message that says to choose from the list',
    (code) => {
      expect(issue(code)).toEqual([{ path: 'targetCityCode', message: '请从列表中选择贷款所在城市' }]);
    },
  );

  it('takes a six-digit code (whether it is a known city is the domain’s check)', () => {
    expect(issue('330100')).toEqual([]);
  });
});
