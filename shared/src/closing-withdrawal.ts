/**
 * The account-closing withdrawals started at a counter (issue 16): 出境定居, 完全丧失劳动能力 and
 * 身后一件事 (the member has died: the heir withdraws), and 离退休提取 for a retiree whose 人社
 * record is missing (凭退休证明: the member brings the proof, staff confirm it). Each has a checklist of the documents the
 * clerk must have seen and a rule for who is paid — the member, or the heir named by the
 * inheritance documents. The money is the retirement withdrawal's: the whole balance plus 销户结息,
 * an outstanding HPF loan under the same policy rule, a court freeze refusing it (retirementPlan).
 * Policy data, kept here as the default; a centre with another list changes it here only.
 */
import * as z from 'zod/mini';
import { idNumberProblem, normalizeIdNumber } from './identity';
import { FenAmount } from './schemas/common';
import { plainText } from './schemas/text';

export const ClosingKind = z.enum(['EMIGRATION', 'DISABILITY', 'DECEASED', 'RETIREMENT_WITH_PROOF']);
export type ClosingKind = z.infer<typeof ClosingKind>;

export interface ClosingDocument {
  id: string;
  label: string;
  /** Optional ones are shown to tick but do not hold the withdrawal. */
  required: boolean;
}

export interface ClosingKindPolicy {
  label: string;
  /** Who is paid: the member's own card, or the heir's. */
  payee: 'MEMBER' | 'HEIR';
  /** One line for the clerk: when this withdrawal applies. */
  when: string;
  documents: ClosingDocument[];
}

export const CLOSING_KINDS: Record<ClosingKind, ClosingKindPolicy> = {
  EMIGRATION: {
    label: '出境定居',
    payee: 'MEMBER',
    when: '职工出境定居（含到港澳台定居），已注销户籍',
    documents: [
      { id: 'ID_CARD', label: '职工本人身份证', required: true },
      { id: 'EMIGRATION_PROOF', label: '出境定居证明或户籍注销证明', required: true },
      { id: 'BANK_CARD', label: '职工本人银行卡', required: true },
    ],
  },
  DISABILITY: {
    label: '完全丧失劳动能力',
    payee: 'MEMBER',
    when: '职工完全丧失劳动能力，并与单位终止劳动关系',
    documents: [
      { id: 'ID_CARD', label: '职工本人身份证', required: true },
      { id: 'DISABILITY_APPRAISAL', label: '劳动能力鉴定结论（一至四级）', required: true },
      { id: 'EMPLOYMENT_ENDED', label: '与单位终止劳动关系的证明', required: true },
      { id: 'BANK_CARD', label: '职工本人银行卡', required: true },
      { id: 'POWER_OF_ATTORNEY', label: '代办人身份证和授权委托书（由他人代办时）', required: false },
    ],
  },
  DECEASED: {
    label: '身后一件事（职工死亡，继承人提取）',
    payee: 'HEIR',
    when: '职工死亡或被宣告死亡，由继承人或受遗赠人提取',
    documents: [
      { id: 'DEATH_PROOF', label: '死亡证明或户籍注销证明', required: true },
      { id: 'INHERITANCE_PROOF', label: '继承权公证书，或法院判决书、调解书', required: true },
      { id: 'HEIR_ID_CARD', label: '继承人身份证', required: true },
      { id: 'HEIR_BANK_CARD', label: '继承人本人银行卡', required: true },
    ],
  },
  // 人社 has no record of the retirement (the daily job found nothing): the member's proof, seen at
  // the counter, stands in for it; the same account's 免申即享 withdrawal refuses it (one per account)
  RETIREMENT_WITH_PROOF: {
    label: '离退休提取（凭退休证明）',
    payee: 'MEMBER',
    when: '职工已离休、退休，但人社部门的数据里查不到退休记录（系统没有自动办理）',
    documents: [
      { id: 'ID_CARD', label: '职工本人身份证', required: true },
      { id: 'RETIREMENT_PROOF', label: '退休证、离休证或退休审批表', required: true },
      { id: 'BANK_CARD', label: '职工本人银行卡', required: true },
    ],
  },
};

/** The required documents not ticked as seen, in the checklist's order. */
export function missingClosingDocuments(kind: ClosingKind, seen: readonly string[]): ClosingDocument[] {
  const ticked = new Set(seen);
  return CLOSING_KINDS[kind].documents.filter((doc) => doc.required && !ticked.has(doc.id));
}

/** What the clerk is told when documents are missing: which ones, in the checklist's words. */
export function missingDocumentsMessage(missing: readonly ClosingDocument[]): string {
  return `还缺少以下材料，核验原件后才能办理：${missing.map((doc) => doc.label).join('、')}。`;
}

const BankCard = z.string().check(z.regex(/^\d{12,19}$/, { error: '银行卡号应为 12 到 19 位数字' }));

export const ClosingPayee = z.object({
  name: plainText({ label: '收款人姓名', min: { length: 2, message: '请填写收款人姓名' }, max: 40 }),
  /** The heir's ID number (DECEASED only): the member's own is on file. */
  idNumber: z.optional(
    z.pipe(
      z.string().check(z.refine((raw) => idNumberProblem(raw) === undefined, { error: '继承人身份证号不正确，请核对（最后一位可能是 X）' })),
      z.transform(normalizeIdNumber),
    ),
  ),
  /** 配偶, 子女, 父母 …: how the heir is related, as the inheritance document says. */
  relation: z.optional(plainText({ label: '与职工的关系', max: 20 })),
  bankCard: BankCard,
});
export type ClosingPayee = z.infer<typeof ClosingPayee>;

export const ClosingWithdrawalRequest = z.object({
  kind: z.enum(ClosingKind.options, { error: '请选择销户提取的类型' }),
  /** The ids of the checklist's documents the clerk has seen in the original. */
  documentsSeen: z.array(z.string().check(z.regex(/^[A-Z_]{2,40}$/))).check(z.maxLength(20)),
  payee: ClosingPayee,
  /** RETIREMENT_WITH_PROOF only: the day the proof says the member retired. */
  retiredOn: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: '退休日期应写成 2026-03-01 这样' }))),
});
export type ClosingWithdrawalRequest = z.infer<typeof ClosingWithdrawalRequest>;

/** What will happen, for the clerk's confirmation: balance + 销户结息 (− the HPF loan repaid) = the amount paid, to whom, and the account closed. */
export const ClosingWithdrawalPreview = z.object({
  accountNo: z.string(),
  memberName: z.string(),
  kind: ClosingKind,
  kindLabel: z.string(),
  balanceFen: FenAmount,
  closingInterestFen: FenAmount,
  loanRepaymentFen: FenAmount,
  payoutFen: FenAmount,
  closingDate: z.string(),
  payeeName: z.string(),
  payeeRelation: z.optional(z.string()),
  bankCardMasked: z.string(),
  /** The steps after the start, in words. */
  steps: z.array(z.string()),
});
export type ClosingWithdrawalPreview = z.infer<typeof ClosingWithdrawalPreview>;

export const ClosingWithdrawalStarted = z.object({ ...ClosingWithdrawalPreview.shape, applicationId: z.string(), status: z.string(), statusLabel: z.string() });
export type ClosingWithdrawalStarted = z.infer<typeof ClosingWithdrawalStarted>;

/** What a reviewer reads of a counter closing (the queue and the detail): the kind, who is paid, the documents seen, the figures. */
export const CounterClosingSummary = z.object({
  kindLabel: z.string(),
  payeeName: z.string(),
  payeeRelation: z.optional(z.string()),
  bankCardMasked: z.string(),
  /** The checklist's words for each document the clerk ticked. */
  documentsSeen: z.array(z.string()),
  balanceFen: FenAmount,
  closingInterestFen: FenAmount,
  loanRepaymentFen: FenAmount,
  startedBy: z.string(),
  /**
   * 身后一件事 once paid: the 销户凭证, printed at the counter for the heir — it is not sent to the
   * member's WeChat (the notifier sends nothing there when an heir is paid).
   */
  heirCertificate: z.optional(z.object({ closedOn: z.string(), payoutFen: FenAmount, words: z.string() })),
});
export type CounterClosingSummary = z.infer<typeof CounterClosingSummary>;

export const CLOSING_STEPS = ['初审：一位审核人员核对材料和金额', '复核：另一位审核人员确认', '付款：转到收款人的银行卡', '销户：余额为零，账户销户，出具销户凭证'];

/**
 * 身后一件事 with several heirs (继承人): each heir's share as the inheritance document states it,
 * as whole-number parts (1/2 + 1/4 + 1/4 is 2, 1, 1; equal shares are 1 each).
 */
export interface HeirPart {
  parts: number;
}

/**
 * The amount split among the heirs by their parts, to the fen, summing to the whole exactly.
 * Remainder fen rule (largest remainder): each heir first gets the fen of their exact share
 * rounded down; the fen left over (fewer than the number of heirs) go one each to the heirs whose
 * exact share lost the most in rounding down, and between equal losses to the heir listed first
 * in the inheritance document. No heir gets a fen more than their exact share rounded up.
 */
export function splitAmongHeirs(totalFen: number, heirs: readonly HeirPart[]): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new RangeError('the amount is whole fen, not negative');
  if (heirs.length === 0) throw new RangeError('at least one heir');
  const whole = heirs.reduce((sum, heir) => {
    if (!Number.isSafeInteger(heir.parts) || heir.parts <= 0) throw new RangeError('each heir has a whole number of parts above zero');
    return sum + heir.parts;
  }, 0);
  // BigInt: amount × parts may pass 2^53 for a large balance split in many parts
  const total = BigInt(totalFen);
  const exact = heirs.map((heir, index) => ({ index, floor: (total * BigInt(heir.parts)) / BigInt(whole), lost: (total * BigInt(heir.parts)) % BigInt(whole) }));
  let left = total - exact.reduce((sum, share) => sum + share.floor, 0n);
  const amounts = exact.map((share) => share.floor);
  for (const share of [...exact].sort((a, b) => (a.lost === b.lost ? a.index - b.index : a.lost > b.lost ? -1 : 1))) {
    if (left === 0n) break;
    amounts[share.index] += 1n;
    left -= 1n;
  }
  return amounts.map(Number);
}
