/**
 * 适老化 and accessibility audit of the H5 build, one module for the jest test (e2e/accessibility.test.ts)
 * and `npm run audit:a11y`. Every page of app.config.ts, in standard and elder mode, at a 375 px
 * phone width: axe-core's WCAG 2.1 A/AA rules (0 serious or critical), and the measurable rules of
 * MIIT's 《移动互联网应用（APP）适老化通用设计规范》(2021) read from computed styles and boxes.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Stack } from '../../scripts/dev-stack';
import { SCREENSHOTS } from '../browser';
import { configuredPages, configuredTitle, prepareFixtures, SCENES, type Fixtures, type Scene } from './scenes';

export type Mode = 'standard' | 'elder';
export const MODES: readonly Mode[] = ['standard', 'elder'];

/**
 * The numbers. MIIT: elder-mode main text ≥ 18 px and the main function's largest text ≥ 30 px,
 * targets ≥ 60×60 in elder mode; line spacing ≥ 1.3 in paragraphs; contrast ≥ 4.5:1 (3:1 large).
 * Standard mode keeps WCAG's 44×44 targets and the app's own 14 px floor for small print.
 * "Large text" is WCAG's: ≥ 24 px, or ≥ 18.66 px bold (MIIT says "above 18 dp"; axe holds WCAG's).
 */
export const LIMITS = {
  standard: { minFontPx: 14, minTargetPx: 44 },
  elder: { minFontPx: 18, minTargetPx: 60, largestFontPx: 30 },
  lineHeight: 1.3,
  contrast: 4.5,
  contrastLarge: 3,
} as const;

/** A 375 px wide phone (the mini program's design width). */
const VIEWPORT = { width: 375, height: 812 };

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Rule ids, in the order the table shows them. */
export const RULES = ['font', 'largest', 'lineHeight', 'contrast', 'target', 'role', 'srName', 'amountName', 'alertWords', 'elderEntry', 'popup', 'nav', 'axe'] as const;
export type Rule = (typeof RULES)[number];

const RULE_HEADINGS: Record<Rule, string> = {
  font: 'font',
  largest: 'big≥30',
  lineHeight: 'line-h',
  contrast: 'contrast',
  target: 'target',
  role: 'role',
  srName: 'sr-name',
  amountName: 'amount',
  alertWords: 'alert',
  elderEntry: 'entry',
  popup: 'popup',
  nav: 'nav',
  axe: 'axe S/C',
};

export interface Finding {
  rule: Rule;
  message: string;
}

export interface PageResult {
  page: string;
  state: string;
  mode: Mode;
  counts: Record<Rule, number>;
  /** axe serious / critical separately (their sum is counts.axe). */
  axe: { serious: number; critical: number };
  findings: Finding[];
  durationMs: number;
  /** Where the time went (load, act, measure, axe, screenshot), ms. */
  phases: Record<string, number>;
  screenshot?: string;
}

export interface Measured {
  texts: {
    text: string;
    where: string;
    fontSize: number;
    fontWeight: number;
    lines: number;
    lineHeightRatio: number | null;
    contrast: number | null;
    backgroundUnknown: string | null;
  }[];
  targets: { where: string; label: string; width: number; height: number; announced: boolean }[];
  images: { where: string; name: string; ok: boolean }[];
  fields: { where: string; name: string; ok: boolean }[];
  amounts: { where: string; text: string; label: string; ok: boolean }[];
  alerts: { where: string; ok: boolean }[];
  popups: string[];
  firstScreen: { testId: string; ok: boolean; why: string }[];
  /** The H5 navigation bar as shown, and the title the page's config gives it. */
  navigation?: { expectedTitle: string; title: string | null; back: boolean; home: boolean; isHome: boolean };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const IN_PAGE = path.join(__dirname, 'in-page.js');
const AXE = require.resolve('axe-core/axe.min.js');

const px = (n: number) => `${Math.round(n * 10) / 10}px`;

/** Applies the limits to what the page measured; pure, so the rules themselves are testable. */
export function judge(measured: Measured, mode: Mode, axe: AxeViolation[]): Finding[] {
  const limits = LIMITS[mode];
  const findings: Finding[] = [];
  for (const t of measured.texts) {
    if (t.fontSize < limits.minFontPx - 0.05) findings.push({ rule: 'font', message: `${px(t.fontSize)} < ${limits.minFontPx}px: “${t.text}” (${t.where})` });
    if (t.lineHeightRatio !== null && t.lineHeightRatio < LIMITS.lineHeight - 0.01) {
      findings.push({ rule: 'lineHeight', message: `line spacing ${t.lineHeightRatio.toFixed(2)} < ${LIMITS.lineHeight} over ${t.lines} lines: “${t.text}” (${t.where})` });
    }
    const large = t.fontSize >= 24 || (t.fontSize >= 18.66 && t.fontWeight >= 700);
    const needed = large ? LIMITS.contrastLarge : LIMITS.contrast;
    if (t.contrast !== null && t.contrast < needed - 0.005) {
      findings.push({ rule: 'contrast', message: `${t.contrast.toFixed(2)}:1 < ${needed}:1: “${t.text}” at ${px(t.fontSize)} (${t.where})` });
    }
  }
  if (mode === 'elder') {
    const largest = Math.max(0, ...measured.texts.map((t) => t.fontSize));
    if (largest < LIMITS.elder.largestFontPx) findings.push({ rule: 'largest', message: `largest text is ${px(largest)} < ${LIMITS.elder.largestFontPx}px` });
  }
  for (const t of measured.targets) {
    if (t.width < limits.minTargetPx - 0.5 || t.height < limits.minTargetPx - 0.5) {
      findings.push({ rule: 'target', message: `${Math.round(t.width)}×${Math.round(t.height)} < ${limits.minTargetPx}×${limits.minTargetPx}: “${t.label}” (${t.where})` });
    }
  }
  for (const t of measured.targets) {
    if (!t.announced) findings.push({ rule: 'role', message: `tappable but no role for screen readers: “${t.label}” (${t.where})` });
  }
  for (const image of measured.images) {
    if (!image.ok) findings.push({ rule: 'srName', message: `image named “${image.name}” (${image.where})` });
  }
  for (const field of measured.fields) {
    if (!field.ok) findings.push({ rule: 'srName', message: `field with no name of its own (placeholder only) (${field.where})` });
  }
  for (const amount of measured.amounts) {
    if (!amount.ok) findings.push({ rule: 'amountName', message: `“${amount.text}” has no spoken amount in 元 (label “${amount.label}”; ${amount.where})` });
  }
  for (const alert of measured.alerts) {
    if (!alert.ok) findings.push({ rule: 'alertWords', message: `an alert/status with no words (${alert.where})` });
  }
  for (const entry of measured.firstScreen) {
    if (!entry.ok) findings.push({ rule: 'elderEntry', message: `${entry.testId} not on the first screen (${entry.why})` });
  }
  for (const popup of measured.popups) findings.push({ rule: 'popup', message: `a pop-up is open (${popup})` });
  const nav = measured.navigation;
  if (nav) {
    if (nav.title !== nav.expectedTitle) findings.push({ rule: 'nav', message: `navigation bar title “${nav.title ?? '(none shown)'}”, the page's config says “${nav.expectedTitle}”` });
    if (!nav.isHome && !nav.home) findings.push({ rule: 'nav', message: 'no 首页 control in the navigation bar' });
  }
  for (const violation of axe) {
    findings.push({ rule: 'axe', message: `axe ${violation.impact} ${violation.id}: ${violation.help} — ${violation.targets.slice(0, 3).join(', ')}` });
  }
  return findings;
}

function count(findings: Finding[]): Record<Rule, number> {
  const counts = Object.fromEntries(RULES.map((rule) => [rule, 0])) as Record<Rule, number>;
  for (const finding of findings) counts[finding.rule] += 1;
  return counts;
}

export const violationsOf = (result: PageResult) => result.findings.length;

/**
 * Waits (at most `limitMs`) for the page's finite CSS animations and transitions to end. axe reads
 * colours as they are at that instant: an Ant Design modal fading in, or a form hint fading out,
 * measures as low contrast, and a dropdown's listbox lingers unnamed while it closes.
 */
export async function settleAnimations(page: Page, limitMs = 3000): Promise<void> {
  await page.evaluate(async (limit) => {
    const deadline = Date.now() + limit;
    // an animation that ends may start another (a modal's mask, then its body): a few rounds
    for (let round = 0; round < 5 && Date.now() < deadline; round++) {
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
      if (running.length === 0) return;
      await Promise.race([Promise.allSettled(running.map((a) => a.finished)), new Promise((r) => setTimeout(r, deadline - Date.now()))]);
      // rc-motion removes a leaving element on the animation's end event, one frame later
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
  }, limitMs);
}

export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await settleAnimations(page);
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const { violations } = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => n.target.join(' ')) }));
  }, AXE_TAGS);
}

/** The serious and critical axe violations on the page as it is, one line each (empty when clean). */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await runAxe(page)).map((v) => `${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

export interface AuditOptions {
  modes?: readonly Mode[];
  /** Only these pages (by folder name); all when absent. */
  pages?: readonly string[];
  screenshots?: boolean;
  /** Groups of scenes (a mode and a session each) audited at the same time; 2 by default. */
  concurrency?: number;
  log?: (line: string) => void;
}

// pages under the top one stay in the document, hidden
const visible = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`).first().isVisible();

/** What the H5 navigation bar shows, beside the title the page's own config sets. */
export async function navigationOf(page: Page, pageName: string): Promise<NonNullable<Measured['navigation']>> {
  const title = page.locator('[data-testid="nav-title"]:visible').first();
  return {
    expectedTitle: configuredTitle(pageName),
    title: (await title.isVisible()) ? ((await title.textContent()) ?? '').trim() : null,
    back: await visible(page, 'nav-back'),
    home: await visible(page, 'nav-home'),
    isHome: pageName === 'home',
  };
}

/** One scene in one mode, on a new page of a context that already holds the mode and session. */
async function auditScene(context: BrowserContext, stack: Stack, fixtures: Fixtures, scene: Scene, mode: Mode, options: AuditOptions): Promise<PageResult> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  const page = await context.newPage();
  try {
    await page.goto(`${stack.webUrl}${await scene.route(fixtures)}`);
    // generous: the first call of each API function is a cold start, and test machines are busy
    await page.locator(`[data-testid="${scene.ready}"]`).first().waitFor({ timeout: 60_000 });
    lap('load');
    await scene.act?.(page, fixtures);
    await page.waitForFunction(() => !document.querySelector('[data-testid="loading-state"]'), undefined, { timeout: 30_000 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    lap('act');

    await page.addScriptTag({ path: IN_PAGE });
    const measured = await page.evaluate((firstScreen) => (window as any).__hpfA11yMeasure({ firstScreen }), scene.firstScreen ?? []) as Measured;
    measured.navigation = await navigationOf(page, scene.page);
    lap('measure');
    const axe = await runAxe(page);
    lap('axe');
    const findings = judge(measured, mode, axe);

    let screenshot: string | undefined;
    if (scene.screenshot && options.screenshots !== false) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const suffix = scene.page === 'certificates' ? '-qr' : '';
      screenshot = path.join(SCREENSHOTS, `a11y-${scene.page}${suffix}-${mode}.png`);
      // Taro h5 scrolls inside its page element, not the document: grow the window to the content
      const height = await page.evaluate(() =>
        Math.max(document.documentElement.scrollHeight, ...Array.from(document.querySelectorAll('.taro_page'), (element) => element.scrollHeight)),
      );
      await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(Math.max(height, VIEWPORT.height), 8000) });
      await page.screenshot({ path: screenshot });
      await page.setViewportSize(VIEWPORT);
      lap('screenshot');
    }
    return {
      page: scene.page,
      state: scene.state,
      mode,
      counts: count(findings),
      axe: { serious: axe.filter((v) => v.impact === 'serious').length, critical: axe.filter((v) => v.impact === 'critical').length },
      findings,
      durationMs: Math.round(performance.now() - started),
      phases,
      screenshot,
    };
  } catch (error) {
    // what was on screen instead: the words and a picture
    const shown = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 300)).catch(() => '');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `a11y-failed-${scene.page}-${mode}.png`), fullPage: true }).catch(() => undefined);
    throw new Error(`audit of ${scene.page} (${scene.state}, ${mode}) failed: ${(error as Error).message}\non screen: ${shown}`);
  } finally {
    await page.close();
  }
}

/**
 * Audits every scene in every mode on a running stack (API + served H5 build). Scenes that share a
 * mode and a session share a browser context (the app's files load from its cache); two such
 * groups run at a time.
 */
export async function runAudit(browser: Browser, stack: Stack, options: AuditOptions = {}): Promise<PageResult[]> {
  const missing = configuredPages().filter((name) => !SCENES.some((scene) => scene.page === name));
  if (missing.length) throw new Error(`no audit scene for page(s) ${missing.join(', ')}: add them to e2e/accessibility/scenes.ts`);
  const fixtures = await prepareFixtures(stack);
  const scenes = SCENES.filter((scene) => !options.pages || options.pages.includes(scene.page));
  const modes = options.modes ?? MODES;
  const groups = modes.flatMap((mode) =>
    (['none', 'member', 'staff', 'agency'] as const).map((session) => ({ mode, session, scenes: scenes.filter((scene) => scene.session === session) })),
  );
  const results = new Map<string, PageResult>();
  const key = (scene: Scene, mode: Mode) => `${mode}|${SCENES.indexOf(scene)}`;

  async function auditGroup({ mode, session, scenes: members }: (typeof groups)[number]): Promise<void> {
    if (members.length === 0) return;
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', deviceScaleFactor: 1 });
    try {
      const storage: Record<string, string> = {
        'hpf.elderMode': JSON.stringify({ data: mode === 'elder' ? '1' : '0' }),
        ...(session === 'member' ? fixtures.memberStorage : {}),
        ...(session === 'staff' ? fixtures.staffStorage : {}),
        ...(session === 'agency' ? fixtures.agencyStorage : {}),
      };
      await context.addInitScript((items) => {
        for (const [name, value] of Object.entries(items)) localStorage.setItem(name, value);
      }, storage);
      for (const scene of members) {
        const result = await auditScene(context, stack, fixtures, scene, mode, options);
        const phases = Object.entries(result.phases).map(([name, ms]) => `${name} ${ms}`).join(', ');
        options.log?.(`a11y: ${scene.page} (${scene.state}) ${mode}: ${violationsOf(result)} violation(s), ${result.durationMs} ms (${phases})`);
        results.set(key(scene, mode), result);
      }
    } finally {
      await context.close();
    }
  }

  const queue = [...groups];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) await auditGroup(group);
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  return modes.flatMap((mode) => scenes.map((scene) => results.get(key(scene, mode))!));
}

/** Terminal columns: CJK characters take two. */
function columns(text: string): number {
  return [...text].reduce((sum, ch) => sum + (/[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - columns(text)));

/** page × mode, a column per rule (count of violations), axe as serious/critical. */
export function formatTable(results: readonly PageResult[]): string {
  const head = ['page', 'state', 'mode', ...RULES.map((rule) => RULE_HEADINGS[rule]), 'result'];
  const rows = results.map((r) => [
    r.page,
    r.state,
    r.mode,
    ...RULES.map((rule) => (rule === 'axe' ? `${r.axe.serious}/${r.axe.critical}` : String(r.counts[rule]))),
    violationsOf(r) === 0 ? 'pass' : `FAIL (${violationsOf(r)})`,
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((row) => columns(row[i]))));
  const line = (row: string[]) => `| ${row.map((cell, i) => pad(cell, widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Each violation once per page and mode, repeats counted (“×12”). */
export function formatFindings(results: readonly PageResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    out.push(`${r.page} (${r.state}) ${r.mode}:`);
    const seen = new Map<string, number>();
    for (const f of r.findings) seen.set(`[${f.rule}] ${f.message}`, (seen.get(`[${f.rule}] ${f.message}`) ?? 0) + 1);
    for (const [message, n] of seen) out.push(`  ${message}${n > 1 ? ` ×${n}` : ''}`);
  }
  return out.join('\n');
}
