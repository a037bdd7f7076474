// End-to-end (helper snap): KIP-630 snapshots of __cluster_metadata on the KRaft quorum
// cards, in headless Chromium — with lowered thresholds every controller writes snapshots
// and, after the 60 s cleaner, starts its log at one: each card marks its latest snapshot on
// the log bar, greys the deleted prefix and says both in words, in English and in Chinese;
// the storage tab lists the checkpoints and the segment named by the log start.
// Run after `trunk build --release`: node --test tests/e2e/snap.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, suite, typeLine } from './harness.mjs';

const lab = suite();

const BROKERS = 'brokers 3 --mode kraft --override metadata.log.max.record.bytes.between.snapshots=2048 --override metadata.max.retention.bytes=4096';

/** Every controller card's { id, snapshot, logStart, leo }. */
function cards(page) {
  return page.$$eval('[data-testid=kraft-controller]', (els) => els.map((e) => ({
    id: e.dataset.id,
    snapshot: e.dataset.snapshot,
    logStart: Number(e.dataset.logStart),
    leo: Number(e.dataset.leo),
  })));
}

async function snapshotted(page) {
  await typeLine(page, BROKERS);
  await page.waitForSelector('[data-testid=kraft-quorum]');
  // No snapshot yet: nothing marked.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=kraft-controller]').length === 3);
  assert.equal((await page.$$('[data-testid=kraft-snapshot-mark]')).length, 0);
  await typeLine(page, 'advance 65s');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=kraft-snapshot-mark]').length === 3, null, { timeout: 20000 });
}

for (const [lang, words] of [['en', /^snapshot (\d+) · start (\d+)$/], ['zh', /^快照 (\d+) · 起点 (\d+)$/]]) {
  test(`${lang}: each controller card marks its latest snapshot and its log start after cleaning`, async () => {
    const query = lang === 'zh' ? '?lang=zh' : '';
    const { page, errors } = await openLab(lab.browser, lab.server.url, query);
    await page.setViewportSize({ width: 1400, height: 900 });
    await snapshotted(page);
    for (const c of await cards(page)) {
      const snap = Number(c.snapshot);
      assert.ok(snap > 0, JSON.stringify(c));
      // The cleaner ran at 60 s: the log starts at the snapshot kept, below its end.
      assert.ok(c.logStart > 0 && c.logStart <= snap && snap <= c.leo, JSON.stringify(c));
      const line = await page.textContent(`[data-testid=kraft-controller][data-id="${c.id}"] [data-testid=kraft-snapshot-line]`);
      const m = line.match(words);
      assert.ok(m, line);
      assert.deepEqual([Number(m[1]), Number(m[2])], [snap, c.logStart]);
      // The tooltip says it in full.
      const title = await page.textContent(`[data-testid=kraft-controller][data-id="${c.id}"] title`);
      assert.ok(title.includes(lang === 'zh' ? `日志起点 ${c.logStart}` : `log start ${c.logStart}`), title);
      assert.ok(await page.$(`[data-testid=kraft-controller][data-id="${c.id}"] .kq-bar-gone`), 'the deleted prefix is drawn');
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `snap-quorum-1400-${lang}.png`) });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    assert.equal((await page.$$('[data-testid=kraft-snapshot-line]')).length, 3);
    await page.screenshot({ path: path.join(SCREENSHOTS, `snap-quorum-1024-${lang}.png`) });
    // Narrow: the whole diagram scales down, marks and lines with it.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    assert.equal((await page.$$('[data-testid=kraft-snapshot-mark]')).length, 3);
    await page.screenshot({ path: path.join(SCREENSHOTS, `snap-quorum-390-${lang}.png`), fullPage: true });
    // The storage tab lists each controller's segment (named by its log start) and checkpoints.
    await page.setViewportSize({ width: 1400, height: 900 });
    const leader = (await cards(page))[0];
    await page.click('[data-tab=storage]');
    await page.waitForSelector('[data-testid=kraft-disk] [data-testid=kraft-checkpoint]');
    const files = await page.textContent(`[data-testid=kraft-disk][data-node="${leader.id}"]`);
    assert.ok(files.includes(`${String(leader.logStart).padStart(20, '0')}.log`), files);
    assert.match(files, /-0000000001\.checkpoint/);
    await page.screenshot({ path: path.join(SCREENSHOTS, `snap-storage-${lang}.png`) });
    await page.click('[data-tab=cluster]');
    // The event log narrates the snapshots in the page's language.
    const log = await page.textContent('body');
    assert.match(log, lang === 'zh' ? /写下元数据镜像的快照/ : /wrote a snapshot of its metadata image at offset/);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
