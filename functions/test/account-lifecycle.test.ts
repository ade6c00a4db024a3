import { DEFAULT_POLICY, idNumberCheckChar, openAccountRecord, StaffAccountView, type AccountRecord } from '@hpf/shared';
import { handler as openAccount } from '../src/accounts/open';
import { handler as staffAccount } from '../src/accounts/get';
import { close, seal, unseal } from '../src/accounts/life-cycle';
import { handler as postBatch } from '../src/deposits/handler';
import { accountLedger } from '../src/adapters/accounts-repository';
import { checkAccountLedger } from '../src/ledger/consistency';
import { dueLine } from '../src/dev/synthetic-accounts';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';
import { auditRecords } from '../../test-support/audit';

const table = useTestTable({ seed: true });
let clerk: string;
let depositClerk: string;
const started = new Date();

beforeAll(async () => {
  clerk = await staffToken('account.clerk');
  depositClerk = await staffToken('deposit.clerk');
});

function idNumber(first17: string): string {
  return `${first17}${idNumberCheckChar(first17)}`;
}

/** An 18-character ID number whose check character is X (sequence digits varied until it is). */
function idNumberEndingInX(): string {
  for (let seq = 100; seq < 1000; seq += 1) {
    const first17 = `44030519851120${seq}`;
    if (idNumberCheckChar(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no X check character found');
}

type OpenRequest = ReturnType<typeof openRequest>;

function openRequest(accountNo: string, id: string, overrides: Partial<Record<string, unknown>> = {}) {
  return {
    accountNo,
    name: '陈静',
    idNumber: id,
    phone: '13912345678',
    employer: '浦江物流有限公司',
    openedOn: '2025-01-01',
    depositBaseFen: 1_000_000,
    unitRateBasisPoints: 800,
    personalRateBasisPoints: 800,
    ...overrides,
  };
}

/** The account as the deposit rules see it, for the line its employer owes. */
const asRecord = (request: OpenRequest): AccountRecord => openAccountRecord(request as any, DEFAULT_POLICY);

async function deposit(batchId: string, lines: ReturnType<typeof dueLine>[]) {
  const reply = await invoke(postBatch, { token: depositClerk, body: { batchId, lines } });
  expect(reply.status).toBe(200);
  return reply.body.results as { outcome: string; code?: string }[];
}

const view = async (accountNo: string) => invoke(staffAccount, { token: clerk, params: { accountNo } });

async function auditTrail(target: string): Promise<Record<string, any>[]> {
  return (await auditRecords(table, started)).filter((item) => item.target === target);
}

const ID_A = idNumber('11010519900307123');
const ID_B = idNumber('11010519920415234');
const A = openRequest('310100900001', ID_A);
const B = openRequest('310100900002', ID_B, { name: '刘洋', employer: '临港制造有限公司' });

describe('opening an account (POST /v1/staff/accounts)', () => {
  it('opens a NORMAL account with zero balance, and shows it back with the ID number masked', async () => {
    const reply = await invoke(openAccount, { token: clerk, body: A });
    expect(reply.status).toBe(200);
    const opened = StaffAccountView.parse(reply.body);
    expect(opened).toMatchObject({
      accountNo: A.accountNo,
      name: '陈静',
      employer: '浦江物流有限公司',
      status: 'NORMAL',
      frozen: false,
      balanceFen: 0,
      depositBaseFen: 1_000_000,
      unitRateBasisPoints: 800,
      personalRateBasisPoints: 800,
      continuousMonths: 0,
      version: 0,
      idNumberMasked: `1101**********${ID_A.slice(-4)}`,
    });
    expect(reply.text).not.toContain(ID_A);
    expect(reply.text).not.toContain(A.phone);
  });

  it('refuses the same account number again, and the same person under another number, with ACCOUNT_EXISTS', async () => {
    const sameNumber = await invoke(openAccount, { token: clerk, body: openRequest(A.accountNo, idNumber('11010519930101456'), { name: '别人' }) });
    expect(sameNumber.status).toBe(409);
    expect(sameNumber.body.error.code).toBe('ACCOUNT_EXISTS');

    const samePerson = await invoke(openAccount, { token: clerk, body: openRequest('310100900009', ID_A) });
    expect(samePerson.status).toBe(409);
    expect(samePerson.body.error.code).toBe('ACCOUNT_EXISTS');
    expect((await view('310100900009')).status).toBe(404);
    // the first account is untouched
    expect((await view(A.accountNo)).body).toMatchObject({ name: '陈静', version: 0 });
  });

  it('knows a person by the ID number whatever the case of its X', async () => {
    const idX = idNumberEndingInX();
    expect((await invoke(openAccount, { token: clerk, body: openRequest('310100900011', idX, { name: '黄磊' }) })).status).toBe(200);
    const again = await invoke(openAccount, { token: clerk, body: openRequest('310100900012', idX.toLowerCase(), { name: '黄磊' }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACCOUNT_EXISTS');
  });

  it('refuses deposit rates outside 5%–12% with 400 and the fields at fault, and opens nothing', async () => {
    const cases: [Partial<OpenRequest>, string[]][] = [
      [{ unitRateBasisPoints: 499 }, ['unitRateBasisPoints']],
      [{ personalRateBasisPoints: 1201 }, ['personalRateBasisPoints']],
      [{ unitRateBasisPoints: 0, personalRateBasisPoints: 1500 }, ['unitRateBasisPoints', 'personalRateBasisPoints']],
    ];
    for (const [rates, fields] of cases) {
      const reply = await invoke(openAccount, { token: clerk, body: openRequest('310100900021', idNumber('11010519940202345'), rates) });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('INVALID_REQUEST');
      expect(reply.body.error.message).toContain('5% 到 12%');
      expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toEqual(fields);
    }
    expect((await view('310100900021')).status).toBe(404);
    // the bounds themselves are allowed
    const edges = await invoke(openAccount, {
      token: clerk,
      body: openRequest('310100900021', idNumber('11010519940202345'), { unitRateBasisPoints: 500, personalRateBasisPoints: 1200 }),
    });
    expect(edges.status).toBe(200);
  });

  it('refuses an ID number with a wrong check character', async () => {
    const good = idNumber('11010519950505456');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const reply = await invoke(openAccount, { token: clerk, body: openRequest('310100900031', bad) });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toEqual([expect.objectContaining({ path: 'idNumber' })]);
  });
});

describe('封存, 启封 and deposits', () => {
  it('seals an account, after which deposits to it are refused ACCOUNT_SEALED', async () => {
    expect((await deposit('LC-1', [dueLine(asRecord(A), 1, '2025-02', DEFAULT_POLICY)]))[0].outcome).toBe('posted');

    const sealed = await invoke(seal, { token: clerk, params: { accountNo: A.accountNo }, body: { reason: '职工离职', depositBaseFen: 1 } });
    expect(sealed.status).toBe(200);
    // sealing takes no new terms, whatever the body carries
    expect(sealed.body).toMatchObject({ status: 'SEALED', depositBaseFen: 1_000_000, balanceFen: 160_000 });

    const refused = await deposit('LC-2', [dueLine(asRecord(A), 1, '2025-03', DEFAULT_POLICY)]);
    expect(refused[0]).toMatchObject({ outcome: 'rejected', code: 'ACCOUNT_SEALED' });
    expect((await view(A.accountNo)).body).toMatchObject({ status: 'SEALED', balanceFen: 160_000, version: 1 });

    const twice = await invoke(seal, { token: clerk, params: { accountNo: A.accountNo }, body: { reason: '重复办理' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ACCOUNT_NOT_NORMAL');
  });

  it('refuses to unseal with rates outside the bounds, and leaves the account sealed', async () => {
    const reply = await invoke(unseal, {
      token: clerk,
      params: { accountNo: A.accountNo },
      body: { reason: '到新单位', employer: '新单位', depositBaseFen: 1_500_000, unitRateBasisPoints: 1300, personalRateBasisPoints: 1000 },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['unitRateBasisPoints']);
    expect((await view(A.accountNo)).body).toMatchObject({ status: 'SEALED', employer: A.employer, depositBaseFen: 1_000_000 });
  });

  it('unseals at a new employer with a new base and rates: the new amounts post, the old ones are refused', async () => {
    const terms = { employer: '陆家嘴金融服务有限公司', depositBaseFen: 1_500_000, unitRateBasisPoints: 1000, personalRateBasisPoints: 600 };
    const reply = await invoke(unseal, { token: clerk, params: { accountNo: A.accountNo }, body: { reason: '到新单位就业', ...terms } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'NORMAL', ...terms });
    expect((await view(A.accountNo)).body).toMatchObject({ status: 'NORMAL', ...terms });

    const old = await deposit('LC-3', [dueLine(asRecord(A), 1, '2025-03', DEFAULT_POLICY)]);
    expect(old[0]).toMatchObject({ outcome: 'rejected', code: 'AMOUNT_MISMATCH' });

    const renewed = asRecord({ ...A, ...terms });
    const line = dueLine(renewed, 1, '2025-04', DEFAULT_POLICY);
    expect([line.unitFen, line.personalFen]).toEqual([150_000, 90_000]); // 15,000.00 × 10% and × 6%
    expect((await deposit('LC-4', [line]))[0].outcome).toBe('posted');
    expect((await view(A.accountNo)).body).toMatchObject({ balanceFen: 160_000 + 240_000, paidUpTo: '2025-04', version: 2 });

    const notSealed = await invoke(unseal, { token: clerk, params: { accountNo: A.accountNo }, body: { reason: '再次启封' } });
    expect(notSealed.status).toBe(409);
    expect(notSealed.body.error.code).toBe('ACCOUNT_NOT_SEALED');
  });
});

describe('销户', () => {
  it('refuses to close an account with a balance: 409 BALANCE_NOT_ZERO, account unchanged', async () => {
    const reply = await invoke(close, { token: clerk, params: { accountNo: A.accountNo }, body: { reason: '职工出境定居' } });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('BALANCE_NOT_ZERO');
    expect((await view(A.accountNo)).body).toMatchObject({ status: 'NORMAL', balanceFen: 400_000 });
  });

  it('closes an empty account; afterwards deposits, a second close, seal and unseal are refused ACCOUNT_CLOSED', async () => {
    expect((await invoke(openAccount, { token: clerk, body: B })).status).toBe(200);
    const closed = await invoke(close, { token: clerk, params: { accountNo: B.accountNo }, body: { reason: '开户信息有误，重新开户' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', balanceFen: 0 });
    expect((await view(B.accountNo)).body.status).toBe('CLOSED');

    const refused = await deposit('LC-5', [dueLine(asRecord(B), 1, '2025-02', DEFAULT_POLICY)]);
    expect(refused[0]).toMatchObject({ outcome: 'rejected', code: 'ACCOUNT_CLOSED' });

    for (const action of [close, seal, unseal]) {
      const reply = await invoke(action, { token: clerk, params: { accountNo: B.accountNo }, body: { reason: '再次办理' } });
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('ACCOUNT_CLOSED');
    }
    expect((await view(B.accountNo)).body).toMatchObject({ status: 'CLOSED', version: 0 });
  });

  it('answers ACCOUNT_NOT_FOUND for an account that does not exist, and 400 for a malformed number', async () => {
    const missing = await invoke(close, { token: clerk, params: { accountNo: '310100999999' }, body: { reason: '测试' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ACCOUNT_NOT_FOUND');
    expect((await invoke(seal, { token: clerk, params: { accountNo: '31010' }, body: { reason: '测试' } })).status).toBe(400);
    expect((await invoke(seal, { token: clerk, params: { accountNo: A.accountNo }, body: {} })).status).toBe(400);
  });
});

describe('what staff see and what is recorded', () => {
  it('GET /v1/staff/accounts/{accountNo} shows the masked ID number, never the whole one', async () => {
    const reply = await view(A.accountNo);
    expect(reply.status).toBe(200);
    expect(reply.body.idNumberMasked).toBe(`${ID_A.slice(0, 4)}${'*'.repeat(10)}${ID_A.slice(-4)}`);
    expect(reply.text).not.toContain(ID_A);
    expect(reply.text).not.toContain(ID_A.slice(6, 14)); // the birth date
    expect(reply.body.idNumber).toBeUndefined();
    expect(reply.body.phone).toBeUndefined();
    expect((await view('310100999999')).status).toBe(404);
  });

  it('leaves one audit record per action with actor, action, target and reason', async () => {
    const trailA = await auditTrail(A.accountNo);
    expect(trailA.map((r) => [r.actor, r.action, r.details?.reason])).toEqual([
      ['account.clerk', 'account.open', undefined],
      ['account.clerk', 'account.seal', '职工离职'],
      ['account.clerk', 'account.unseal', '到新单位就业'],
    ]);
    expect(trailA[0].details).toEqual({ employer: A.employer });
    for (const record of trailA) {
      expect(record).toMatchObject({ target: A.accountNo, requestId: expect.any(String), time: expect.any(String) });
      expect(JSON.stringify(record)).not.toContain(ID_A);
    }
    const trailB = await auditTrail(B.accountNo);
    expect(trailB.map((r) => [r.action, r.details?.reason])).toEqual([
      ['account.open', undefined],
      ['account.close', '开户信息有误，重新开户'],
    ]);
    // refused actions (duplicate open, bad rates, closing with a balance) leave no record
    expect(await auditTrail('310100900009')).toEqual([]);
  });

  it('keeps the ledgers of the accounts it touched consistent', async () => {
    for (const accountNo of [A.accountNo, B.accountNo]) {
      const ledger = (await accountLedger(table.name, accountNo))!;
      expect(checkAccountLedger(ledger)).toEqual([]);
    }
  });
});
