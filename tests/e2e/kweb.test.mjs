// End-to-end (helper kweb): KRaft mode in the page, in headless Chromium — the ZooKeeper |
// KRaft switch, the controller quorum drawn, killing the active controller, a broker fenced
// after broker.session.timeout.ms, the compare-eras view, and the Chinese page.
// Run after `trunk build --release`: node --test tests/e2e/kweb.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, suite } from './harness.mjs';

const lab = suite();

/** { id: role } of the controllers drawn. */
function roles(page) {
  return page.$$eval('[data-testid=kraft-controller]', (els) => Object.fromEntries(els.map((e) => [e.dataset.id, e.dataset.role])));
}

/** The active controller's card: { id, epoch }. */
async function active(page) {
  await page.waitForSelector('[data-testid=kraft-controller][data-role=leader]', { timeout: 20000 });
  return page.$eval('[data-testid=kraft-controller][data-role=leader]', (e) => ({ id: e.dataset.id, epoch: Number(e.dataset.epoch) }));
}

/** Three Latin words in a row outside code: an English phrase. */
const ENGLISH = /[A-Za-z]+(?:[ ,.'’]+[A-Za-z]+){2,}/;

test('the switch rebuilds the cluster in KRaft mode: three controllers and a leader drawn where ZooKeeper was, and back', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=4');
  assert.equal(await page.getAttribute('[data-testid=era-switch]', 'data-mode'), 'zookeeper');
  assert.ok(await page.$('[data-testid=zookeeper]'));
  await page.click('[data-testid=era-kraft]');
  await page.waitForSelector('[data-testid=kraft-quorum]');
  assert.equal(await page.$('[data-testid=zookeeper]'), null, 'no ZooKeeper in KRaft mode');
  assert.equal(await page.getAttribute('[data-testid=era-switch]', 'data-mode'), 'kraft');
  assert.equal((await page.$$('[data-testid=kraft-controller]')).length, 3);
  const leader = await active(page);
  const r = await roles(page);
  assert.equal(Object.values(r).filter((x) => x === 'leader').length, 1, JSON.stringify(r));
  assert.ok(leader.epoch >= 1);
  assert.match(page.url(), /[?&]mode=kraft/);
  // The switch is a command like any other: the console shows it.
  assert.match(await page.textContent('[data-testid=console-out]'), /brokers 3 --mode kraft/);
  // Brokers show their registration: unfenced, with a metadata offset.
  await page.waitForSelector('[data-broker="1"] [data-testid=kraft-broker-status]');
  assert.match(await page.textContent('[data-broker="1"] [data-testid=kraft-broker-status]'), /unfenced · metadata \d+/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'kweb-kraft.png') });
  // Back to ZooKeeper mode.
  await page.click('[data-testid=era-zk]');
  await page.waitForSelector('[data-testid=zookeeper]');
  assert.equal(await page.$('[data-testid=kraft-quorum]'), null);
  assert.doesNotMatch(page.url(), /mode=kraft/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('?mode=kraft: click the active controller to kill it, and another is drawn as leader with a higher epoch', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?mode=kraft&speed=2');
  await page.waitForSelector('[data-testid=kraft-quorum]');
  const before = await active(page);
  await page.click(`[data-testid=kraft-controller][data-id="${before.id}"]`);
  await page.waitForSelector(`[data-testid=kraft-controller][data-id="${before.id}"][data-role=dead]`);
  await page.waitForFunction((old) => {
    const l = document.querySelector('[data-testid=kraft-controller][data-role=leader]');
    return l && l.dataset.id !== old.id && Number(l.dataset.epoch) > old.epoch;
  }, before, { timeout: 30000 });
  const after = await active(page);
  assert.notEqual(after.id, before.id);
  assert.ok(after.epoch > before.epoch, `${after.epoch} > ${before.epoch}`);
  assert.equal(await page.getAttribute('[data-testid=kraft-quorum]', 'data-leader'), after.id);
  assert.match(await page.textContent('[data-testid=console-out]'), new RegExp(`kill-controller ${before.id}`));
  // Restart it by clicking again: it comes back as a follower.
  await page.click(`[data-testid=kraft-controller][data-id="${before.id}"]`);
  await page.waitForSelector(`[data-testid=kraft-controller][data-id="${before.id}"]:not([data-role=dead])`, { timeout: 20000 });
  // The cluster tab's shortcut stops whichever controller is active now.
  const second = await active(page);
  assert.equal(await page.getAttribute('[data-testid=kill-active-controller]', 'title'), `kill-controller ${second.id}`);
  await page.click('[data-testid=kill-active-controller]');
  await page.waitForSelector(`[data-testid=kraft-controller][data-id="${second.id}"][data-role=dead]`);
  await page.waitForFunction((old) => {
    const l = document.querySelector('[data-testid=kraft-controller][data-role=leader]');
    return l && l.dataset.id !== old.id && Number(l.dataset.epoch) > old.epoch;
  }, second, { timeout: 30000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a killed broker is fenced after the session timeout and its partitions get other leaders', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?mode=kraft&speed=4');
  await page.waitForSelector('[data-broker="2"] [data-testid=kraft-broker-status]');
  await active(page);
  await page.click('[data-broker="2"]');
  await page.waitForSelector('[data-broker="2"][data-alive=false]');
  assert.equal(await page.getAttribute('[data-broker="2"]', 'data-fenced'), 'false', 'not fenced at once');
  await page.waitForSelector('[data-broker="2"][data-fenced=true]', { timeout: 30000 });
  assert.match(await page.textContent('[data-broker="2"] [data-testid=kraft-broker-status]'), /fenced/);
  // Every partition of orders is led by a live broker again.
  await page.waitForFunction(() => {
    const led = new Set([...document.querySelectorAll('[data-broker][data-alive=true] .chip[data-look=leader]')].map((c) => c.dataset.tp));
    return ['orders-0', 'orders-1', 'orders-2'].every((tp) => led.has(tp));
  }, null, { timeout: 20000 });
  assert.equal((await page.$$('[data-broker="2"] .chip[data-look=leader]')).length, 0);
  assert.match(await page.textContent('[data-testid=events]'), /fenc/i);
  assert.deepEqual(errors, []);
  await page.close();
});

test('compare eras: both runs side by side, and what to notice measured from them', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=10');
  await page.click('[data-testid=compare-open]');
  await page.waitForSelector('[data-testid=compare-eras]');
  const eras = await page.$$eval('[data-testid=compare-pane]', (els) => els.map((e) => e.dataset.era));
  assert.deepEqual(eras, ['zk', 'kraft']);
  assert.equal(await page.$('[data-testid=compare-pane] .failure'), null, 'both setups ran');
  assert.equal((await page.$$('[data-testid=compare-pane][data-era=kraft] [data-testid=compare-controller]')).length, 3);
  await page.click('[data-testid=compare-kill-broker]');
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid=compare-notice]').textContent;
    return /session expired \d+ ms after/.test(t) && /fenced broker \d+ \d+ ms after/.test(t);
  }, null, { timeout: 30000 });
  const notice = await page.textContent('[data-testid=compare-notice]');
  const zk = Number(notice.match(/session expired (\d+) ms after/)[1]);
  const kr = Number(notice.match(/fenced broker \d+ (\d+) ms after/)[1]);
  assert.ok(zk > 0 && kr > 0, notice);
  // Both labs run on one clock.
  const now = await page.$$eval('[data-testid=compare-pane]', (els) => els.map((e) => Number(e.dataset.now)));
  assert.equal(now[0], now[1]);
  // Step 2: the controller of each era.
  await page.click('[data-testid=compare-kill-controller]');
  await page.waitForFunction(() => {
    const t = document.querySelector('[data-testid=compare-notice]').textContent;
    return /ZooKeeper: a new controller/.test(t) && /KRaft: a new active controller/.test(t);
  }, null, { timeout: 30000 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'kweb-compare.png'), fullPage: true });
  // Outside the time machine: the user's console never saw the compare labs' commands.
  assert.doesNotMatch(await page.textContent('[data-testid=console-out]'), /kill-broker|kill-controller/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Chinese page: the switch, the quorum, the legend and the compare view have no English phrase', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&mode=kraft&speed=4');
  await page.waitForSelector('[data-testid=kraft-quorum]');
  await active(page);
  await page.click('[data-testid=compare-open]');
  await page.waitForSelector('[data-testid=compare-eras]');
  await page.click('[data-testid=compare-kill-broker]');
  await page.waitForTimeout(1500);
  for (const sel of ['[data-testid=era-switch]', '[data-testid=kraft-quorum]', '.legend', '.explain', '[data-testid=compare-eras]', '[data-broker="1"]']) {
    const raw = await page.$eval(sel, (e) => {
      const c = e.cloneNode(true);
      c.querySelectorAll('code, title').forEach((x) => x.remove());
      return c.textContent;
    });
    // Kafka's config keys (broker.session.timeout.ms) stay as Kafka spells them.
    const text = raw.replace(/\b[a-z]+(?:\.[a-z]+)+\b/g, '');
    const en = text.match(ENGLISH);
    assert.equal(en, null, `${sel}: English in the Chinese page: "${en}"`);
    assert.match(text, /[\u4e00-\u9fff]/, `${sel} speaks Chinese`);
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, 'kweb-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the switch is a command like any other: a link keeps KRaft mode, and undo goes back to ZooKeeper mode', async () => {
  const ctx = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(lab.server.url + '?speed=4');
  await page.waitForSelector('[data-testid=zookeeper]');
  await page.click('[data-testid=era-kraft]');
  const before = await active(page);
  await page.click(`[data-testid=kraft-controller][data-id="${before.id}"]`);
  await page.waitForFunction((old) => {
    const l = document.querySelector('[data-testid=kraft-controller][data-role=leader]');
    return l && l.dataset.id !== old;
  }, before.id, { timeout: 30000 });
  await page.click('[data-testid=tm-copy]');
  const url = await page.inputValue('[data-testid=tm-link]');
  assert.match(url, /#run=/);
  // A fresh browser opens the link in KRaft mode, the killed controller still dead.
  const other = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p2 = await other.newPage();
  p2.on('pageerror', (e) => errors.push(String(e)));
  await p2.goto(url);
  await p2.waitForSelector('[data-testid=kraft-quorum]');
  await p2.waitForSelector(`[data-testid=kraft-controller][data-id="${before.id}"][data-role=dead]`);
  assert.equal(await p2.getAttribute('[data-testid=era-switch]', 'data-mode'), 'kraft');
  await other.close();
  // Undo the kill, the topic and the switch: ZooKeeper mode again.
  for (let i = 0; i < 3; i++) await page.click('[data-testid=tm-undo]');
  await page.waitForSelector('[data-testid=zookeeper]', { timeout: 10000 });
  assert.equal(await page.$('[data-testid=kraft-quorum]'), null);
  assert.equal(await page.getAttribute('[data-testid=era-switch]', 'data-mode'), 'zookeeper');
  assert.deepEqual(errors, []);
  await ctx.close();
});
