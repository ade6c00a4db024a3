import type { HttpRequest, Transport } from '../src/api/client';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: jest.fn(), getStorageSync: jest.fn() } }));

import { ApiError, createClient, ENDPOINTS } from '../src/api/client';
import { newIdempotencyKey, SubmissionKey } from '../src/lib/idempotency';
import { defaultAmountFen, EMPTY_DRAFT, editDraft, fieldOf, validateDraft, type RentDraft } from '../src/pages/rent/rent-form';
import { routes } from '@hpf/shared';

const FILLED: RentDraft = {
  ...EMPTY_DRAFT,
  address: '浦东新区张江路100弄5号302室',
  landlordName: '王建国',
  landlordAccount: '6222000011112222',
  rentText: '3000',
  amountText: '1500',
  amountTouched: true,
  card: '6222021001123450012',
};
const CONTEXT = { month: '2026-11', maxAmountFen: 150_000, bankCardMasked: '**** 0012' };

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
        bankCard: '6222021001123450012',
      },
    });
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

  it('says plainly what is wrong: over the month’s maximum, a card that is not the member’s, a short landlord account', () => {
    const checked = validateDraft({ ...FILLED, amountText: '1500.01', card: '6222021001123459999', landlordAccount: '123' }, CONTEXT);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.amountText).toBe('本月最多可提取 ¥1,500.00');
    expect(checked.errors.card).toContain('**** 0012');
    expect(checked.errors.landlordAccount).toContain('8 到 30 位数字');
  });

  it('maps the server’s field paths to the form fields', () => {
    expect(fieldOf('lease.landlordAccount')).toBe('landlordAccount');
    expect(fieldOf('lease.monthlyRentFen')).toBe('rentText');
    expect(fieldOf('bankCard')).toBe('card');
    expect(fieldOf('nothing')).toBeUndefined();
  });
});
