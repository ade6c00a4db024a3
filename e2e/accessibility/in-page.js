/**
 * Runs inside the page (injected by audit.ts with addScriptTag): reads what the 适老化 rules are
 * about from computed styles and layout boxes. Plain JavaScript on purpose: it reaches the browser
 * as written, untouched by the TypeScript transforms of jest (swc) and tsx (esbuild).
 *
 * window.__hpfA11yMeasure(options) returns { texts, targets, images, amounts, alerts, popups, viewportHeight }.
 */
(() => {
  // Taro's h5 navigation bar stands in for WeChat's own (native) bar: not the app's to style.
  const CHROME = '.taro-navigation-bar, .taro-tabbar__container';
  const INTERACTIVE =
    'button, a[href], input:not([type="hidden"]), textarea, select, [role="button"], [role="link"], [role="switch"], [role="radio"], [role="checkbox"], [role="tab"], [role="menuitem"]';
  const MONEY = /[¥￥]\s?-?[\d,]+(\.\d+)?/;
  const GENERIC_NAME = /^(image|img|picture|photo|图片|图像|二维码|qr ?code)$/i;

  function parseColor(text) {
    const match = /^rgba?\(([^)]+)\)$/.exec(text.trim());
    if (!match) return null;
    const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  }

  /** `top` painted over `bottom` (an opaque colour). */
  function over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  }

  function luminance(rgb) {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  /** The colour behind an element: its own and its ancestors' backgrounds, composited on white. */
  function backgroundOf(element) {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage && style.backgroundImage !== 'none') return { unknown: 'background image' };
      const colour = parseColor(style.backgroundColor);
      if (colour && colour[3] > 0) layers.push(colour);
      if (colour && colour[3] >= 1) break;
    }
    let result = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i -= 1) result = over(layers[i], result);
    return { rgb: result };
  }

  /** Hidden or see-through elements are not judged (a faded stale QR code is meant to look faded). */
  function shown(element) {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || Number(style.opacity) === 0) return false;
      if (Number(style.opacity) < 1) return false;
    }
    const style = getComputedStyle(element);
    return style.visibility !== 'hidden';
  }

  function describe(element) {
    const testId = element.closest('[data-testid]');
    const cls = (element.getAttribute('class') || '').split(/\s+/).filter(Boolean).slice(0, 2).join('.');
    const tag = element.tagName.toLowerCase();
    return `${tag}${cls ? '.' + cls : ''}${testId ? ` in [data-testid=${testId.getAttribute('data-testid')}]` : ''}`;
  }

  function accessibleName(element) {
    const labelled = element.getAttribute('aria-labelledby');
    if (labelled) {
      const text = labelled
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent || '')
        .join(' ')
        .trim();
      if (text) return text;
    }
    return (element.getAttribute('aria-label') || element.getAttribute('alt') || element.getAttribute('title') || '').trim();
  }

  function lineTops(rects) {
    const tops = [];
    for (const rect of rects) {
      if (!tops.some((top) => Math.abs(top - rect.top) < 2)) tops.push(rect.top);
    }
    return tops.sort((a, b) => a - b);
  }

  function texts() {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.replace(/\s+/g, ' ').trim();
      const element = node.parentElement;
      if (!text || !element || element.closest(CHROME) || element.closest('script, style, noscript')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0 || !shown(element)) continue;
      const style = getComputedStyle(element);
      const fontSize = parseFloat(style.fontSize);
      const tops = lineTops(rects);
      let pitch = null;
      for (let i = 1; i < tops.length; i += 1) {
        const gap = tops[i] - tops[i - 1];
        if (pitch === null || gap < pitch) pitch = gap;
      }
      const colour = parseColor(style.color);
      const background = backgroundOf(element);
      const ratio = colour && background.rgb ? contrast(over(colour, background.rgb), background.rgb) : null;
      out.push({
        text: text.slice(0, 40),
        where: describe(element),
        fontSize,
        fontWeight: Number(style.fontWeight) || 400,
        lines: tops.length,
        lineHeightRatio: pitch === null ? null : pitch / fontSize,
        contrast: ratio,
        backgroundUnknown: background.unknown || null,
        top: rects[0].top + window.scrollY,
      });
    }
    // Placeholder text is text too: an empty field shows it.
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (input.value || !input.getAttribute('placeholder') || input.closest(CHROME) || !shown(input)) continue;
      const rect = input.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(input, '::placeholder');
      const colour = parseColor(style.color);
      const background = backgroundOf(input);
      out.push({
        text: `placeholder “${input.getAttribute('placeholder').slice(0, 30)}”`,
        where: describe(input),
        fontSize: parseFloat(style.fontSize),
        fontWeight: Number(style.fontWeight) || 400,
        lines: 1,
        lineHeightRatio: null,
        contrast: colour && background.rgb ? contrast(over(colour, background.rgb), background.rgb) : null,
        backgroundUnknown: background.unknown || null,
        top: rect.top + window.scrollY,
      });
    }
    return out;
  }

  /** Taro h5 components keep their listeners in `__events`; native controls and ARIA roles count too. */
  function clickable(element) {
    const events = element.__events;
    if (events && (events.click || events.tap)) return true;
    return element.matches(INTERACTIVE);
  }

  function targets() {
    const all = Array.from(document.body.querySelectorAll('*')).filter(
      (element) => clickable(element) && !element.closest(CHROME) && shown(element),
    );
    const set = new Set(all);
    const out = [];
    for (const element of all) {
      let inner = false;
      for (let node = element.parentElement; node; node = node.parentElement) {
        if (set.has(node)) {
          inner = true;
          break;
        }
      }
      if (inner) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      out.push({
        where: describe(element),
        label: (accessibleName(element) || element.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 30),
        width: rect.width,
        height: rect.height,
        // a screen reader says "button", "link", "switch"… only for native controls and ARIA roles
        announced: element.matches(INTERACTIVE),
      });
    }
    return out;
  }

  function images() {
    const out = [];
    for (const element of document.body.querySelectorAll('img, canvas, svg, [role="img"]')) {
      if (element.closest(CHROME) || element.closest('[aria-hidden="true"]') || !shown(element)) continue;
      if (element.tagName.toLowerCase() === 'svg' && element.parentElement?.closest('svg')) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const name = accessibleName(element) || accessibleName(element.parentElement || element);
      out.push({ where: describe(element), name, ok: name !== '' && !GENERIC_NAME.test(name) });
    }
    return out;
  }

  /** Fields need a name of their own: a placeholder is gone as soon as something is typed. */
  function fields() {
    const out = [];
    for (const element of document.body.querySelectorAll('input:not([type="hidden"]), textarea, select')) {
      if (element.closest(CHROME) || !shown(element) || element.getClientRects().length === 0) continue;
      const byFor = element.id ? document.querySelector(`label[for="${element.id}"]`) : null;
      const name = accessibleName(element) || (byFor || element.closest('label'))?.textContent?.trim() || '';
      out.push({ where: describe(element), name, ok: name !== '' && name !== element.getAttribute('alt') });
    }
    return out;
  }

  /** Every shown amount of money sits in (or is) an element whose label speaks it in 元. */
  function amounts() {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !MONEY.test(node.nodeValue) || element.closest(CHROME) || !shown(element)) continue;
      const labelled = element.closest('[aria-label]');
      const label = labelled ? labelled.getAttribute('aria-label') : '';
      out.push({ where: describe(element), text: node.nodeValue.trim().slice(0, 40), label, ok: /元/.test(label) });
    }
    return out;
  }

  /** Alerts and statuses must say what happened in words, not by colour alone. */
  function alerts() {
    return Array.from(document.body.querySelectorAll('[role="alert"], [role="status"]'))
      .filter((element) => shown(element) && element.getClientRects().length > 0)
      .map((element) => ({
        where: describe(element),
        ok: (accessibleName(element) || element.textContent || '').trim().length > 1,
      }));
  }

  function popups() {
    return Array.from(document.body.querySelectorAll('[role="dialog"], [role="alertdialog"], [aria-modal="true"], .taro__modal, .taro-modal__mask'))
      .filter((element) => shown(element) && element.getClientRects().length > 0)
      .map((element) => describe(element));
  }

  function firstScreen(testIds) {
    return testIds.map((testId) => {
      const element = document.querySelector(`[data-testid="${testId}"]`);
      if (!element || !shown(element)) return { testId, ok: false, why: 'not on the page' };
      const rect = element.getBoundingClientRect();
      const top = rect.top + window.scrollY;
      return { testId, ok: top + rect.height <= window.innerHeight, why: `at ${Math.round(top)}px` };
    });
  }

  window.__hpfA11yMeasure = (options) => ({
    texts: texts(),
    targets: targets(),
    images: images(),
    fields: fields(),
    amounts: amounts(),
    alerts: alerts(),
    popups: popups(),
    firstScreen: firstScreen(options.firstScreen || []),
  });
})();
