import type { HttpRequest, Transport } from '../src/api/client';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: jest.fn(), getStorageSync: jest.fn() } }));

import { ApiError, createClient, ENDPOINTS } from '../src/api/client';
import { newIdempotencyKey, SubmissionKey } from '../src/lib/idempotency';
import { defaultAmountFen, draftFromStore, draftToStore, EMPTY_DRAFT, editDraft, fieldOf, moneyProblem, validateDraft, type RentDraft } from '../src/pages/rent/rent-form';
import { routes } from '@hpf/shared';

const FILLED: RentDraft = {
  ...EMPTY_DRAFT,
  address: '浦东新区张江路100弄5号302室',
  landlordName: '王建国',
  landlordAccount: '6222000011112222',
  rentText: '3000',
  amountText: '1500',
  amountTouched: true,
  card: '',
};
const CONTEXT = { month: '2026-11', maxAmountFen: 150_000, hasCardOnFile: true };

function body() {
  const checked = validateDraft(FILLED, CONTEXT);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.body;
}

/** A transport whose first answer is lost (network), then answers; records every request. */
function flakyTransport() {
  const sent: HttpRequest[] = [];
  let calls = 0;
  const transport: Transport = async (request) => {
    sent.push(request);
    calls += 1;
    if (calls === 1) throw new Error('socket hang up');
    return { statusCode: 200, data: { applicationId: 'APP0000000001', status: 'PAID' } };
  };
  return { sent, transport };
}

describe('Idempotency-Key', () => {
  it('is only in the endpoint table for routes whose spec asks for it', () => {
    const wanted = Object.entries(routes).filter(([, spec]) => 'idempotencyKey' in spec && spec.idempotencyKey).map(([name]) => name);
    const marked = Object.entries(ENDPOINTS).filter(([, endpoint]) => endpoint.idempotencyKey).map(([name]) => name);
    expect(marked.sort()).toEqual(wanted.sort());
    expect(marked).toContain('submitRentWithdrawal');
  });

  it('sends the key as a header on a route that takes one, and never on others', async () => {
    const sent: HttpRequest[] = [];
    const request = createClient({
      transport: async (r) => {
        sent.push(r);
        return { statusCode: 200, data: {} };
      },
      baseUrl: '',
      getToken: () => 'tok',
    });
    await request('submitRentWithdrawal', { body: body(), idempotencyKey: 'key-12345678' });
    // a key slipped to another route (past the types) is not sent
    await (request as (name: string, options: unknown) => Promise<unknown>)('myAccount', { idempotencyKey: 'key-12345678' });
    expect(sent[0].header['Idempotency-Key']).toBe('key-12345678');
    expect(sent[1].header['Idempotency-Key']).toBeUndefined();
  });

  it('reuses the same key when a submission is retried after a lost answer or tapped again', async () => {
    const { sent, transport } = flakyTransport();
    const request = createClient({ transport, baseUrl: '', getToken: () => 'tok' });
    const keys = new SubmissionKey();
    const submit = () => request('submitRentWithdrawal', { body: body(), idempotencyKey: keys.keyFor(body()) });

    await expect(submit()).rejects.toBeInstanceOf(ApiError); // NETWORK: the member taps again
    await submit();
    await submit(); // a double tap that got through
    const sentKeys = sent.map((r) => r.header['Idempotency-Key']);
    expect(sentKeys).toHaveLength(3);
    expect(new Set(sentKeys).size).toBe(1);
    expect(sentKeys[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('uses a new key for a new form (after a success) and for an edited form', () => {
    let n = 0;
    const keys = new SubmissionKey(() => `generated-key-${++n}`);
    const first = keys.keyFor(body());
    expect(keys.keyFor(body())).toBe(first);
    keys.reset();
    const second = keys.keyFor(body());
    expect(second).not.toBe(first);
    expect(keys.keyFor({ ...body(), amountFen: 100_000 })).not.toBe(second);
  });

  it('makes keys the server accepts, different each time', () => {
    const made = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    expect(made.size).toBe(200);
    for (const key of made) expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});

describe('rent form', () => {
  it('turns the yuan text into integer fen and trims the lease facts', () => {
    const checked = validateDraft({ ...FILLED, amountText: '1,234.5', rentText: '2999.99', address: `  ${FILLED.address} ` }, CONTEXT);
    expect(checked).toEqual({
      ok: true,
      body: {
        month: '2026-11',
        amountFen: 123_450,
        lease: { address: FILLED.address, landlordName: '王建国', landlordAccount: '6222000011112222', monthlyRentFen: 299_999 },
        useCardOnFile: true,
      },
    });
  });

  it('sends the card on file as chosen, and a typed card only when the member picks another', () => {
    const onFile = validateDraft(FILLED, CONTEXT);
    expect(onFile.ok && onFile.body).toMatchObject({ useCardOnFile: true });
    expect(onFile.ok && 'bankCard' in onFile.body).toBe(false);
    const typed = validateDraft({ ...FILLED, cardChoice: 'typed', card: '6222 0210 0112 3450 012' }, CONTEXT);
    expect(typed.ok && typed.body).toMatchObject({ bankCard: '6222021001123450012' });
    const short = validateDraft({ ...FILLED, cardChoice: 'typed', card: '62220210' }, CONTEXT);
    expect(!short.ok && short.errors.card).toContain('12 到 19 位');
    // no card on file: the card must be typed
    const none = validateDraft(FILLED, { ...CONTEXT, hasCardOnFile: false });
    expect(!none.ok && none.errors.card).toContain('完整的银行卡号');
  });

  it('says 最多两位小数 for 1.005, not a bare 请填写', () => {
    expect(moneyProblem('1.005', '请填写')).toBe('金额最多两位小数（到“分”），例如 1500.50');
    expect(moneyProblem('1.00', '请填写')).toBeUndefined();
    expect(moneyProblem('', '请填写每月房租')).toBe('请填写每月房租');
    expect(moneyProblem('三千', '请填写')).toBe('请只填数字金额，例如 1500');
    const checked = validateDraft({ ...FILLED, amountText: '1.005', rentText: '3000.123' }, CONTEXT);
    expect(!checked.ok && checked.errors).toMatchObject({ amountText: expect.stringContaining('最多两位小数'), rentText: expect.stringContaining('最多两位小数') });
  });

  it('takes a registered contract number with Chinese characters (沪租2026-001)', () => {
    const checked = validateDraft({ ...FILLED, contractNo: '沪租2026-001' }, CONTEXT);
    expect(checked.ok && checked.body.lease.registeredContractNo).toBe('沪租2026-001');
    expect(validateDraft({ ...FILLED, contractNo: '沪租2026/001' }, CONTEXT).ok).toBe(false);
  });

  it('says 太长 for 300 characters, with the limit, as the server would', () => {
    const long = '上海市浦东新区张江路'.repeat(30);
    const checked = validateDraft({ ...FILLED, address: long, landlordName: '王'.repeat(61), contractNo: 'A'.repeat(41) }, CONTEXT);
    expect(!checked.ok && checked.errors).toEqual({
      address: '租住房屋地址太长（最多 100 个字，现在 300 个字）',
      landlordName: '房东姓名或出租单位太长（最多 60 个字，现在 61 个字）',
      contractNo: '备案合同编号太长（最多 40 个字，现在 41 个字）',
    });
  });

  it('keeps the typed form on the phone, never a card number, and reads it back safely', () => {
    const kept = draftToStore({ ...FILLED, cardChoice: 'typed', card: '6222021001123450012' });
    expect(kept).toBeDefined();
    expect(JSON.stringify(kept)).not.toContain('6222021001123450012');
    expect(draftFromStore(JSON.parse(JSON.stringify(kept)))).toEqual({ ...FILLED, cardChoice: 'typed', card: '' });
    expect(draftToStore(EMPTY_DRAFT)).toBeUndefined();
    expect(draftFromStore('garbage')).toEqual(EMPTY_DRAFT);
    expect(draftFromStore({ address: 42, cardChoice: 'hack' })).toEqual(EMPTY_DRAFT);
  });

  it('defaults the amount to the smaller of this month’s maximum and the rent, until the member types one', () => {
    expect(defaultAmountFen(150_000, 300_000)).toBe(150_000);
    expect(defaultAmountFen(150_000, 120_000)).toBe(120_000);
    let draft = editDraft(EMPTY_DRAFT, 'rentText', '3000', 150_000);
    expect(draft.amountText).toBe('1500.00');
    draft = editDraft(draft, 'rentText', '1200', 150_000);
    expect(draft.amountText).toBe('1200.00');
    draft = editDraft(draft, 'amountText', '800', 150_000);
    draft = editDraft(draft, 'rentText', '3000', 150_000);
    expect(draft.amountText).toBe('800');
  });

  it('says plainly what is wrong: over the month’s maximum, a short landlord account', () => {
    const checked = validateDraft({ ...FILLED, amountText: '1500.01', landlordAccount: '123' }, CONTEXT);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.amountText).toBe('本月最多可提取 ¥1,500.00');
    expect(checked.errors.landlordAccount).toContain('8 到 30 位数字');
    expect(checked.errors.card).toBeUndefined();
  });

  it('maps the server’s field paths to the form fields', () => {
    expect(fieldOf('lease.landlordAccount')).toBe('landlordAccount');
    expect(fieldOf('lease.monthlyRentFen')).toBe('rentText');
    expect(fieldOf('bankCard')).toBe('card');
    expect(fieldOf('amountFen')).toBe('amountText');
    expect(fieldOf('nothing')).toBeUndefined();
  });
});
