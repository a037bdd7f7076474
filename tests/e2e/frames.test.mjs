// Frames stay short on a big cluster (issue 15, "Drawing big clusters"): what the page redraws
// during 2 s of a producer stream at ×100 on 12 brokers × 120 partitions, counted (DOM writes,
// per frame) rather than timed, so it holds on any machine. The tabs' tables are rebuilt at most
// 4 times a second while the clock and the timeline's cursor move every frame (the flying
// messages are drawn once each and moved by the browser: frames2.test.mjs); the timeline's
// track rescales at most 4 times a second; a broker's box is drawn again only when its broker
// changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openLab, bigCluster } from './harness.mjs';

const lab = suite({ shots: null });
const WINDOW_MS = 2000;

/** For WINDOW_MS: frames drawn, and in how many of them each watched part of the page was
 * written (childList, attributes or text under its selector). */
function countWrites(page, watch) {
  return page.evaluate(async ({ watch, ms }) => {
    const seen = Object.fromEntries(Object.keys(watch).map((k) => [k, 0]));
    const dirty = new Set();
    const observers = Object.entries(watch).map(([name, sel]) => {
      const els = [...document.querySelectorAll(sel)];
      const mo = new MutationObserver(() => dirty.add(name));
      els.forEach((el) => mo.observe(el, { childList: true, attributes: true, characterData: true, subtree: true }));
      return { name, mo, n: els.length };
    });
    let frames = 0;
    const t0 = performance.now();
    await new Promise((done) => {
      const f = () => {
        // The writes of the frame before this one (observers report after it, as microtasks).
        for (const k of dirty) seen[k] += 1;
        dirty.clear();
        frames += 1;
        if (performance.now() - t0 < ms) requestAnimationFrame(f); else done();
      };
      requestAnimationFrame(f);
    });
    observers.forEach((o) => o.mo.disconnect());
    return { frames, ...seen, found: Object.fromEntries(observers.map((o) => [o.name, o.n])) };
  }, { watch, ms: WINDOW_MS });
}

/** Table rebuilds allowed in WINDOW_MS: 4 a second, plus one for a window's edges. */
const TABLE_UPDATES = (WINDOW_MS / 250) + 2;

test('a stream at ×100 on 12 × 120: the replication and storage tabs rebuild their tables 4 times a second, the clock every frame', { timeout: 180000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=100');
  await bigCluster(page, { stream: true });
  await page.waitForTimeout(1500);
  const repl = await countWrites(page, {
    rows: '[data-testid=partition-view] .replica-rows',
    ledger: '[data-testid=ledger]',
    clock: '[data-testid=processed]',
  });
  assert.deepEqual(repl.found, { rows: 1, ledger: 1, clock: 1 }, JSON.stringify(repl));
  assert.ok(repl.frames > 20, JSON.stringify(repl));
  // The clock is live; the tables are not redrawn on every frame.
  assert.ok(repl.clock >= repl.frames / 2, `the clock moved in ${repl.clock} of ${repl.frames} frames`);
  assert.ok(repl.rows >= 1 && repl.rows <= TABLE_UPDATES, `replica rows redrawn in ${repl.rows} of ${repl.frames} frames`);
  // The whole ledger is read once a second.
  assert.ok(repl.ledger <= WINDOW_MS / 1000 + 2, `ledger redrawn in ${repl.ledger} of ${repl.frames} frames`);

  await page.click('[data-tab=storage]');
  await page.waitForSelector('[data-testid=disks]');
  await page.waitForTimeout(500);
  const st = await countWrites(page, { disks: '[data-testid=disks]', clock: '[data-testid=processed]' });
  assert.ok(st.frames > 20, JSON.stringify(st));
  assert.ok(st.clock >= st.frames / 2, JSON.stringify(st));
  assert.ok(st.disks >= 1 && st.disks <= TABLE_UPDATES, `disks redrawn in ${st.disks} of ${st.frames} frames`);

  // Paused, the ledger lists the stream's sends.
  await page.click('[data-testid=play]');
  await page.click('[data-tab=replication]');
  const rows = await page.locator('[data-testid=ledger] tbody tr').count();
  assert.ok(rows > 0, 'the ledger lists the stream\'s sends');
  assert.deepEqual(errors, []);
});

test('a stream at ×100 on 12 × 120: the timeline rescales 4 times a second and the cluster tab redraws no broker box that did not change', { timeout: 180000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=100');
  await bigCluster(page, { stream: true });
  await page.click('[data-tab=cluster]');
  await page.waitForTimeout(1500);
  const c = await countWrites(page, {
    track: '[data-testid=tm-track] svg',
    cursor: '[data-testid=tm-cursor]',
    boxes: '[data-testid=diagram] .brokers',
    flights: '[data-testid=flights]',
  });
  assert.ok(c.frames > 20, JSON.stringify(c));
  // The track's viewBox (and with it every mark's layout) moves at most 4 times a second.
  assert.ok(c.track <= TABLE_UPDATES, `timeline track rewritten in ${c.track} of ${c.frames} frames`);
  // Messages fly (each is drawn once and moved by the browser: frames2.test.mjs counts it).
  assert.ok(c.flights >= 1, JSON.stringify(c));
  // The brokers' boxes change only when a broker does (ISR and leaders stay put in a steady stream).
  assert.ok(c.boxes <= c.frames / 4, `broker boxes rewritten in ${c.boxes} of ${c.frames} frames`);
  // Paused: the track ends exactly at the present.
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid=timeline]').dataset;
    return t.end === String(Math.max(Number(t.liveAt), Number(t.cursor), 1));
  });
  assert.deepEqual(errors, []);
});
