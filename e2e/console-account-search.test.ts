/**
 * 账户查询 in the console at 1366×768 on the local stack: the one search box takes an account
 * number, a name (whole, or its first characters) or an ID number (looked up by its hash on the
 * server); several accounts of a name are listed masked and each opens; an ID number that cannot
 * be one is refused in words before anything is sent. axe on every view.
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
});
