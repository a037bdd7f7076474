// End-to-end: the guided tour, completed from stop 0 to 20 in English and in Chinese by doing
// what each stop asks with the page's own controls (clicks, the console) — never "do it for
// me" — plus deep links, progress across reloads, and screenshots at three sizes.
// Run with `node --test tests/e2e/tour.test.mjs` after `make build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOTS, typeLine, suite } from './harness.mjs';

const lab = suite();

async function open(ctx, query) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(lab.server.url + query);
  await page.waitForSelector('[data-testid=tour-open]');
  return { page, errors };
}

const stopNo = async (page) => Number(await page.getAttribute('[data-testid=tour]', 'data-stop'));

/** Types a line in the console and presses Enter. */
const type = typeLine;

/** The ring is drawn and sits over an element of the page that is on screen. */
async function ringOnTarget(page) {
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid=tour-ring]');
    if (!r || getComputedStyle(r).display === 'none') return false;
    const b = r.getBoundingClientRect();
    return b.width > 8 && b.height > 8 && b.bottom > 0 && b.top < innerHeight && b.right > 0 && b.left < innerWidth;
  }, null, { timeout: 5000 });
}

/** Waits for the stop to notice it was done. */
async function waitDone(page, n, timeout = 30000) {
  await page.waitForSelector(`[data-testid=tour][data-stop="${n}"][data-done="true"]`, { timeout });
  assert.ok(await page.isVisible('[data-testid=tour-outcome]'), `stop ${n} shows its outcome`);
}

async function clickUntilDone(page, n, selector, max = 12) {
  for (let i = 0; i < max; i++) {
    if ((await page.getAttribute('[data-testid=tour]', 'data-done')) === 'true') return;
    if (await page.isVisible(selector)) await page.click(selector);
    await page.waitForTimeout(150);
  }
}

async function waitAssigned(page, name) {
  await page.waitForFunction((name) => {
    const td = document.querySelector(`[data-consumer="${name}"] td.assigned`);
    return td && td.textContent.trim() !== '-';
  }, name, { timeout: 20000 });
}

async function consumerNames(page) {
  return page.$$eval('[data-consumer]', (rows) => rows.map((r) => r.getAttribute('data-consumer')));
}

/** Does what stop `n` asks, with the page's controls. */
async function perform(page, n) {
  switch (n) {
    case 0:
      await page.fill('[data-testid=speed]', '1'); // log scale: 10^1 = ×10
      break;
    case 1:
      await page.click('[data-broker]:has([data-tp="orders-0"][data-look="leader"])');
      break;
    case 2:
      await page.click('[data-testid=trace]');
      await clickUntilDone(page, n, '[data-testid=trace-next]');
      break;
    case 3:
      await page.fill('[data-testid=pick-key]', 'user-1');
      await page.click('[data-testid=pick-send]');
      break;
    case 4:
      if (!(await page.isVisible('[data-testid^=broker-restart-]'))) {
        // Every broker is up: kill one first (a follower of orders-0), as the stop says.
        await page.click('[data-testid^=broker-kill-]');
        await page.waitForSelector('[data-testid^=broker-restart-]');
        await page.waitForTimeout(1500);
      }
      await page.click('[data-testid^=broker-restart-]');
      break;
    case 5:
      await page.click('[data-testid=disks] [data-segment]');
      break;
    case 6:
      await type(page, 'produce --topic orders --partition 0 --count 200 rec');
      break;
    case 7:
      for (let i = 0; i < 3; i++) {
        const before = (await consumerNames(page)).length;
        await page.click('[data-testid=add-consumer]');
        await page.waitForFunction((b) => document.querySelectorAll('[data-consumer]').length > b, before);
      }
      break;
    case 8:
      await page.click('[data-preset="log-collection-pipeline"]');
      break;
    case 9: {
      await page.selectOption('[data-testid=offsets-storage]', 'zookeeper');
      const before = await consumerNames(page);
      await page.click('[data-testid=add-consumer]');
      await page.waitForFunction((b) => document.querySelectorAll('[data-consumer]').length > b, before.length);
      const name = (await consumerNames(page)).find((c) => !before.includes(c));
      await waitAssigned(page, name);
      await page.click(`[data-testid="poll-${name}"]`);
      await page.click(`[data-testid="commit-${name}"]`);
      break;
    }
    case 10:
      await page.selectOption('#lookup-tp', 'orders-0');
      await page.fill('#lookup-offset', '25');
      await page.click('[data-testid=lookup-form] button[type=submit]');
      break;
    case 11:
      await page.click('[data-preset="pre-0.11-truncation-loses-acked"]');
      break;
    case 12:
      await page.click('[data-testid=idempotence] [data-preset="idempotence-removes-the-duplicate"]');
      break;
    case 13:
      await page.selectOption('[data-testid=assignor]', 'roundrobin');
      for (let i = 0; i < 2; i++) {
        const before = (await consumerNames(page)).length;
        await page.click('[data-testid=add-consumer]');
        await page.waitForFunction((b) => document.querySelectorAll('[data-consumer]').length > b, before);
      }
      break;
    case 14: {
      const name = await page.getAttribute('[data-consumer]:not(.dead)', 'data-consumer');
      await waitAssigned(page, name);
      await page.click(`[data-testid="poll-${name}"]`);
      await page.click(`[data-testid="commit-${name}"]`);
      break;
    }
    case 15:
      // The notes' line verbatim, typos and all, then corrected.
      await type(page, '$bin/kafka-topics.sh --create --topic bigdata --zookeeper host:port --patitions 2 --replication-facter 2');
      await page.waitForSelector('text=patitions is not a recognized option');
      await type(page, '$bin/kafka-topics.sh --create --topic bigdata --zookeeper host:port --partitions 2 --replication-factor 2');
      break;
    case 16:
      await type(page, 'kafka-console-consumer.sh --topic bigdata --from-beginning');
      break;
    case 17: {
      const ctl = await page.getAttribute('[data-broker][data-controller="true"]', 'data-broker');
      await page.click(`[data-broker="${ctl}"]`);
      await page.waitForFunction((ctl) => {
        const c = document.querySelector('[data-broker][data-controller="true"][data-alive="true"]');
        return c && c.getAttribute('data-broker') !== ctl;
      }, ctl, { timeout: 20000 });
      await page.click(`[data-broker="${ctl}"]`);
      break;
    }
    case 18:
      await page.click('[data-preset="transactions-read-committed"]');
      break;
    case 19:
      await page.click('[data-testid=run-load]');
      break;
    case 20:
      // Two of the three ZooKeeper servers, one after the other: the quorum holds, then goes.
      for (let k = 0; k < 2; k++) {
        await page.waitForSelector('[data-testid=zk-server][data-role="leader"]', { timeout: 20000 });
        await page.click('[data-testid=zk-server][data-role="leader"]');
      }
      break;
    default:
      throw new Error(`no action for stop ${n}`);
  }
}

/** Three Latin words in a row, outside code spans: an English sentence. */
async function englishIn(page, selector) {
  return page.$eval(selector, (el) => {
    const c = el.cloneNode(true);
    c.querySelectorAll('code').forEach((x) => x.remove());
    const m = c.innerText.match(/[A-Za-z]+(?:[ ,.'’]+[A-Za-z]+){2,}/);
    return m ? m[0] : null;
  });
}

for (const lang of ['en', 'zh']) {
  test(`the tour is completed from stop 0 to 20 by doing each thing (${lang})`, { timeout: 420000 }, async () => {
    const ctx = await lab.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const { page, errors } = await open(ctx, `?lang=${lang}`);
    // A first-time visitor: the tour is offered, not opened.
    assert.equal(await page.isVisible('[data-testid=tour]'), false);
    assert.match(await page.getAttribute('[data-testid=tour-open]', 'class'), /new/);
    await page.click('[data-testid=tour-open]');
    await page.waitForSelector('[data-testid=tour][data-stop="0"]');
    for (let n = 0; n <= 20; n++) {
      assert.equal(await stopNo(page), n);
      assert.equal(await page.getAttribute('[data-testid=tour]', 'data-done'), 'false', `stop ${n} not done on arrival`);
      await ringOnTarget(page);
      if (lang === 'zh') {
        const en = await englishIn(page, '[data-testid=tour]');
        assert.equal(en, null, `stop ${n}: English in the Chinese tour: "${en}"`);
      }
      await perform(page, n);
      await waitDone(page, n, 40000);
      if (n === 1 || n === 10) await page.screenshot({ path: path.join(SCREENSHOTS, `tour-${lang}-stop${n}-done.png`) });
      if (lang === 'zh') {
        const en = await englishIn(page, '[data-testid=tour]');
        assert.equal(en, null, `stop ${n} (done): English in the Chinese tour: "${en}"`);
      }
      if (n < 20) await page.click('[data-testid=tour-next]');
    }
    // The list shows every stop ticked.
    await page.click('[data-testid=tour-all]');
    assert.equal(await page.locator('[data-testid=tour-list] li.done').count(), 21);
    await page.screenshot({ path: path.join(SCREENSHOTS, `tour-${lang}-list.png`) });
    if (lang === 'zh') {
      const en = await englishIn(page, '[data-testid=tour]');
      assert.equal(en, null, `the stop list: English in the Chinese tour: "${en}"`);
    }
    // Progress survives a reload: the tour reopens where it was, every stop ticked.
    await page.reload();
    await page.waitForSelector('[data-testid=tour][data-stop="20"]');
    assert.match(await page.textContent('[data-testid=tour-all]'), /21\/21/);
    assert.doesNotMatch(await page.getAttribute('[data-testid=tour-open]', 'class'), /new/);
    assert.deepEqual(errors, []);
    await ctx.close();
  });
}

test('?tour=N opens stop N on its tab; bad values are ignored or clamped', async () => {
  const ctx = await lab.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const { page, errors } = await open(ctx, '?tour=10&paused');
  await page.waitForSelector('[data-testid=tour][data-stop="10"]');
  assert.equal(await page.getAttribute('[data-tab=storage]', 'aria-selected'), 'true');
  await ringOnTarget(page);
  await page.goto(lab.server.url + '?tour=99&paused');
  await page.waitForSelector('[data-testid=tour][data-stop="20"]');
  // A corrupt saved value and a bad link: the page works, the tour stays closed.
  await page.evaluate(() => localStorage.setItem('kafka-lab-tour', '{not json'));
  await page.goto(lab.server.url + '?tour=abc&paused');
  await page.waitForSelector('[data-testid=tour-open]');
  assert.equal(await page.isVisible('[data-testid=tour]'), false);
  // Closing the tour leaves the page as it is.
  await page.click('[data-testid=tour-open]');
  await page.waitForSelector('[data-testid=tour][data-stop="0"]');
  await page.click('[data-testid=tour-close]');
  assert.equal(await page.isVisible('[data-testid=tour]'), false);
  assert.equal(await page.isVisible('[data-testid=tour-ring]'), false);
  assert.deepEqual(errors, []);
  await ctx.close();
});

const SIZES = [
  { width: 1400, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

test('the tour card and its ring at three sizes in both languages (screenshots)', { timeout: 120000 }, async () => {
  for (const lang of ['en', 'zh']) {
    for (const size of SIZES) {
      for (const stop of [1, 7, 15]) {
        const ctx = await lab.browser.newContext({ viewport: size });
        const { page, errors } = await open(ctx, `?lang=${lang}&paused&tour=${stop}`);
        await page.waitForSelector(`[data-testid=tour][data-stop="${stop}"]`);
        await ringOnTarget(page);
        await page.waitForTimeout(250);
        // The card does not cover the control it points at.
        const overlap = await page.evaluate(() => {
          const ring = document.querySelector('[data-testid=tour-ring]').getBoundingClientRect();
          const card = document.querySelector('[data-testid=tour]').getBoundingClientRect();
          const w = Math.min(ring.right, card.right) - Math.max(ring.left, card.left);
          const h = Math.min(ring.bottom, card.bottom) - Math.max(ring.top, card.top);
          return w > 0 && h > 0 ? w * h / (ring.width * ring.height) : 0;
        });
        assert.ok(overlap < 0.25, `${lang} ${size.width}×${size.height} stop ${stop}: the card covers ${Math.round(overlap * 100)}% of the control`);
        // The card fits the screen.
        const box = await page.locator('[data-testid=tour]').boundingBox();
        assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 1 && box.y + box.height <= size.height + 1,
          `${lang} ${size.width}×${size.height}: the card is off screen ${JSON.stringify(box)}`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `tour-${lang}-${size.width}x${size.height}-stop${stop}.png`) });
        assert.deepEqual(errors, []);
        await ctx.close();
      }
    }
  }
});
