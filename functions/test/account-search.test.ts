/**
 * 账户查询 by name or ID number (POST /v1/staff/account-search), on DynamoDB Local: the ID number
 * found through its keyed hash (the real-name lookup item), names whole or by their first
 * characters, the answer masked, bad input refused in words, for the roles that read accounts.
 */
import { DeleteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { idNumberCheckChar, maskIdNumber } from '@hpf/shared';
import { handler as search } from '../src/accounts/search';
import { handler as openAccount } from '../src/accounts/open';
import { indexAccountNames } from '../src/adapters/account-admin-repository';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });

const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
// two more 张 at the counter: 张明远 shares 张明's first two characters, 张伟 only the surname
const OPENED = [
  { accountNo: '310100300001', name: '张明远', id: idNumber('31010419900101001') },
  { accountNo: '310100300002', name: '张伟', id: idNumber('31010419910202002') },
  // an ID number ending in X, typed in lower case at the counter
  { accountNo: '310100300003', name: '孙晓', id: idNumber('11010519491231002') },
];

let clerk: string;

beforeAll(async () => {
  clerk = await staffToken('account.clerk');
  expect(OPENED[2].id.endsWith('X')).toBe(true);
  for (const { accountNo, name, id } of OPENED) {
    const reply = await invoke(openAccount, {
      token: clerk,
      body: { accountNo, name, idNumber: id, phone: '13712345678', employer: '查询测试单位', openedOn: '2026-01-01', depositBaseFen: 800_000, unitRateBasisPoints: 700, personalRateBasisPoints: 700 },
    });
    expect(reply.status).toBe(200);
  }
});

describe('账户查询 by name or ID number', () => {
  it('finds the one account of an ID number by its hash, masked', async () => {
    const renter = table.members.find((member) => member.openid === 'demo-renter')!.account;
    const reply = await invoke(search, { token: clerk, body: { idNumber: renter.idNumber } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      items: [{ accountNo: '310100200001', name: '张明', idNumberMasked: maskIdNumber(renter.idNumber), employer: renter.employer, status: 'NORMAL', frozen: false }],
      more: false,
    });
    expect(JSON.stringify(reply.body)).not.toContain(renter.idNumber);
    expect(JSON.stringify(reply.body)).not.toContain(renter.phone);

    // the trailing x in lower case is the same person
    const lower = await invoke(search, { token: await staffToken('auditor'), body: { idNumber: OPENED[2].id.toLowerCase() } });
    expect(lower.body.items.map((hit: { accountNo: string }) => hit.accountNo)).toEqual(['310100300003']);
    // a valid ID number of nobody here
    const nobody = await invoke(search, { token: clerk, body: { idNumber: idNumber('44030519850615123') } });
    expect(nobody.body).toEqual({ items: [], more: false });
  });

  it('finds a whole name, or every name that starts with what was typed, in name order', async () => {
    const names = async (name: string) => (await invoke(search, { token: clerk, body: { name } })).body.items.map((hit: { name: string; accountNo: string }) => `${hit.name}:${hit.accountNo}`);
    expect(await names('张明远')).toEqual(['张明远:310100300001']);
    expect(await names('张明')).toEqual(['张明:310100200001', '张明远:310100300001']);
    expect(await names('张')).toEqual(['张伟:310100300002', '张明:310100200001', '张明远:310100300001']);
    expect(await names(' 李芳 ')).toEqual(['李芳:310100200002']);
    expect(await names('明')).toEqual([]);
  });

  it('keeps no ID number whole in any key: the search entries hold the name and the account number only', async () => {
    const { Items = [] } = await table.client.send(new ScanCommand({ TableName: table.name }));
    const text = JSON.stringify(Items.filter((item) => item.pk.S?.startsWith('NAME#') || item.pk.S?.startsWith('IDNO#')));
    for (const { id } of OPENED) expect(text).not.toContain(id);
    expect(Items.filter((item) => item.pk.S === 'NAME#张').map((item) => item.sk.S).sort()).toEqual(['张伟#310100300002', '张明#310100200001', '张明远#310100300001']);
  });

  it('finds by name an account kept from before the name entries, once they are written for it', async () => {
    // as if 李芳's account had been written before the entry existed
    await table.client.send(new DeleteItemCommand({ TableName: table.name, Key: { pk: { S: 'NAME#李' }, sk: { S: '李芳#310100200002' } } }));
    expect((await invoke(search, { token: clerk, body: { name: '李芳' } })).body.items).toEqual([]);
    expect(await indexAccountNames(table.name)).toBeGreaterThanOrEqual(9);
    expect((await invoke(search, { token: clerk, body: { name: '李芳' } })).body.items.map((hit: { accountNo: string }) => hit.accountNo)).toEqual(['310100200002']);
    // written twice, still one entry each
    await indexAccountNames(table.name);
    expect((await invoke(search, { token: clerk, body: { name: '张明' } })).body.items).toHaveLength(2);
  });

  it('refuses, in words, a search by both, by neither, or by an ID number that cannot be one', async () => {
    for (const [body, words] of [
      [{ name: '张明', idNumber: OPENED[0].id }, '请只按姓名或只按身份证号查询'],
      [{}, '请只按姓名或只按身份证号查询'],
      [{ idNumber: '31010419900101001' }, '身份证号应为 18 位'],
      [{ idNumber: `${OPENED[0].id.slice(0, 17)}${OPENED[0].id.endsWith('1') ? '2' : '1'}` }, '身份证号不正确'],
      [{ name: '' }, '请填写姓名'],
    ] as const) {
      const reply = await invoke(search, { token: clerk, body });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('INVALID_REQUEST');
      expect(JSON.stringify(reply.body.error)).toContain(words);
    }
  });

  it('is for the roles that read accounts, not reviewers', async () => {
    expect((await invoke(search, { token: await staffToken('deposit.clerk'), body: { name: '张明' } })).status).toBe(200);
    expect((await invoke(search, { token: await staffToken('reviewer.a'), body: { name: '张明' } })).status).toBe(403);
    expect((await invoke(search, { body: { name: '张明' } })).status).toBe(401);
  });
});
