// End-to-end for the storage tab's "why Kafka is fast" panel (notes 6 and 16) and its fixes:
// the page cache live (a consumer at the tail is served from the cache, a cold read misses),
// the empty-state button that makes segments roll, the lookup form's refusals, and the file
// picker's translated text. Also saves screenshots at three sizes in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, typeLine, suite } from './harness.mjs';

const lab = suite();

/** Sum of a data attribute over the page-cache cards. */
function sumOf(page, attr) {
  return page.$$eval('[data-testid=page-cache] .wf-cache', (els, attr) =>
    els.reduce((n, e) => n + Number(e.dataset[attr]), 0), attr);
}

const run = typeLine;

/** Opens the storage tab and produces records that roll with the empty state's button. */
async function rolled(page) {
  await page.click('[data-tab=storage]');
  await page.waitForSelector('[data-testid=no-segment] [data-testid=produce-rolling]');
  await page.click('[data-testid=produce-rolling]');
  // 60 records one batch each, ~80 bytes, in 1 KiB segments: the partition rolled ≥ 4 times.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=disks] .pdir')]
    .some((d) => d.querySelectorAll('[data-segment]').length >= 5), null, { timeout: 20000 });
}

test('page cache: appends are dirty, a consumer at the tail hits, a cold read after a drop misses', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=4');
  await rolled(page);
  // Just written: dirty pages in every replica's cache, drawn on the files too.
  assert.ok(await sumOf(page, 'dirty') > 0, 'appends leave dirty pages');
  assert.ok(await page.$('[data-testid=disks] [data-pc=dirty]'), 'a segment file is marked dirty');
  // A consumer reading what was just written is served from the cache: no miss anywhere.
  await run(page, 'kafka-console-consumer.sh --topic orders --from-beginning --max-messages 60');
  await page.waitForFunction(() => document.querySelector('[data-testid=parallel] table'));
  assert.equal(await sumOf(page, 'misses'), 0, 'no page came from disk');
  assert.ok(await sumOf(page, 'hits') > 0, 'pages were served from the cache');
  assert.match(await page.textContent('[data-testid=zero-live]'), /went to the network straight from the page cache.*; 0 B had to be read from disk/);
  // Drop the caches (as after a reboot), read again: cold reads.
  await page.click('[data-testid=drop-caches]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=page-cache] .wf-cache')]
    .every((e) => e.dataset.cached === '0'));
  await page.click('[data-testid=read-all]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=page-cache] .wf-cache')]
    .some((e) => Number(e.dataset.misses) > 0), null, { timeout: 15000 });
  assert.match(await page.textContent('[data-testid=page-cache]'), /cold read of orders-\d from segment \d+ on: \d+ pages from disk/);
  assert.match(await page.textContent('[data-testid=page-cache]'), /caches dropped/);
  // The run's appends priced, and batching compared.
  assert.match(await page.textContent('[data-testid=io]'), /appended \d+(\.\d)? (B|KiB)/);
  assert.match(await page.textContent('[data-testid=batching]'), /sent \d+ records in \d+ batches and \d+ produce requests/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('lookup: a negative, empty or huge offset says why and clears the old result', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=4');
  await rolled(page);
  const tp = await page.$$eval('[data-testid=disks] [data-broker="1"] .pdir', (ds) =>
    ds.find((d) => d.querySelectorAll('[data-segment]').length >= 5).querySelector('code').textContent.replace('/', ''));
  await page.selectOption('#lookup-tp', tp);
  await page.fill('#lookup-offset', '30');
  await page.click('[data-testid=lookup-form] button[type=submit]');
  await page.waitForSelector('[data-testid=lookup-trace] li.probe');
  const cases = [['-1', /never negative: -1/], ['', /Type an offset first/], ['1e30', /“1e30” is not an offset/]];
  for (const [typed, why] of cases) {
    await page.fill('#lookup-offset', typed);
    await page.click('[data-testid=lookup-form] button[type=submit]');
    await page.waitForSelector('[data-testid=lookup-error]');
    assert.match(await page.textContent('[data-testid=lookup-error]'), why);
    assert.equal(await page.$('[data-testid=lookup-trace]'), null, `no stale trace after ${typed}`);
  }
  // A good offset again: the error goes.
  await page.fill('#lookup-offset', '3');
  await page.click('[data-testid=lookup-form] button[type=submit]');
  await page.waitForSelector('[data-testid=lookup-trace]');
  assert.equal(await page.$('[data-testid=lookup-error]'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('中文: the file picker and the why-fast panel are translated', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&speed=4');
  await page.click('[data-tab=storage]');
  assert.equal((await page.textContent('[data-testid=upload-pick]')).trim(), '选择文件');
  assert.equal((await page.textContent('[data-testid=upload-picked]')).trim(), '未选择文件');
  const box = await page.$eval('[data-testid=upload-input]', (e) => e.getBoundingClientRect().width);
  assert.ok(box <= 1, `the browser's own picker is hidden (width ${box})`);
  assert.match(await page.textContent('[data-testid=no-segment]'), /让每条记录单独成为一个批次/);
  await page.click('[data-testid=produce-rolling]');
  await page.waitForFunction(() => document.querySelector('[data-testid=page-cache] .wf-cache[data-dirty]:not([data-dirty="0"])'));
  const panel = await page.textContent('[data-testid=whyfast]');
  assert.match(panel, /页缓存/);
  assert.doesNotMatch(panel, /\b(hits|misses|dirty|evicted|requests|sequential|random)\b/);
  // Picking a file shows its name instead.
  await page.setInputFiles('[data-testid=upload-input]', { name: 'x.log', mimeType: 'application/octet-stream', buffer: Buffer.from('not a segment') });
  await page.waitForFunction(() => document.querySelector('[data-testid=upload-picked]').textContent.includes('x.log'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('storage tab screenshots at three sizes in both languages', async () => {
  for (const lang of ['en', 'zh']) {
    for (const [w, h] of [[1400, 900], [1024, 768], [390, 844]]) {
      const page = await lab.browser.newPage({ viewport: { width: w, height: h } });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${lab.server.url}?lang=${lang}&speed=4`);
      await page.waitForSelector('[data-broker]');
      await rolled(page);
      await run(page, 'kafka-console-consumer.sh --topic orders --from-beginning --max-messages 60');
      await page.waitForSelector('[data-testid=parallel] table');
      // No why-fast text box sticks out of the panel.
      const over = await page.$$eval('[data-testid=whyfast] *', (els) => {
        const panel = document.querySelector('[data-testid=whyfast]').getBoundingClientRect();
        return els.filter((e) => e.closest('.wf-scroll') === null && e.getBoundingClientRect().right > panel.right + 1)
          .map((e) => e.className || e.tagName);
      });
      assert.deepEqual(over, [], `${lang} ${w}: overflowing ${over}`);
      await page.$eval('[data-testid=whyfast]', (e) => e.scrollIntoView());
      await page.screenshot({ path: path.join(SCREENSHOTS, `fast-${lang}-${w}.png`) });
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});
