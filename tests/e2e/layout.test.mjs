// The page fits every screen: at 1400×900, 1024×768 and 390×844, in English and 中文, on every
// tab filled with representative content (a preset or a few commands first), no two pieces of
// text overlap, no text is clipped, and the key controls can be reached.
// Run with `node --test tests/e2e/layout.test.mjs` after `make build`. `LAYOUT_SHOTS=1` also
// saves a screenshot of every size × language × tab into tests/e2e/screenshots/layout/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOTS, suite } from './harness.mjs';

const SIZES = [[1400, 900], [1024, 768], [390, 844]];
const SHOTS = process.env.LAYOUT_SHOTS ? path.join(SCREENSHOTS, 'layout') : null;

const lab = suite({ shots: SHOTS || null });

/**
 * Runs in the page: every overlap between two pieces of text, every clipped text and every key
 * control out of reach. Text is measured per line fragment (a Range over each text node; SVG
 * <text> and <tspan> by their boxes), so an element's box never "overlaps" its own children.
 */
function audit({ brokersInView }) {
  const issues = { overlaps: [], clips: [], controls: [] };
  const doc = document.documentElement;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.getAttribute('data-testid')) s += `[${el.getAttribute('data-testid')}]`;
    else if (el.classList.length) s += '.' + [...el.classList].join('.');
    const t = (el.textContent || '').trim().replace(/\s+/g, ' ');
    return `${s} "${t.slice(0, 40)}"`;
  };
  const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const inter = (a, b) => ({ l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
  const box = (r) => ({ l: r.left, t: r.top, r: r.right, b: r.bottom });
  // The part of the page an element can show: its ancestors with overflow other than visible
  // cut it off (a scrolling one too: what is scrolled away is not on screen now).
  const clipOf = (el) => {
    let c = { l: -1e9, t: -1e9, r: 1e9, b: 1e9 };
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const r = a.getBoundingClientRect();
        c = inter(c, { l: r.left + a.clientLeft, t: r.top + a.clientTop, r: r.left + a.clientLeft + a.clientWidth, b: r.top + a.clientTop + a.clientHeight });
      }
    }
    return c;
  };
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (/auto|scroll/.test(cs.overflowX + cs.overflowY)) return true;
    }
    return false;
  };

  // 1. Every piece of text, as line fragments.
  const items = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest('svg, script, style, noscript, option, select, title')) continue;
    if (!shown(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5).map(box);
    if (rects.length) items.push({ el, rects, clip: clipOf(el), what: name(el) });
  }
  for (const t of document.querySelectorAll('svg text')) {
    if (t.closest('defs, .flight') || !t.textContent.trim() || !shown(t)) continue;
    const spans = t.querySelectorAll('tspan');
    const parts = spans.length ? [...spans] : [t];
    for (const p of parts) {
      const r = p.getBoundingClientRect();
      if (r.width > 0.5 && r.height > 0.5) items.push({ el: p, rects: [box(r)], clip: clipOf(t), what: name(p), svg: true });
    }
  }

  // 2. Overlaps: two fragments of different texts sharing more than a sliver, where both show.
  const vis = (r, c) => { const i = inter(r, c); return i.r - i.l > 1 && i.b - i.t > 1 ? i : null; };
  const frags = [];
  for (const it of items) for (const r of it.rects) { const v = vis(r, it.clip); if (v) frags.push({ it, r: v }); }
  frags.sort((a, b) => a.r.l - b.r.l);
  const seen = new Set();
  for (let i = 0; i < frags.length; i++) {
    const a = frags[i];
    for (let j = i + 1; j < frags.length && frags[j].r.l < a.r.r; j++) {
      const b = frags[j];
      if (a.it === b.it) continue;
      const o = inter(a.r, b.r);
      // Glyph boxes of neighbouring lines may touch: a real overlap covers 2px × 3px or more.
      if (o.r - o.l > 2 && o.b - o.t > 3) {
        const key = [a.it.what, b.it.what].sort().join(' × ');
        if (!seen.has(key)) { seen.add(key); issues.overlaps.push(key); }
      }
    }
  }

  // 3. Clipped text.
  const vw = doc.clientWidth;
  if (doc.scrollWidth > vw + 1) issues.clips.push(`the page is ${doc.scrollWidth}px wide in a ${vw}px window`);
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') || !shown(el) || !el.textContent.trim()) continue;
    const cs = getComputedStyle(el);
    const cutX = /hidden|clip/.test(cs.overflowX) || cs.textOverflow === 'ellipsis';
    const cutY = /hidden|clip/.test(cs.overflowY);
    // A clamped text whose whole is in its tooltip is a choice, not a defect.
    const whole = el.title && el.title.length * 2 >= el.textContent.trim().length;
    if (cutX && el.scrollWidth > el.clientWidth + 1 && !whole) issues.clips.push(`${name(el)} cut: ${el.scrollWidth} > ${el.clientWidth} wide`);
    else if (cutY && el.scrollHeight > el.clientHeight + 1 && !whole && cs.display !== 'inline') issues.clips.push(`${name(el)} cut: ${el.scrollHeight} > ${el.clientHeight} high`);
  }
  // A panel is read whole: it may scroll sideways (a wide table) but never hides its rows.
  for (const el of document.querySelectorAll('.panel')) {
    if (shown(el) && el.scrollHeight > el.clientHeight + 2) issues.clips.push(`${name(el)} squashed: ${el.scrollHeight} > ${el.clientHeight} high`);
  }
  for (const it of items) {
    // Inside a box that scrolls, the reader can get there (the console's long lines, a wide
    // table, the tab strip on a phone).
    if (it.svg || scrolls(it.el)) continue;
    for (const r of it.rects) {
      if (r.l < -1 || r.r > vw + 1) { issues.clips.push(`${it.what} off screen (${Math.round(r.l)}..${Math.round(r.r)})`); break; }
      const v = inter(r, it.clip);
      if (v.r < r.r - 1 || v.l > r.l + 1 || (v.b < r.b - 2 && v.b > r.t)) { issues.clips.push(`${it.what} cut by its box`); break; }
    }
  }
  for (const it of items) {
    if (!it.svg) continue;
    const svg = it.el.ownerSVGElement;
    const r = it.rects[0];
    const s = box(svg.getBoundingClientRect());
    if (r.l < s.l - 1 || r.r > s.r + 1 || r.t < s.t - 1 || r.b > s.b + 1) { issues.clips.push(`${it.what} past its drawing`); continue; }
    // Text drawn in a box (a <g> with a <rect> of its own) stays inside that box.
    const g = it.el.closest('text').parentElement.closest('g:has(> rect)');
    const rect = g && g.querySelector(':scope > rect');
    if (rect) {
      const b = box(rect.getBoundingClientRect());
      // Only text that starts inside the box belongs in it (a caption above a span does not).
      const [sx, sy] = [r.l + 2, (r.t + r.b) / 2];
      if (sx >= b.l && sx <= b.r && sy >= b.t && sy <= b.b && (r.l < b.l - 1 || r.r > b.r + 1 || r.t < b.t - 2 || r.b > b.b + 2)) issues.clips.push(`${it.what} runs out of its box ${name(g).split(' ')[0]}`);
    }
  }

  // 4. The key controls: reachable (scrolled into view, on screen, not covered).
  const controls = [...document.querySelectorAll('[role=tab]'), ...['play', 'speed', 'console-input'].map((t) => document.querySelector(`[data-testid=${t}]`))];
  for (const el of controls) {
    if (!el) { issues.controls.push('a key control is missing'); continue; }
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (r.left < -1 || r.right > innerWidth + 1 || r.top < -1 || r.bottom > innerHeight + 1 || !(hit === el || el.contains(hit))) {
      issues.controls.push(`${name(el)} out of reach`);
    }
  }
  window.scrollTo(0, 0);
  for (const el of document.querySelectorAll('*')) if (el.scrollTop || el.scrollLeft) { if (!el.matches('.event-list, .console-out')) { el.scrollTop = 0; el.scrollLeft = 0; } }
  if (brokersInView) {
    const brokers = [...document.querySelectorAll('[data-broker] > rect.box')];
    if (!brokers.length) issues.controls.push('no broker drawn');
    for (const b of brokers) {
      const r = b.getBoundingClientRect();
      if (r.top < 0 || r.bottom > innerHeight + 1 || r.left < 0 || r.right > innerWidth + 1) {
        issues.controls.push(`broker ${b.parentElement.dataset.broker} not in view without scrolling (${Math.round(r.top)}..${Math.round(r.bottom)} of ${innerHeight})`);
        break;
      }
    }
  }
  return issues;
}

async function exec(page, line) {
  await page.fill('[data-testid=console-input]', line);
  await page.press('[data-testid=console-input]', 'Enter');
}

async function playPreset(page, id) {
  await page.click(`[data-preset="${id}"]`);
  await page.waitForSelector(`[data-testid=preset-now][data-done=true]`, { timeout: 30000 });
}

/** Fills each tab as a learner would, then hands it to `check`. */
const SETUPS = {
  replication: async (page) => playPreset(page, 'acks-1-leader-dies-first'),
  cluster: async (page) => {
    // 30 partitions on 3 brokers: more replicas than a box holds as chips, so every box shows
    // counts and the overview panel opens under the diagram (with a topic opened).
    await exec(page, 'kafka-topics.sh --create --topic clickstream-events --partitions 30 --replication-factor 3');
    await page.waitForFunction(() => /Created topic clickstream-events/.test(document.querySelector('[data-testid=console-out]').textContent));
    await page.waitForFunction(() => document.querySelectorAll('[data-broker="1"] .counts').length === 1);
    await page.click('[data-testid=ov-topic-clickstream-events]');
    await page.waitForFunction(() => document.querySelectorAll('.ov-topics tr.ov-part').length === 30);
  },
  storage: async (page) => {
    // A fresh cluster (the replication preset before left a slow broker behind).
    await exec(page, 'brokers 3');
    await exec(page, 'kafka-topics.sh --create --topic orders --partitions 3 --replication-factor 3');
    await exec(page, 'produce --topic orders --partition 0 --acks all --count 40 --interval 5 order');
    await page.click('[data-tab=storage]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=disks] [data-broker="1"] [data-segment]').length >= 5, null, { timeout: 30000 });
    await page.fill('#lookup-offset', '30');
    await page.click('[data-testid=lookup-form] button[type=submit]');
    await page.waitForSelector('[data-testid=lookup-trace][data-done=true]', { timeout: 20000 });
    for (let i = 0; i < 5; i++) await page.click('[data-testid=fast-next]');
  },
  producer: async (page) => {
    await page.fill('[data-testid=pick-key]', 'user-1');
    await page.fill('[data-testid=pick-value]', 'first');
    await page.click('[data-testid=pick-send]');
    await page.waitForSelector('[data-testid=picks] td.landed');
    await page.click('[data-testid=run-load]');
    await page.waitForSelector('[data-testid=load-results] tr:nth-child(2)', { timeout: 30000 });
  },
  consumers: async (page) => playPreset(page, 'log-collection-pipeline'),
};

const results = [];

async function check(page, lang, label, opts = {}) {
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.waitForTimeout(60);
    const issues = await page.evaluate(audit, { brokersInView: opts.brokersInView && w >= 1024 });
    results.push({ size: `${w}x${h}`, lang, tab: label, ...issues });
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${label}-${lang}-${w}.png`), fullPage: true });
  }
}

function report() {
  const rows = results.map((r) => `${r.size.padEnd(9)} ${r.lang} ${r.tab.padEnd(12)} overlaps ${String(r.overlaps.length).padStart(2)}  clips ${String(r.clips.length).padStart(2)}  controls ${r.controls.length}`);
  console.log(rows.join('\n'));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOTS, 'layout-report.json'), JSON.stringify(results, null, 1));
  const bad = results.filter((r) => r.overlaps.length + r.clips.length + r.controls.length);
  return bad.map((r) => `${r.size} ${r.lang} ${r.tab}:\n  ${[...r.overlaps.map((o) => 'overlap: ' + o), ...r.clips.map((c) => 'clip: ' + c), ...r.controls.map((c) => 'control: ' + c)].join('\n  ')}`).join('\n');
}

for (const lang of ['en', 'zh']) {
  test(`every tab fits 1400×900, 1024×768 and 390×844 (${lang})`, { timeout: 120000 }, async () => {
    const page = await lab.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${lab.server.url}?lang=${lang}&speed=20`);
    await page.waitForSelector('[data-broker]');
    // The opening page, as a first visit sees it: the brokers are in view at 1024×768.
    await check(page, lang, 'opening', { brokersInView: true });
    for (const tab of ['cluster', 'replication', 'storage', 'producer', 'consumers']) {
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.click(`[data-tab=${tab}]`);
      await SETUPS[tab](page);
      await page.click(`[data-tab=${tab}]`);
      await check(page, lang, tab, { brokersInView: tab === 'cluster' });
    }
    // Bigger clusters: 12 and 64 brokers.
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.click('[data-tab=cluster]');
    for (const n of [12, 64]) {
      await exec(page, `brokers ${n}`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-broker]').length === n, n, { timeout: 20000 });
      await exec(page, `kafka-topics.sh --create --topic orders --partitions ${n} --replication-factor 3`);
      await page.waitForFunction((n) => document.querySelectorAll('.chip').length >= 3 * Math.min(n, 10), n, { timeout: 20000 });
      await check(page, lang, `${n}-brokers`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the diagram zooms, pans and resets; on a phone the tabs say there are more', async () => {
  const page = await lab.browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(`${lab.server.url}?lang=en&paused`);
  await page.waitForSelector('[data-broker]');
  const svg = '[data-testid=diagram]';
  const viewBox = () => page.getAttribute(svg, 'viewBox');
  const whole = await viewBox();
  await page.click('[data-testid=zoom-in]');
  assert.equal(await page.getAttribute(svg, 'data-zoom'), '1.50');
  const zoomed = await viewBox();
  assert.notEqual(zoomed, whole);
  // A drag pans the drawing and does not click (kill) the broker it started on.
  const b = await page.locator('[data-broker="2"] > rect.box').boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + 20);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + 80, b.y + 60, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await viewBox(), zoomed);
  assert.equal(await page.getAttribute('[data-broker="2"]', 'data-alive'), 'true');
  // Ctrl + wheel zooms further; the reset button shows the whole cluster again.
  await page.mouse.move(b.x + 10, b.y + 10);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await page.waitForFunction((sel) => Number(document.querySelector(sel).dataset.zoom) > 1.5, svg);
  await page.click('[data-testid=zoom-reset]');
  assert.equal(await viewBox(), whole);
  // A phone: the tab strip scrolls, "›" says so and scrolls it to the last tab.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForSelector('[data-testid=tabs-more]');
  await page.click('[data-testid=tabs-more]');
  await page.click('[data-testid=tabs-more]').catch(() => {});
  const last = await page.locator('[data-tab=consumers]').boundingBox();
  assert.ok(last.x + last.width <= 390, `the last tab scrolled into view: ${JSON.stringify(last)}`);
  await page.close();
});

test('nothing overlaps, nothing is clipped, every key control is in reach', () => {
  const bad = report();
  assert.ok(results.length >= 2 * 8 * SIZES.length, `measured ${results.length} pages`);
  assert.equal(bad, '', `layout defects:\n${bad}`);
});
