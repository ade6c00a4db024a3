/**
 * 账户查询 in the console at 1366×768 on the local stack: the one search box takes an account
 * number, a name (whole, or its first characters) or an ID number (looked up by its hash on the
 * server); several accounts of a name are listed masked and each opens; an ID number that cannot
 * be one is refused in words before anything is sent. The account's ledger (newest first, in
 * pages) and its audit trail, where each 封存 / 启封 made at the counter shows with who and why.
 * axe on every view.
 */
import path from 'node:path';
import { idNumberCheckChar, maskIdNumber } from '@hpf/shared';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { byTestId, SCREENSHOTS } from './browser';
import { expectNoSeriousAxe, useConsoleBrowser } from './console-browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const { signedIn } = useConsoleBrowser(stack);
// the demo renter 张明 (demo-members.ts), and a second 张明… opened here
const RENTER_ID = `31010419960512003${idNumberCheckChar('31010419960512003')}`;
const SECOND = { accountNo: '310100209960', name: '张明远', first17: '31010419930303004' };

/** What `read` gives once `done` holds (or at the timeout, for the assertion to show). */
async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('账户查询 by name or ID number', () => {
  beforeAll(async () => {
    const token = (await postJson(stack, '/v1/staff/auth/login', { username: 'account.clerk', password: DEMO_STAFF_PASSWORD })).body.token;
    const opened = await postJson(
      stack,
      '/v1/staff/accounts',
      {
        accountNo: SECOND.accountNo,
        name: SECOND.name,
        idNumber: SECOND.first17 + idNumberCheckChar(SECOND.first17),
        phone: '13900139060',
        employer: '浦江数据服务有限公司',
        openedOn: '2026-11-01',
        depositBaseFen: 800_000,
        unitRateBasisPoints: 1200,
        personalRateBasisPoints: 1200,
      },
      token,
    );
    expect(opened.status).toBe(200);
  });

  it('finds accounts by a name, its first characters or an ID number, masked', async () => {
    const page = await signedIn('auditor');
    await page.getByRole('menuitem', { name: '账户查询' }).click();
    const search = page.locator('#account-no');

    // two accounts start with 张明: listed, masked, each opens
    await search.fill('张明');
    await search.press('Enter');
    const hits = byTestId(page, 'account-hits');
    await expect(hits.innerText()).resolves.toMatch(/姓名“张明”：找到 2 个账户[\s\S]*张明\s+310100200001\s+3101\*{10}\d{3}[\dX][\s\S]*张明远\s+310100209960/);
    await expect(hits.innerText()).resolves.not.toContain(RENTER_ID);
    await expectNoSeriousAxe(page, 'account-hits');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-account-hits.png'), fullPage: true });
    await page.getByRole('button', { name: `查看 张明远（${SECOND.accountNo}）的账户` }).click();
    await expect(byTestId(page, 'account-card').innerText()).resolves.toContain(`张明远　${SECOND.accountNo}`);
    await page.getByRole('button', { name: /返回查询结果（2 个账户）/ }).click();
    await hits.waitFor();

    // the whole name of one person opens the account at once
    await search.fill('张明远');
    await search.press('Enter');
    await expect(byTestId(page, 'account-card').innerText()).resolves.toContain('张明远');

    // an ID number (the check character typed in lower case would do too) finds its one account
    await search.fill(RENTER_ID);
    await search.press('Enter');
    const card = byTestId(page, 'account-card');
    await expect(card.innerText()).resolves.toContain('张明　310100200001');
    await expect(card.innerText()).resolves.toContain(maskIdNumber(RENTER_ID));
    await expect(card.innerText()).resolves.not.toContain(RENTER_ID);
    await byTestId(page, 'account-ledger').locator('tbody tr').first().waitFor();
    await expectNoSeriousAxe(page, 'account-by-id');

    // refused in words before sending: a wrong check character; nobody: said so
    const wrongCheck = `${RENTER_ID.slice(0, 17)}${RENTER_ID.endsWith('1') ? '2' : '1'}`;
    await search.fill(wrongCheck);
    await search.press('Enter');
    await expect(byTestId(page, 'account-error').innerText()).resolves.toContain('身份证号不正确，请核对');
    await search.fill('欧阳');
    await search.press('Enter');
    await expect(byTestId(page, 'account-no-hits').innerText()).resolves.toContain('没有找到姓名“欧阳”的账户');
    await expectNoSeriousAxe(page, 'account-no-hits');
    await page.context().close();
  });

  it('shows the ledger a page at a time and every change in the account\'s audit trail', async () => {
    const page = await signedIn('account.clerk');
    await page.getByRole('menuitem', { name: '账户查询' }).click();
    const search = page.locator('#account-no');

    // the demo renter's ledger: newest first, 20 a page, the next page older
    await search.fill('310100200001');
    await search.press('Enter');
    const ledger = byTestId(page, 'account-ledger');
    await ledger.locator('tbody tr').first().waitFor();
    const firstPage = await ledger.locator('tbody tr').allInnerTexts();
    expect(firstPage).toHaveLength(20);
    const seq = (row: string) => Number(row.trim().split(/\s+/)[0]);
    expect(seq(firstPage[0])).toBeGreaterThan(seq(firstPage[19]));
    await expectNoSeriousAxe(page, 'account-ledger');
    await byTestId(page, 'account-ledger-next').click();
    const top = async () => seq((await ledger.locator('tbody tr').allInnerTexts())[0] ?? '');
    expect(await settled(top, (value) => value === seq(firstPage[19]) - 1)).toBe(seq(firstPage[19]) - 1);

    // 张明远: 封存 and 启封 at the counter, each then in the trail with who and why
    await search.fill(SECOND.name);
    await search.press('Enter');
    await expect(byTestId(page, 'account-card').innerText()).resolves.toContain(SECOND.name);
    await byTestId(page, 'change-reason').fill('单位出具离职证明');
    await byTestId(page, 'account-sealAccount').click();
    await page.getByRole('button', { name: '确认封存' }).click();
    await page.locator('[data-testid="account-card"] .ant-tag', { hasText: '封存' }).waitFor();
    await page.getByRole('tab', { name: '操作记录' }).click();
    const rows = async () => (await byTestId(page, 'account-audit').locator('tbody tr').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
    expect(await settled(rows, (value) => value.length === 2)).toEqual([
      expect.stringMatching(/封存 account\.clerk 单位出具离职证明 封存原因：离职$/),
      expect.stringMatching(/开户 account\.clerk — 单位：浦江数据服务有限公司$/),
    ]);
    await expectNoSeriousAxe(page, 'account-audit');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-account-audit.png'), fullPage: true });

    await byTestId(page, 'change-reason').fill('到新单位入职');
    await byTestId(page, 'account-unsealAccount').click();
    await page.getByRole('button', { name: '确认启封' }).click();
    await page.locator('[data-testid="account-card"] .ant-tag', { hasText: '正常' }).waitFor();
    await page.getByRole('tab', { name: '操作记录' }).click();
    const words = async () => (await rows()).map((row) => row.split(' ').slice(2, 5).join(' '));
    expect(await settled(words, (value) => value.length === 3)).toEqual([
      '启封 account.clerk 到新单位入职',
      '封存 account.clerk 单位出具离职证明',
      '开户 account.clerk —',
    ]);
    await page.context().close();
  });

  it('does not offer the audit trail to the deposit clerk', async () => {
    const page = await signedIn('deposit.clerk');
    await page.getByRole('menuitem', { name: '账户查询' }).click();
    await page.locator('#account-no').fill('310100200001');
    await page.locator('#account-no').press('Enter');
    await byTestId(page, 'account-ledger').locator('tbody tr').first().waitFor();
    await expect(page.getByRole('tab', { name: '操作记录' }).count()).resolves.toBe(0);
    await page.context().close();
  });
});
