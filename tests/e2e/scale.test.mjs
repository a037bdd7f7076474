// A big cluster in the page: the storage tab folds each broker's directories past six into a
// summary line (and shows them all on demand), and when the simulation cannot keep up with
// the speed inside a frame's time budget, virtual time runs slower and the toolbar says how
// fast it really runs (`?simbudget=` shrinks the budget so this shows on any machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openLab, bigCluster } from './harness.mjs';

const lab = suite({ shots: null });

test('storage tab: a broker with 30 directories shows six, a summary, and the rest on demand', { timeout: 120000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=20');
  await bigCluster(page);
  await page.click('[data-tab=storage]');
  const disk = page.locator('.disk[data-broker="1"]');
  await disk.locator('[data-testid=disk-summary-1]').waitFor();
  const summary = await disk.locator('[data-testid=disk-summary-1]').textContent();
  const dirs = Number(/^(\d+) partition directories/.exec(summary)?.[1]);
  assert.ok(dirs > 7, `broker 1 holds ${dirs} directories: ${summary}`);
  assert.equal(await disk.locator('.pdir').count(), 6);
  await page.click('[data-testid=disk-more-1]');
  await page.waitForFunction((n) => document.querySelectorAll('.disk[data-broker="1"] .pdir').length === n, dirs);
  assert.match(await page.textContent('[data-testid=disk-more-1]'), /Show fewer/);
  // The other brokers stay folded.
  assert.equal(await page.locator('.disk[data-broker="2"] .pdir').count(), 6);
  await page.click('[data-testid=disk-more-1]');
  await page.waitForFunction(() => document.querySelectorAll('.disk[data-broker="1"] .pdir').length === 6);
  assert.deepEqual(errors, []);
});

test('a frame that cannot fit the work: virtual time slows down and the toolbar says at what speed', { timeout: 120000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&speed=100&simbudget=0.01');
  await bigCluster(page);
  await page.click('[data-tab=replication]');
  await page.selectOption('[data-testid=producer-topic]', 'load');
  await page.click('[data-testid=stream]');
  const badge = page.locator('[data-testid=speed-behind]');
  await badge.waitFor({ timeout: 20000 });
  const text = await badge.textContent();
  const m = /^实际 ×(\d+(?:\.\d)?)$/.exec(text.trim());
  assert.ok(m, `badge reads ${text}`);
  assert.ok(Number(m[1]) < 100, `runs at ${m[1]} although it fell behind ×100`);
  // Virtual time still moves.
  const clock = async () => parseFloat((await page.textContent('[data-testid=clock]')).replace(' s', ''));
  const t0 = await clock();
  await page.waitForFunction((t) => parseFloat(document.querySelector('[data-testid=clock]').textContent) > t + 0.5, t0, { timeout: 20000 });
  assert.deepEqual(errors, []);
});

test('cluster tab past what fits: counts in every broker box, the trouble called out, topics and brokers open', { timeout: 120000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=50');
  await bigCluster(page);
  await page.click('[data-tab=cluster]');
  await page.waitForSelector('[data-testid=overview]');
  // Every box shows counts and no chips; broker 1's counts add up to its 30 replicas.
  assert.equal(await page.locator('svg .broker .chip').count(), 0);
  assert.equal(await page.locator('svg .broker .counts').count(), 12);
  const counts = page.locator('.broker[data-broker="1"] .counts');
  const sum = async (el) => ['data-leaders', 'data-in-sync', 'data-out-of-sync', 'data-offline']
    .map(async (a) => Number(await el.getAttribute(a))).reduce(async (x, y) => (await x) + (await y), 0);
  assert.equal(await sum(counts), 30);
  assert.match(await page.textContent('[data-testid=ov-summary]'), /^12 brokers \(0 dead\), 120 partitions: 0 under-replicated, 0 offline$/);
  // Kill broker 2: once ZooKeeper expires its session, its partitions are called out as under-replicated.
  await page.click('[data-broker="2"]');
  await page.waitForSelector('[data-testid=ov-urp]', { timeout: 30000 });
  assert.match(await page.textContent('[data-testid=ov-summary]'), /\(1 dead\), 120 partitions: 30 under-replicated, 0 offline/);
  assert.equal(await page.getAttribute('.broker[data-broker="2"] .counts', 'data-offline'), '30');
  const urp = await page.locator('[data-testid=ov-urp] li').count();
  assert.equal(urp, 12, 'twelve listed, the rest counted');
  // Open the topic: its 120 partitions, the under-replicated ones marked.
  await page.click('[data-testid=ov-topic-load]');
  assert.equal(await page.locator('.ov-topics tr.ov-part').count(), 120);
  assert.equal(await page.locator('.ov-topics tr.ov-part.urp').count(), 30);
  // Open broker 3: the partitions it holds.
  await page.click('[data-testid=ov-broker-3]');
  assert.equal(await page.locator('.ov-brokers tr.ov-part').count(), 30);
  assert.deepEqual(errors, []);
});

test('a stream that runs for long does not redo per frame what grows with the run: the saved link, the timeline marks, the event log lines', { timeout: 120000 }, async () => {
  // The page used to deflate the whole run into localStorage, rebuild the console from the
  // whole transcript, move every timeline mark and re-narrate 300 event-log lines on every
  // frame of a stream (each record is a journaled command). Counted here, not timed.
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=100');
  await page.evaluate(() => {
    window.__saves = 0;
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) { window.__saves += 1; return set.call(this, k, v); };
  });
  await page.click('[data-tab=replication]');
  await page.selectOption('[data-testid=producer-topic]', 'orders');
  await page.click('[data-testid=stream]');
  await page.waitForTimeout(1500);
  const counts = await page.evaluate(async () => {
    const marks = document.querySelector('[data-testid=tm-track] svg');
    const log = document.querySelector('[data-testid=events]');
    const seen = { markAttrs: 0, oldLogText: 0, frames: 0 };
    const first = log.querySelector('li');
    const mo = new MutationObserver((ms) => {
      for (const m of ms) {
        if (m.type === 'attributes' && m.target.tagName === 'line') seen.markAttrs += 1;
        if (m.type === 'characterData' && first && first.contains(m.target)) seen.oldLogText += 1;
      }
    });
    mo.observe(marks, { attributes: true, subtree: true });
    mo.observe(log, { characterData: true, subtree: true });
    const saves0 = window.__saves;
    const t0 = performance.now();
    await new Promise((r) => { const f = () => { seen.frames += 1; performance.now() - t0 < 3000 ? requestAnimationFrame(f) : r(); }; requestAnimationFrame(f); });
    mo.disconnect();
    return { ...seen, saves: window.__saves - saves0, lines: log.querySelectorAll(':scope > li').length };
  });
  assert.ok(counts.frames > 20, JSON.stringify(counts));
  // Every 3 s of play at most (plus one): not once per frame.
  assert.ok(counts.saves <= 2, `saved the run ${counts.saves} times in ${counts.frames} frames`);
  // The marks stay where they are drawn (in virtual ms); new ones are added.
  assert.equal(counts.markAttrs, 0, JSON.stringify(counts));
  // The line that was first in the log is not rewritten while new lines arrive.
  assert.equal(counts.oldLogText, 0, JSON.stringify(counts));
  assert.ok(Number(await page.getAttribute('[data-testid=timeline]', 'data-marks')) > 10);
  assert.deepEqual(errors, []);
});
