// Frames stay short on a big cluster, fourth round (issue 15, "Drawing big clusters"): counted
// rather than timed, so it holds on any machine. While the event log follows the live end it
// draws only the lines that fit (with a margin) under a padding that stands for the rest, so a
// burst of events adds a screenful of lines, not 300; scrolled up, it draws them all and keeps
// still. A partition directory on the storage tab lists its newest segment files and folds the
// older ones into one line (a directory's list grew with the run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openLab, bigCluster, typeLine } from './harness.mjs';

const lab = suite({ shots: null });

test('a stream at ×100 on 12 × 120: the event log draws the lines that fit while it follows, all of them once scrolled up', { timeout: 180000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=100');
  await bigCluster(page, { stream: true });
  await page.click('[data-tab=cluster]');
  const list = '[data-testid=events]';
  // Enough lines that the log scrolls: the older ones stand as padding above the drawn ones.
  await page.waitForSelector(`${list} [data-testid=event-pad]`, { timeout: 60000 });
  const following = await page.$eval(list, (el) => ({
    lis: el.querySelectorAll(':scope > li').length,
    drawn: Number(el.dataset.drawn),
    fit: Math.ceil(el.clientHeight / 16) + 16,
    scroll: el.scrollHeight,
    client: el.clientHeight,
  }));
  assert.equal(following.lis, following.drawn, JSON.stringify(following));
  // (Measured after the previous drawing: the list's height may have moved by a line since.)
  assert.ok(following.lis <= following.fit + 4, `drew ${following.lis} lines where ${following.fit} fit: ${JSON.stringify(following)}`);
  assert.ok(following.scroll > following.client, JSON.stringify(following));
  // The newest line is drawn, at the end, in view (inside the list's box, which stays inside
  // its panel).
  const newestInView = () => page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    const box = el.getBoundingClientRect();
    const panel = el.closest('.events').getBoundingClientRect();
    const last = el.querySelector(':scope > li:last-of-type').getBoundingClientRect();
    return el.scrollTop + el.clientHeight >= el.scrollHeight - 8 && box.bottom <= panel.bottom + 1
      && last.top >= box.top - 1 && last.bottom <= box.bottom + 1;
  }, list);
  await newestInView();
  // Scrolled to the top: frozen, every kept line drawn (more than fit), and it stays put.
  await page.$eval(list, (el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
  await page.waitForSelector('[data-testid=new-events]');
  const frozen = await page.$eval(list, (el) => ({ lis: el.querySelectorAll(':scope > li').length, pad: !!el.querySelector('[data-testid=event-pad]'), first: el.querySelector('li').textContent }));
  assert.ok(frozen.lis > following.lis, `scrolled up: ${frozen.lis} lines drawn (following: ${following.lis})`);
  assert.equal(frozen.pad, false);
  await page.waitForTimeout(600);
  assert.equal(await page.$eval(list, (el) => el.querySelector('li').textContent), frozen.first);
  // Back to the end: a window again.
  await page.click('[data-testid=new-events]');
  await page.waitForSelector('[data-testid=new-events]', { state: 'detached' });
  await page.waitForFunction((sel) => document.querySelector(sel).querySelectorAll(':scope > li').length <= Number(document.querySelector(sel).dataset.drawn), list);
  await newestInView();
  // A long tab (the storage tab's disks) does not stretch the log: the same window, in view.
  await page.click('[data-tab=storage]');
  await page.waitForTimeout(500);
  await newestInView();
  assert.ok(await page.$eval(list, (el) => el.querySelectorAll(':scope > li').length <= Math.ceil(el.clientHeight / 16) + 20));
  assert.deepEqual(errors, []);
  await page.close();
});

test('storage: a directory lists its newest 6 segment files and folds the older ones; opening the broker lists them all', { timeout: 120000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=20');
  // One batch a record, ~80 bytes, 1 KiB segments: orders-0 rolls about once every 12 records.
  await typeLine(page, 'produce --topic orders --partition 0 --acks all --count 120 --interval 5 --key user-7 hello-world');
  await page.click('[data-tab=storage]');
  const dir = '[data-testid=disks] [data-broker="1"] .pdir:has(code:text-is("orders-0/"))';
  await page.waitForSelector(`${dir} [data-testid=seg-more]`, { timeout: 60000 });
  const folded = await page.$eval(dir, (d) => ({
    files: [...d.querySelectorAll('[data-segment]')].map((s) => s.dataset.segment),
    more: d.querySelector('[data-testid=seg-more]').textContent,
  }));
  assert.equal(folded.files.length, 6, JSON.stringify(folded));
  const hidden = Number(folded.more.match(/… (\d+) more/)[1]);
  assert.ok(hidden >= 2, JSON.stringify(folded));
  // The newest is the active segment, at the end; the first file (base 0) is folded away.
  assert.ok(!folded.files.includes('00000000000000000000.log'), JSON.stringify(folded));
  await page.click(`${dir} [data-testid=seg-more]`);
  await page.waitForSelector(`${dir} [data-testid=seg-more]`, { state: 'detached' });
  const all = await page.$$eval(`${dir} [data-segment]`, (s) => s.map((x) => x.dataset.segment));
  assert.ok(all.length >= folded.files.length + hidden, `${all.length} files after opening (${hidden} were folded)`);
  assert.equal(all[0], '00000000000000000000.log');
  // "Show fewer" folds them again.
  await page.click('[data-testid=disks] [data-broker="1"] .disk-more');
  await page.waitForSelector(`${dir} [data-testid=seg-more]`);
  assert.deepEqual(errors, []);
  await page.close();
});
