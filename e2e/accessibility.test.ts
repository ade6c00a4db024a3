/**
 * 适老化 and accessibility, measured (the short version of `npm run audit:a11y`): every page of
 * app.config.ts in standard and elder mode, on one stack and one browser — axe-core WCAG 2.1 A/AA
 * with no serious or critical violation, and the MIIT elder-mode rules from computed styles and
 * boxes (font sizes, line spacing, contrast, tap targets, screen-reader names). See
 * e2e/accessibility/audit.ts for the rules and their numbers.
 */
import type { Browser } from 'playwright-core';
import { formatFindings, formatTable, judge, MODES, runAudit, violationsOf, type Measured } from './accessibility/audit';
import { configuredPages, SCENES } from './accessibility/scenes';
import { launchBrowser } from './browser';
import { useStack } from './stack';

jest.setTimeout(240_000);

const stack = useStack();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const text = (fontSize: number, contrast: number, extra: Partial<Measured['texts'][number]> = {}) => ({
  text: '账户余额',
  where: 'taro-text-core',
  fontSize,
  fontWeight: 400,
  lines: 1,
  lineHeightRatio: null,
  contrast,
  backgroundUnknown: null,
  ...extra,
});
const NOTHING: Measured = { texts: [], targets: [], images: [], fields: [], amounts: [], alerts: [], popups: [], firstScreen: [] };

describe('the rules', () => {
  it('holds elder mode to 18px text, a 30px headline and 60px targets, standard mode to 14px and 44px', () => {
    const page: Measured = {
      ...NOTHING,
      texts: [text(16, 7), text(28, 7)],
      targets: [{ where: 'taro-button-core', label: '重试', width: 343, height: 48, announced: true }],
    };
    expect(judge(page, 'standard', []).map((f) => f.rule)).toEqual([]);
    expect(judge(page, 'elder', []).map((f) => f.rule).sort()).toEqual(['font', 'largest', 'target']);
  });

  it('counts tight paragraphs, low contrast (3:1 only for large text), nameless images and fields, unspoken amounts', () => {
    const page: Measured = {
      ...NOTHING,
      texts: [text(16, 4.4), text(24, 3.2), text(16, 7, { lines: 3, lineHeightRatio: 1.2 })],
      targets: [{ where: 'taro-text-core', label: '退出', width: 60, height: 60, announced: false }],
      images: [{ where: 'img', name: 'image', ok: false }],
      fields: [{ where: 'input', name: '', ok: false }],
      amounts: [{ where: 'taro-text-core', text: '¥840.00', label: '', ok: false }],
    };
    expect(judge(page, 'standard', []).map((f) => f.rule)).toEqual(['contrast', 'lineHeight', 'role', 'srName', 'srName', 'amountName']);
  });

  it('wants the H5 navigation bar to show the configured title and a 首页 control (home needs neither control)', () => {
    const bar = { expectedTitle: '设置', title: '设置', back: true, home: true, isHome: false };
    expect(judge({ ...NOTHING, navigation: bar }, 'standard', [])).toEqual([]);
    expect(judge({ ...NOTHING, navigation: { ...bar, title: null } }, 'elder', []).map((f) => f.rule)).toEqual(['largest', 'nav']);
    expect(judge({ ...NOTHING, navigation: { ...bar, title: '公积金服务' } }, 'standard', []).map((f) => f.rule)).toEqual(['nav']);
    expect(judge({ ...NOTHING, navigation: { ...bar, home: false } }, 'standard', []).map((f) => f.rule)).toEqual(['nav']);
    expect(judge({ ...NOTHING, navigation: { ...bar, expectedTitle: '我的公积金', title: '我的公积金', home: false, back: false, isHome: true } }, 'standard', [])).toEqual([]);
  });
});

describe('适老化 and accessibility', () => {
  it('has an audit scene for every page in app.config.ts', () => {
    const audited = new Set(SCENES.map((scene) => scene.page));
    expect(configuredPages().filter((page) => !audited.has(page))).toEqual([]);
    expect(configuredPages().length).toBeGreaterThanOrEqual(12);
  });

  it('breaks no rule on any page, in standard or elder mode', async () => {
    const results = await runAudit(browser, stack.current);
    expect(results).toHaveLength(SCENES.length * MODES.length);
    const failed = results.filter((result) => violationsOf(result) > 0);
    if (failed.length) throw new Error(`${formatTable(results)}\n\n${formatFindings(failed)}`);
  });
});
