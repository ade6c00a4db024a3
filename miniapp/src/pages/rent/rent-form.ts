/** The 租房提取 form, pure: the member's text in, the request body (integer fen) or plain errors out. */
import { formatYuan, parseYuan, REGISTERED_CONTRACT_NO, type Fen, type RentWithdrawalRequest } from '@hpf/shared';

export interface RentDraft {
  address: string;
  landlordName: string;
  landlordAccount: string;
  rentText: string;
  contractNo: string;
  amountText: string;
  /** The member typed the amount: stop filling it in from the rent. */
  amountTouched: boolean;
  card: string;
}

export const EMPTY_DRAFT: RentDraft = {
  address: '',
  landlordName: '',
  landlordAccount: '',
  rentText: '',
  contractNo: '',
  amountText: '',
  amountTouched: false,
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
  /** "**** 0012" from the account: the typed card must end the same way. */
  bankCardMasked?: string;
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
  if (landlordName.length < 2) errors.landlordName = '请填写房东姓名或出租单位';
  if (!/^\d{8,30}$/.test(landlordAccount)) errors.landlordAccount = '房东收款账号应为 8 到 30 位数字';
  if (rentFen === undefined || rentFen <= 0) errors.rentText = '请填写每月房租，例如 3000';
  if (contractNo !== '' && !REGISTERED_CONTRACT_NO.test(contractNo)) errors.contractNo = '备案合同编号只含汉字、字母、数字和“-”';
  if (amountFen === undefined || amountFen <= 0) errors.amountText = '请填写要提取的金额，例如 1500';
  else if (amountFen > context.maxAmountFen) errors.amountText = `本月最多可提取 ¥${formatYuan(context.maxAmountFen)}`;
  if (!/^\d{12,19}$/.test(card)) errors.card = '请输入完整的银行卡号（12 到 19 位数字）';
  else if (context.bankCardMasked && !context.bankCardMasked.endsWith(card.slice(-4))) {
    errors.card = `卡号和您预留的银行卡（${context.bankCardMasked}）对不上，请核对`;
  }
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
      bankCard: card,
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
  };
  return key ? map[key] : undefined;
}
