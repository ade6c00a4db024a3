/**
 * 结息 in the console at 1366×768 on the local stack: the account clerk chooses the year, previews
 * it (the demo members' 2026 interest is already in their seeded ledgers: 已结息; one account opened
 * here holds money all year and is due), confirms what the run will post, runs it with progress,
 * and the account's balance grows by the hand-computed interest; a second run posts nothing and
 * says so in words. The auditor may preview, not run. axe on every view.
 */
import path from 'node:path';
import { applyAmount, idNumberCheckChar, type AccountRecord } from '@hpf/shared';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { post } from '../functions/src/adapters/ledger-repository';
import { byTestId, SCREENSHOTS } from './browser';
import { expectNoSeriousAxe, menuItems, useConsoleBrowser } from './console-browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const { signedIn } = useConsoleBrowser(stack);
const ACCOUNT_NO = '310100209950';
const FIRST17 = '31010419880512003';

/*
 * Hand computation, settlement year 2026 = 2025-07-01 .. 2026-06-30, 365 days (no 29 February):
 * 1,000,000 fen (10,000.00 元) transferred in on 2025-05-01, before the period, all 365 days:
 * 积数 = 1,000,000 × 365 = 365,000,000 fen·days = 3,650,000.00 元·天;
 * interest = 积数 × 1.50% ÷ 360 = 365,000,000 ÷ 24,000 = 15,208.33… → 15,208 fen = ¥152.08.
 */
const INTEREST_FEN = 15_208;

async function balance(token: string): Promise<number> {
  const reply = await fetch(`${stack.current.apiUrl}/v1/staff/accounts/${ACCOUNT_NO}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await reply.json()) as { balanceFen: number }).balanceFen;
}

async function chooseYear(page: import('playwright-core').Page, year: number) {
  await page.locator('#interest-year').click();
  await page.locator('.ant-select-item-option', { hasText: `${year} 年度` }).click();
}

describe('结息 in the console', () => {
  let token: string;

  beforeAll(async () => {
    token = (await postJson(stack, '/v1/staff/auth/login', { username: 'account.clerk', password: DEMO_STAFF_PASSWORD })).body.token;
    const opened = await postJson(
      stack,
      '/v1/staff/accounts',
      {
        accountNo: ACCOUNT_NO,
        name: '周结息',
        idNumber: FIRST17 + idNumberCheckChar(FIRST17),
        phone: '13900139050',
        employer: '浦江数据服务有限公司',
        openedOn: '2025-04-01',
        depositBaseFen: 800_000,
        unitRateBasisPoints: 1200,
        personalRateBasisPoints: 1200,
      },
      token,
    );
    expect(opened.status).toBe(200);
    // a 转入 has no handler yet: it goes through the real posting path, dated before the period
    const moved = await post({
      tableName: process.env.TABLE_NAME as string,
      accountNo: ACCOUNT_NO,
      postedAt: new Date('2025-05-01T02:00:00.000Z'),
      guards: [],
      plan: (account: AccountRecord) => ({
        ok: true,
        plan: { entry: { kind: 'TRANSFER_IN', amountFen: 1_000_000, valueDate: '2025-05-01', description: '转入 外地公积金' }, account: applyAmount(account, 1_000_000) },
      }),
    });
    expect(moved.outcome).toBe('posted');
  });

  it('previews the year, confirms, runs it with progress; a second run posts nothing and says so', async () => {
    const page = await signedIn('account.clerk');
    await expect(menuItems(page)).resolves.toContain('结息');
    await page.getByRole('menuitem', { name: '结息' }).click();
    await page.getByText('选择年度后先预览').waitFor();
    await expectNoSeriousAxe(page, 'interest-idle');

    await chooseYear(page, 2026);
    await byTestId(page, 'interest-preview').click();
    const summary = byTestId(page, 'interest-summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toMatch(/2026 年度结息预览（2025年7月1日—2026年6月30日，年利率 1\.5%）[\s\S]*将结息账户\s*1\s*个[\s\S]*积数合计\s*3,650,000\.00 元·天[\s\S]*利息合计\s*¥152\.08/);
    // the demo members' 2026 interest is in their seeded ledgers
    await expect(summary.innerText()).resolves.toMatch(/已结息（不再记）\s*[1-9]\d*\s*个/);
    const row = page.locator('[data-testid="interest-rows"] tr', { hasText: ACCOUNT_NO });
    await expect(row.innerText()).resolves.toMatch(/周结息[\s\S]*将结息[\s\S]*3,650,000\.00 元·天[\s\S]*¥152\.08/);
    await expect(page.locator('[data-testid="interest-rows"] tr', { hasText: '310100200001' }).innerText()).resolves.toContain('已结息');
    await expectNoSeriousAxe(page, 'interest-preview');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-interest-preview.png'), fullPage: true });
    expect(await balance(token)).toBe(1_000_000);

    await byTestId(page, 'interest-run').click();
    await expect(byTestId(page, 'interest-confirm').innerText()).resolves.toMatch(/将给 1 个账户记利息，共 ¥152\.08，记账日期 2026年6月30日（年利率 1\.5%）[\s\S]*已结息的 \d+ 个账户不会重复记/);
    await expectNoSeriousAxe(page, 'interest-confirm');
    await page.getByRole('button', { name: '确认结息' }).click();
    const words = byTestId(page, 'interest-outcome-words');
    await expect(words.innerText()).resolves.toContain('2026 年度结息完成：给 1 个账户记了利息，共 ¥152.08。');
    await expect(byTestId(page, 'interest-outcome').innerText()).resolves.toMatch(/此前已结息\s*[1-9]\d*\s*个账户/);
    await expectNoSeriousAxe(page, 'interest-ran');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-interest-ran.png'), fullPage: true });
    expect(await balance(token)).toBe(1_000_000 + INTEREST_FEN);

    // again: the preview says the year is settled, and the run posts nothing, in words
    await byTestId(page, 'interest-preview').click();
    await expect(byTestId(page, 'interest-already').innerText()).resolves.toMatch(/2026 年度的利息已经结过（\d+ 个账户），再结息不会记任何一笔/);
    await expect(page.locator('[data-testid="interest-rows"] tr', { hasText: ACCOUNT_NO }).innerText()).resolves.toMatch(/已结息[\s\S]*¥152\.08/);
    await byTestId(page, 'interest-run').click();
    await expect(byTestId(page, 'interest-confirm').innerText()).resolves.toContain('没有要记的利息：结息不会记任何一笔，余额都不会变。');
    await page.getByRole('button', { name: '确认结息' }).click();
    await expect(words.innerText()).resolves.toMatch(/这次没有记任何一笔：2026 年度的利息此前已经结过（\d+ 个账户），余额都没有变。/);
    await expectNoSeriousAxe(page, 'interest-second-run');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-interest-second-run.png'), fullPage: true });
    expect(await balance(token)).toBe(1_000_000 + INTEREST_FEN);
    await page.context().close();
  });

  it('lets the auditor preview, never run', async () => {
    const page = await signedIn('auditor');
    await page.getByRole('menuitem', { name: '结息' }).click();
    await chooseYear(page, 2026);
    await byTestId(page, 'interest-preview').click();
    await byTestId(page, 'interest-summary').waitFor();
    await expect(byTestId(page, 'interest-run').count()).resolves.toBe(0);
    await page.context().close();
  });
});
