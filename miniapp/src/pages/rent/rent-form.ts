/** The 租房提取 form, pure: the member's text in, the request body (integer fen) or plain errors out. */
import { formatYuan, parseYuan, REGISTERED_CONTRACT_NO, textLength, type Fen, type RentWithdrawalRequest } from '@hpf/shared';

export interface RentDraft {
  address: string;
  landlordName: string;
  landlordAccount: string;
  rentText: string;
  contractNo: string;
  amountText: string;
  /** The member typed the amount: stop filling it in from the rent. */
  amountTouched: boolean;
  /** The card on file (chosen, not typed) or another card typed in full. */
  cardChoice: CardChoice;
  card: string;
}

export type CardChoice = 'onFile' | 'typed';

export const EMPTY_DRAFT: RentDraft = {
  address: '',
  landlordName: '',
  landlordAccount: '',
  rentText: '',
  contractNo: '',
  amountText: '',
  amountTouched: false,
  cardChoice: 'onFile',
  card: '',
};

export type DraftField = 'address' | 'landlordName' | 'landlordAccount' | 'rentText' | 'contractNo' | 'amountText' | 'card';
export type DraftErrors = Partial<Record<DraftField, string>>;

/** 150000 → "1500.00": what goes back into a money field (no thousands separators). */
export function yuanInputText(fen: Fen): string {
  return formatYuan(fen).replace(/,/g, '');
}

const digitsOnly = (text: string) => text.replace(/\s+/g, '');

/** The amount to offer: this month's maximum, and no more than the rent. */
export function defaultAmountFen(maxAmountFen: Fen, rentFen: Fen | undefined): Fen {
  return rentFen !== undefined && rentFen > 0 ? Math.min(maxAmountFen, rentFen) : maxAmountFen;
}

/** Applies one edit; the amount follows the rent until the member types an amount of their own. */
export function editDraft(draft: RentDraft, field: DraftField, value: string, maxAmountFen: Fen): RentDraft {
  const next: RentDraft = { ...draft, [field]: value };
  if (field === 'amountText') next.amountTouched = value.trim() !== '';
  if (field === 'rentText' && !draft.amountTouched) {
    const rentFen = parseYuan(value);
    next.amountText = rentFen !== undefined && rentFen > 0 ? yuanInputText(defaultAmountFen(maxAmountFen, rentFen)) : '';
  }
  return next;
}

export interface CheckContext {
  month: string;
  maxAmountFen: Fen;
  /** Whether the account has a card on file to choose. */
  hasCardOnFile: boolean;
}

/** The server's own limits (LeaseFacts), said the same way before sending: 太长（最多 N 个字）. */
const TEXT_LIMITS = {
  address: { label: '租住房屋地址', max: 100 },
  landlordName: { label: '房东姓名或出租单位', max: 60 },
  contractNo: { label: '备案合同编号', max: 40 },
} as const;

function tooLong(field: keyof typeof TEXT_LIMITS, text: string): string | undefined {
  const { label, max } = TEXT_LIMITS[field];
  const length = textLength(text);
  return length > max ? `${label}太长（最多 ${max} 个字，现在 ${length} 个字）` : undefined;
}

/**
 * What is wrong with a typed amount, if anything: empty, more than two decimals (分 is the
 * smallest unit), or not a number at all — each said plainly.
 */
export function moneyProblem(text: string, askFor: string): string | undefined {
  const typed = text.trim().replace(/,/g, '');
  if (typed === '') return askFor;
  if (/^\d+\.\d{3,}$/.test(typed)) return '金额最多两位小数（到“分”），例如 1500.50';
  const fen = parseYuan(typed);
  if (fen === undefined) return '请只填数字金额，例如 1500';
  if (fen <= 0) return askFor;
  return undefined;
}

export function validateDraft(
  draft: RentDraft,
  context: CheckContext,
): { ok: true; body: RentWithdrawalRequest } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const address = draft.address.trim();
  const landlordName = draft.landlordName.trim();
  const landlordAccount = digitsOnly(draft.landlordAccount);
  const contractNo = draft.contractNo.trim();
  const card = digitsOnly(draft.card);
  const rentFen = parseYuan(draft.rentText);
  const amountFen = parseYuan(draft.amountText);

  if (address.length < 5) errors.address = '请填写租住房屋的详细地址（区、街道、门牌号）';
  else errors.address = tooLong('address', address);
  if (landlordName.length < 2) errors.landlordName = '请填写房东姓名或出租单位';
  else errors.landlordName = tooLong('landlordName', landlordName);
  if (!/^\d{8,30}$/.test(landlordAccount)) errors.landlordAccount = '房东收款账号应为 8 到 30 位数字';
  errors.rentText = moneyProblem(draft.rentText, '请填写每月房租，例如 3000');
  if (contractNo !== '') errors.contractNo = tooLong('contractNo', contractNo) ?? (REGISTERED_CONTRACT_NO.test(contractNo) ? undefined : '备案合同编号只含汉字、字母、数字和“-”，4 到 40 个字');
  errors.amountText = moneyProblem(draft.amountText, '请填写要提取的金额，例如 1500');
  if (!errors.amountText && amountFen !== undefined && amountFen > context.maxAmountFen) errors.amountText = `本月最多可提取 ¥${formatYuan(context.maxAmountFen)}`;
  const onFile = draft.cardChoice === 'onFile' && context.hasCardOnFile;
  // another card is typed in full; whether it is the member's own is the server's to say
  if (!onFile && !/^\d{12,19}$/.test(card)) errors.card = '请输入完整的银行卡号（12 到 19 位数字）';
  for (const field of Object.keys(errors) as DraftField[]) if (errors[field] === undefined) delete errors[field];
  if (Object.keys(errors).length > 0 || rentFen === undefined || amountFen === undefined) return { ok: false, errors };

  return {
    ok: true,
    body: {
      month: context.month,
      amountFen,
      lease: {
        address,
        landlordName,
        landlordAccount,
        monthlyRentFen: rentFen,
        ...(contractNo ? { registeredContractNo: contractNo } : {}),
      },
      ...(onFile ? { useCardOnFile: true as const } : { bankCard: card }),
    },
  };
}

/** Server field paths ("lease.address") to the form's fields. */
export function fieldOf(path: string): DraftField | undefined {
  const key = path.split('.').pop();
  const map: Record<string, DraftField> = {
    address: 'address',
    landlordName: 'landlordName',
    landlordAccount: 'landlordAccount',
    monthlyRentFen: 'rentText',
    registeredContractNo: 'contractNo',
    amountFen: 'amountText',
    bankCard: 'card',
    useCardOnFile: 'card',
  };
  return key ? map[key] : undefined;
}

/** Where the unfinished form is kept on the phone, so a reload or a back tap loses nothing. */
export const DRAFT_STORAGE_KEY = 'hpf-rent-draft';

/** What is kept: the lease facts and amounts, never a typed card number. */
export function draftToStore(draft: RentDraft): Omit<RentDraft, 'card'> | undefined {
  const { card: _card, ...kept } = draft;
  const typed = (['address', 'landlordName', 'landlordAccount', 'rentText', 'contractNo', 'amountText'] as const).some((field) => kept[field].trim() !== '');
  return typed || kept.cardChoice !== EMPTY_DRAFT.cardChoice ? kept : undefined;
}

/** A stored draft read back; anything not a string where a string belongs is dropped. */
export function draftFromStore(stored: unknown): RentDraft {
  if (!stored || typeof stored !== 'object') return EMPTY_DRAFT;
  const value = stored as Record<string, unknown>;
  const text = (field: keyof RentDraft) => (typeof value[field] === 'string' ? (value[field] as string) : '');
  return {
    address: text('address'),
    landlordName: text('landlordName'),
    landlordAccount: text('landlordAccount'),
    rentText: text('rentText'),
    contractNo: text('contractNo'),
    amountText: text('amountText'),
    amountTouched: value.amountTouched === true,
    cardChoice: value.cardChoice === 'typed' ? 'typed' : 'onFile',
    card: '',
  };
}
