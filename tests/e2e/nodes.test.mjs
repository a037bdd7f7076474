// End-to-end (helper nodes): a KRaft controller shut down cleanly from the page — the
// cluster tab's "Stop it cleanly" button and the card's stop pill run `stop-controller`,
// EndQuorumEpoch flies, and a new leader is drawn tens of virtual ms later (a crash waits
// out the 2 s fetch timeout). Run after `trunk build --release`:
// node --test tests/e2e/nodes.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, suite } from './harness.mjs';

const lab = suite();

/** The active controller's card: { id, epoch }. */
async function active(page) {
  await page.waitForSelector('[data-testid=kraft-controller][data-role=leader]', { timeout: 20000 });
  return page.$eval('[data-testid=kraft-controller][data-role=leader]', (e) => ({ id: e.dataset.id, epoch: Number(e.dataset.epoch) }));
}

/** Waits for a leader other than `old`, in a higher epoch. */
async function newLeader(page, old) {
  await page.waitForFunction((o) => {
    const l = document.querySelector('[data-testid=kraft-controller][data-role=leader]');
    return l && l.dataset.id !== o.id && Number(l.dataset.epoch) > o.epoch;
  }, old, { timeout: 30000 });
  return active(page);
}

/** The virtual time (s) of the first event-log line matching `re`, after line `from`. */
function eventTime(page, re, from = 0) {
  return page.$$eval('[data-testid=events] > li', (lis, [src, from]) => {
    const r = new RegExp(src);
    const li = lis.slice(from).find((l) => r.test(l.textContent));
    return li ? Number(li.querySelector('time').textContent.replace(' s', '')) : null;
  }, [re.source, from]);
}

test('"Stop it cleanly": the leader resigns with EndQuorumEpoch and a new leader is drawn within 100 virtual ms', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?mode=kraft&speed=1');
  await page.waitForSelector('[data-testid=kraft-quorum]');
  const before = await active(page);
  assert.equal(await page.getAttribute('[data-testid=stop-active-controller]', 'title'), `stop-controller ${before.id}`);
  const lines = (await page.$$('[data-testid=events] > li')).length;
  // The request flies between the controllers, labelled with its API name.
  const flew = page.waitForFunction(
    () => (document.querySelector('[data-testid=flights]')?.textContent ?? '').includes('EndQuorumEpoch'),
    null, { polling: 'raf', timeout: 20000 });
  await page.click('[data-testid=stop-active-controller]');
  await flew;
  const after = await newLeader(page, before);
  await page.waitForSelector(`[data-testid=kraft-controller][data-id="${before.id}"][data-role=dead]`, { timeout: 20000 });
  assert.match(await page.textContent('[data-testid=console-out]'), new RegExp(`stop-controller ${before.id}`));
  const events = await page.textContent('[data-testid=events]');
  assert.match(events, /shuts down cleanly: it resigns epoch/);
  assert.match(events, /got EndQuorumEpoch from/);
  const stopped = await eventTime(page, /shuts down cleanly/, lines);
  const won = await eventTime(page, new RegExp(`Controller ${after.id} won epoch`), lines);
  assert.ok(stopped !== null && won !== null, `${stopped} ${won}`);
  assert.ok(won - stopped < 0.1, `a new leader ${((won - stopped) * 1000).toFixed(0)} ms after the clean stop`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'nodes-clean-stop.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the card\'s stop pill stops that controller cleanly (the card\'s own click still kills it)', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?mode=kraft&speed=2');
  await page.waitForSelector('[data-testid=kraft-quorum]');
  const before = await active(page);
  const pill = `[data-testid=kraft-controller-stop][data-id="${before.id}"]`;
  assert.match(await page.getAttribute(pill, 'aria-label'), new RegExp(`stop-controller ${before.id}`));
  await page.click(pill);
  await newLeader(page, before);
  const out = await page.textContent('[data-testid=console-out]');
  assert.match(out, new RegExp(`stop-controller ${before.id}`));
  assert.doesNotMatch(out, /kill-controller/, 'the pill does not also click the card');
  // A stopped controller has no pill; clicking its card restarts it.
  await page.waitForSelector(`[data-testid=kraft-controller][data-id="${before.id}"][data-role=dead]`, { timeout: 20000 });
  assert.equal(await page.$(pill), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('in Chinese the buttons and the hand-over narration are Chinese', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?mode=kraft&lang=zh&speed=2');
  await page.waitForSelector('[data-testid=kraft-quorum]');
  const before = await active(page);
  assert.equal((await page.textContent('[data-testid=stop-active-controller]')).trim(), '正常关闭它');
  await page.click('[data-testid=stop-active-controller]');
  await newLeader(page, before);
  const events = await page.textContent('[data-testid=events]');
  assert.match(events, /正常关闭：它辞去纪元/);
  assert.match(events, /收到 \d+ 的 EndQuorumEpoch/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'nodes-clean-stop-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
