// Frames stay short on a big cluster, third round (issue 15, "Drawing big clusters"): counted
// rather than timed, so it holds on any machine. The page's own parts of a frame are the
// browser's user timing (`?marks`, web/src/marks.rs): the simulation runs once a frame, on
// every frame of a playing run (its budget adapts but never drops to nothing), and the tab's
// tables are read at most 4 times a second. The timeline's marks stay a bounded number of
// elements while a stream's commands pile up (they grew by ~150 elements a second).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openLab, bigCluster } from './harness.mjs';

const lab = suite({ shots: null });
/** Buckets the timeline thins its marks into (web/src/components/timeline.rs MARK_BUCKETS). */
const MARK_BUCKETS = 250;

/** For `ms`: animation frames, and how many of the page's measures of each name. */
function countParts(page, ms) {
  return page.evaluate(async (ms) => {
    const counts = {};
    const po = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) counts[e.name] = (counts[e.name] ?? 0) + 1;
    });
    po.observe({ type: 'measure' });
    let frames = 0;
    const t0 = performance.now();
    await new Promise((done) => {
      const f = () => {
        frames += 1;
        if (performance.now() - t0 < ms) requestAnimationFrame(f); else done();
      };
      requestAnimationFrame(f);
    });
    po.disconnect();
    return { frames, seconds: (performance.now() - t0) / 1000, counts };
  }, ms);
}

/** Marks drawn on the timeline, per class. */
const marksByClass = (page) => page.evaluate(() => {
  const out = {};
  for (const l of document.querySelectorAll('[data-testid=tm-track] line.tm-mark')) {
    const c = [...l.classList].find((x) => x !== 'tm-mark');
    out[c] = (out[c] ?? 0) + 1;
  }
  return out;
});

test('a stream at ×100 on 12 × 120: the simulation runs once every frame, the tables at most 4 times a second, the timeline\'s marks stay bounded', { timeout: 180000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=100&marks');
  await bigCluster(page, { stream: true });
  await page.click('[data-tab=storage]');
  await page.waitForTimeout(1000);
  const w = await countParts(page, 2000);
  const c = (k) => w.counts[k] ?? 0;
  const sims = c('klab:sim') + c('klab:sim+snap');
  assert.ok(w.frames > 20, JSON.stringify(w));
  // Every frame the page drew simulated (the budget's floor), and no frame simulated twice.
  assert.ok(c('klab:frame') >= w.frames / 2, JSON.stringify(w));
  assert.ok(sims >= c('klab:frame') - 2 && sims <= w.frames + 2, JSON.stringify(w));
  assert.ok(c('klab:refresh') >= c('klab:frame') - 2, JSON.stringify(w));
  // The storage tab's tables: at most 4 a second (+1 for the window's edges).
  assert.ok(c('klab:tables') >= 1 && c('klab:tables') <= 4 * w.seconds + 1, JSON.stringify(w));

  // The timeline: one mark per bucket and class at most, however long the stream runs.
  const early = await marksByClass(page);
  await page.waitForTimeout(4000);
  const late = await marksByClass(page);
  assert.ok((late.cmd ?? 0) > 10, `the stream's commands are on the track: ${JSON.stringify(late)}`);
  for (const m of [early, late]) {
    for (const [k, n] of Object.entries(m)) assert.ok(n <= MARK_BUCKETS + 1, `${n} ${k} marks: ${JSON.stringify(m)}`);
  }
  assert.deepEqual(errors, []);
});

test('without ?marks the page measures nothing', { timeout: 60000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=100');
  const w = await countParts(page, 500);
  assert.ok(w.frames > 3, JSON.stringify(w));
  assert.deepEqual(w.counts, {});
  assert.deepEqual(errors, []);
});
