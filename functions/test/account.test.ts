import { AccountView, LedgerPage } from '@hpf/shared';
import { handler as myAccount } from '../src/account/get-account';
import { handler as myLedger } from '../src/account/get-ledger';
import { invoke } from '../../test-support/http';
import { refusedSessions, signIn } from '../../test-support/session';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const member = (openid: string) => table.members.find((m) => m.openid === openid)!;

describe('GET /v1/me/account', () => {
  it("shows the member's balance, state, monthly deposit and paid-up month, real-name data masked", async () => {
    const { token } = await signIn('demo-renter');
    const reply = await invoke(myAccount, { token });
    expect(reply.status).toBe(200);
    const view = AccountView.parse(reply.body);
    const seeded = member('demo-renter');
    expect(view.balanceFen).toBe(seeded.ledger.reduce((sum, e) => sum + e.amountFen, 0));
    expect(view).toMatchObject({
      name: '张明',
      state: 'NORMAL',
      stateLabel: '正常',
      depositBaseFen: 1_200_000,
      unitRateBasisPoints: 700,
      monthlyUnitFen: 84_000,
      monthlyPersonalFen: 84_000,
      monthlyTotalFen: 168_000,
      idNumberMasked: '3101**********' + seeded.account.idNumber.slice(-4),
      phoneMasked: '138****8001',
      bankCardMasked: '**** 0012',
    });
    expect(reply.text).not.toContain(seeded.account.idNumber);
    expect(reply.text).not.toContain(seeded.account.phone);
    expect(reply.text).not.toContain(seeded.account.bankCard!);
  });

  it('shows a sealed account as 封存 with no monthly deposit due', async () => {
    const { token } = await signIn('demo-sealed');
    const view = (await invoke(myAccount, { token })).body;
    expect(view).toMatchObject({ state: 'SEALED', stateLabel: '封存', monthlyTotalFen: 0, paidUpTo: '2026-04' });
  });

  it('refuses a request without a token, with a forged token, with alg none, or with an expired token', async () => {
    const refused = await refusedSessions('310100200002', 'demo-sealed');
    for (const [kind, token] of Object.entries(refused)) {
      const reply = await invoke(myAccount, token ? { token } : {});
      expect([kind, reply.status, reply.body.error.code]).toEqual([kind, 401, kind === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED']);
    }
  });
});

describe('GET /v1/me/ledger', () => {
  it('pages through every entry newest first, and the pages add up to the balance', async () => {
    const { token } = await signIn('demo-retiree');
    const seeded = member('demo-retiree');
    const seen: LedgerPage['entries'] = [];
    let cursor: string | undefined;
    do {
      const reply = await invoke(myLedger, { token, query: { limit: '50', ...(cursor ? { cursor } : {}) } });
      expect(reply.status).toBe(200);
      const page = LedgerPage.parse(reply.body);
      expect(page.entries.length).toBeLessThanOrEqual(50);
      seen.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);

    expect(seen).toHaveLength(seeded.ledger.length);
    const postedTimes = seen.map((e) => e.postedAt);
    expect([...postedTimes].sort().reverse()).toEqual(postedTimes);
    expect(seen.reduce((sum, e) => sum + e.amountFen, 0)).toBe(seeded.account.balanceFen);
    expect(seen[0].balanceAfterFen).toBe(seeded.account.balanceFen);
    const deposit = seen.find((e) => e.kind === 'DEPOSIT')!;
    expect(deposit).toMatchObject({ kindLabel: '缴存', unitShareFen: 63_000, personalShareFen: 63_000 });
  });

  it('refuses a page size out of range and a cursor that is not one of ours', async () => {
    const { token } = await signIn('demo-renter');
    for (const query of <Record<string, string>[]>[{ limit: '0' }, { limit: '101' }, { limit: '2.5' }, { limit: 'ten' }, { cursor: 'QUNDVCMz' }, { cursor: Buffer.from('0000000001x').toString('base64url') }, { cursor: '../x' }]) {
      const reply = await invoke(myLedger, { token, query });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('INVALID_REQUEST');
    }
  });
});

describe('isolation between members', () => {
  it("member A's token never reads member B's data, whatever A sends", async () => {
    const a = await signIn('demo-renter');
    const b = member('demo-loan');
    const bLedger = (await invoke(myLedger, { token: (await signIn('demo-loan')).token, query: { limit: '1' } })).body;

    const account = await invoke(myAccount, { token: a.token, query: { accountNo: b.account.accountNo } });
    expect(account.body.accountNo).toBe(member('demo-renter').account.accountNo);
    expect(account.text).not.toContain(b.account.name);

    // B's own cursor, replayed with A's token, pages A's ledger and nothing of B's
    const ledger = await invoke(myLedger, { token: a.token, query: { cursor: bLedger.nextCursor } });
    expect(ledger.status).toBe(200);
    expect(ledger.text).not.toContain(b.account.accountNo);
    for (const entry of ledger.body.entries) {
      expect(member('demo-renter').ledger.map((e) => e.entryId)).toContain(entry.entryId);
    }
  });
});
