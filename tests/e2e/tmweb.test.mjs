// End-to-end: the time machine in the page (issue 13): scrub the timeline back before a
// kill, step and play forward through the same kill, fork by acting in the past and switch
// back, undo with Ctrl+Z, share a link into a fresh browser context, a garbage link, reload,
// download a script and drop it back, the shortcuts overlay in English and Chinese, and no
// shortcut while typing. Screenshots of the timeline at three sizes in both languages.
// Run with `node --test tests/e2e/tmweb.test.mjs` after `make build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOTS, ROOT, typeLine, suite } from './harness.mjs';

const lab = suite();

async function open(ctx, query = '') {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(lab.server.url + query);
  await page.waitForSelector('[data-broker]');
  return { page, errors };
}

async function fresh(query = '', viewport = { width: 1280, height: 800 }) {
  const ctx = await lab.browser.newContext({ viewport });
  const { page, errors } = await open(ctx, query);
  return { ctx, page, errors };
}

/** The broker drawn as leader of `tp`, or null. */
const drawnLeader = (page, tp) => page.evaluate((tp) => {
  const chip = document.querySelector(`[data-tp="${tp}"][data-look="leader"]`);
  return chip ? chip.closest('[data-broker]').getAttribute('data-broker') : null;
}, tp);

/** The time (text) of the first event-log line matching `re`, or null. */
const eventTime = (page, re) => page.evaluate((src) => {
  const re = new RegExp(src);
  const li = [...document.querySelectorAll('[data-testid=events] li')].find((l) => re.test(l.textContent));
  return li ? li.querySelector('time').textContent : null;
}, re.source);

const processed = async (page) => Number((await page.textContent('[data-testid=processed]')).match(/\d+/)[0]);
const tl = (page, attr) => page.getAttribute('[data-testid=timeline]', attr);
const blur = (page) => page.evaluate(() => document.activeElement?.blur());
const playing = async (page) => /Pause|暂停/.test(await page.textContent('[data-testid=play]'));

async function pause(page) {
  if (await playing(page)) await page.click('[data-testid=play]');
}

/** The virtual time of the last command on the timeline (its mark). */
/** (Marks are drawn in virtual ms: the track's SVG is as wide as the run.) */
const lastCommandAt = (page) => page.evaluate(() => {
  const xs = [...document.querySelectorAll('[data-testid=tm-track] line[data-kind=Command]')].map((l) => Number(l.getAttribute('x1')));
  return Math.round(Math.max(...xs));
});

/** Clicks the timeline's track at virtual time `ms` (`dx`: pixels to the side) and waits for
 * the cursor to move there. */
async function clickTrack(page, ms, dx = 0) {
  const end = Math.max(Number(await tl(page, 'data-live-at')), Number(await tl(page, 'data-cursor')), 1);
  const track = page.locator('[data-testid=tm-track]');
  await track.scrollIntoViewIfNeeded();
  const box = await track.boundingBox();
  const x = Math.max(box.x + 1, box.x + (ms / end) * box.width + dx);
  const before = await tl(page, 'data-cursor');
  await page.mouse.click(x, box.y + box.height / 2);
  await page.waitForFunction((b) => document.querySelector('[data-testid=timeline]').dataset.cursor !== b, before, { timeout: 5000 })
    .catch(async () => {
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.outerHTML.slice(0, 120), [x, box.y + box.height / 2]);
      const state = await page.evaluate(() => JSON.stringify(document.querySelector('[data-testid=timeline]').dataset));
      throw new Error(`the click at ${x} (${ms} of ${end} ms) did not move the cursor from ${before}: ${state}; under it: ${hit}`);
    });
}

test('scrub back before a kill, step, play the same kill again, fork, switch back, undo', async () => {
  const { ctx, page, errors } = await fresh('?speed=4');
  const old = await drawnLeader(page, 'orders-0');
  assert.ok(old);
  await page.click(`[data-broker="${old}"]`);
  await page.waitForSelector(`[data-broker="${old}"][data-alive="false"]`);
  await page.waitForFunction((old) => {
    const chip = document.querySelector('[data-tp="orders-0"][data-look="leader"]');
    return chip && chip.closest('[data-broker]').getAttribute('data-broker') !== old;
  }, old, { timeout: 15000 });
  const newLeader = await drawnLeader(page, 'orders-0');
  const died = new RegExp(`Broker ${old} died`);
  const killedAt = await eventTime(page, died);
  assert.ok(killedAt, 'the kill is in the event log');
  await pause(page);
  // The kill is a mark on the timeline; click a little before it.
  assert.ok(Number(await tl(page, 'data-marks')) > 2);
  const killX = Number(await page.getAttribute('[data-testid=tm-track] line[data-kind=BrokerKilled]', 'x1'));
  await clickTrack(page, killX, -12);
  await page.waitForSelector('[data-testid=timeline][data-live=false]');
  assert.ok(Number(await tl(page, 'data-cursor')) < Number(killedAt.replace(' s', '')) * 1000);
  await page.waitForSelector(`[data-broker="${old}"][data-alive="true"]`);
  assert.equal(await drawnLeader(page, 'orders-0'), old, 'the old leader leads again');
  assert.equal(await eventTime(page, died), null, 'the event log ends before the kill');
  assert.ok(await page.isVisible('[data-testid=tm-past]'));
  // → runs one event.
  await blur(page);
  const n0 = await processed(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((n0) => !document.querySelector('[data-testid=processed]').textContent.includes(String(n0)), n0);
  assert.equal(await processed(page), n0 + 1);
  // Space plays: the recorded kill happens again at the same virtual time, and the failover.
  await page.keyboard.press('Space');
  await page.waitForSelector(`[data-broker="${old}"][data-alive="false"]`, { timeout: 15000 });
  assert.equal(await eventTime(page, died), killedAt);
  await page.waitForFunction((l) => {
    const chip = document.querySelector('[data-tp="orders-0"][data-look="leader"]');
    return chip && chip.closest('[data-broker]').getAttribute('data-broker') === l;
  }, newLeader, { timeout: 15000 });
  await pause(page);
  await page.keyboard.press('End');
  await page.waitForSelector('[data-testid=timeline][data-live=true]');

  // Act in the past: back to the start (Home), kill another broker from the console.
  await blur(page);
  await page.keyboard.press('Home');
  await page.waitForSelector(`[data-broker="${old}"][data-alive="true"]`);
  const other = ['1', '2', '3'].find((b) => b !== old);
  await typeLine(page, `kill-broker ${other}`);
  await page.waitForSelector('[data-testid=tm-forked]');
  await page.waitForSelector('[data-testid=tm-branches] button[data-branch]');
  assert.equal(await page.locator('[data-testid=tm-branches] button[data-branch]').count(), 2);
  assert.equal(await page.getAttribute(`[data-broker="${other}"]`, 'data-alive'), 'false');
  assert.equal(await page.getAttribute(`[data-broker="${old}"]`, 'data-alive'), 'true');
  const branchText = await page.textContent('[data-testid=tm-branches] button[aria-pressed=false]');
  assert.match(branchText, new RegExp(`kafka-topics.sh|kill-broker ${old}`));
  // Switch back to the old future.
  await page.click('[data-testid=tm-branches] button[aria-pressed=false]');
  await page.waitForSelector(`[data-broker="${old}"][data-alive="false"]`);
  assert.equal(await page.getAttribute(`[data-broker="${other}"]`, 'data-alive'), 'true');
  assert.equal(await eventTime(page, died), killedAt);

  // Ctrl+Z undoes the last command.
  await typeLine(page, `kill-broker ${other}`);
  await page.waitForSelector(`[data-broker="${other}"][data-alive="false"]`);
  await blur(page);
  await page.keyboard.press('Control+z');
  await page.waitForSelector(`[data-broker="${other}"][data-alive="true"]`);
  const out = await page.textContent('[data-testid=console-out]');
  assert.ok(!out.includes(`$ kill-broker ${other}`), 'the undone command left the console');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'tmweb-branches.png') });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('Copy link opens the same state in a fresh context; a garbage link gives a banner', async () => {
  const { ctx, page, errors } = await fresh('?speed=4');
  await typeLine(page, 'kill-broker 2');
  await typeLine(page, 'produce --topic orders --acks all --key k1 one');
  await typeLine(page, 'produce --topic orders --acks all --key k2 two');
  await page.waitForTimeout(1500);
  await pause(page);
  await page.click('[data-tab=replication]');
  await page.waitForSelector('[data-testid=ledger]');
  await typeLine(page, 'kafka-topics.sh --describe --topic orders');
  const describe = async (p) => p.evaluate(() => [...document.querySelectorAll('[data-testid=console-out] pre.out')].at(-1).textContent);
  const want = await describe(page);
  const ledger = await page.textContent('[data-testid=ledger]');
  const clock = await page.textContent('[data-testid=clock]');
  await page.click('[data-testid=tm-copy]');
  const url = await page.inputValue('[data-testid=tm-link]');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/#run=[A-Za-z0-9_-]+$/);

  const other = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p2 = await other.newPage();
  const errors2 = [];
  p2.on('pageerror', (e) => errors2.push(String(e)));
  await p2.goto(url);
  await p2.waitForSelector('[data-testid=ledger]');
  assert.equal(await p2.textContent('[data-testid=clock]'), clock, 'opened paused at the same time');
  assert.equal(await p2.textContent('[data-testid=ledger]'), ledger);
  await p2.click('[data-tab=cluster]');
  await p2.waitForSelector('[data-broker="2"][data-alive="false"]');
  assert.ok(!(await p2.evaluate(() => location.hash)), 'the fragment left the address');
  await typeLine(p2, 'kafka-topics.sh --describe --topic orders');
  assert.equal(await describe(p2), want);
  assert.deepEqual(errors2, []);
  await other.close();

  // A damaged link: a banner saying what is wrong, and a working lab.
  const bad = await lab.browser.newContext();
  const p3 = await bad.newPage();
  await p3.goto(lab.server.url + '#run=' + url.split('#run=')[1].slice(0, 30));
  await p3.waitForSelector('[data-testid=link-banner]');
  assert.match(await p3.textContent('[data-testid=link-banner]'), /This link could not be opened: .+\. The lab starts fresh\./);
  assert.equal(await p3.locator('[data-broker][data-alive=true]').count(), 3);
  await typeLine(p3, 'kafka-topics.sh --describe --topic orders');
  assert.match(await p3.textContent('[data-testid=console-out]'), /PartitionCount:3/);
  await p3.goto(lab.server.url + '?lang=zh#run=%%%garbage');
  await p3.waitForSelector('[data-testid=link-banner]');
  assert.match(await p3.textContent('[data-testid=link-banner]'), /无法打开这个链接/);
  await bad.close();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a reload keeps the run; a downloaded script dropped on the page plays it again', async () => {
  const { ctx, page, errors } = await fresh('?speed=4');
  await typeLine(page, 'kill-broker 3');
  await page.waitForTimeout(300);
  await page.reload();
  await page.waitForSelector('[data-broker="3"][data-alive="false"]');
  assert.match(await page.textContent('[data-testid=console-out]'), /\$ kill-broker 3/);
  await page.waitForTimeout(1200);
  await pause(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid=tm-download]'),
  ]);
  assert.equal(download.suggestedFilename(), 'kafka-lab-run.klab');
  const file = path.join(SCREENSHOTS, 'tmweb-run.klab');
  await download.saveAs(file);
  const script = fs.readFileSync(file, 'utf8');
  assert.match(script, /^kill-broker 3$/m);
  assert.match(script, /^advance --to \d+ --items \d+$/m);
  const died = await eventTime(page, /Broker 3 died/);
  assert.ok(died);
  // Reset, then drop the script on the page.
  await page.click('[data-testid=tm-reset]');
  await page.waitForSelector('[data-broker="3"][data-alive="true"]');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'kafka-lab-run.klab', { type: 'text/plain' }));
    const target = document.querySelector('.lab');
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, script);
  await page.waitForSelector('[data-broker="3"][data-alive="false"]');
  assert.equal(await eventTime(page, /Broker 3 died/), died, 'the script replays the run');
  assert.match(await page.textContent('[data-testid=console-out]'), /\$ advance --to \d+ --items \d+/);
  // The same through the file button.
  await page.click('[data-testid=tm-reset]');
  await page.setInputFiles('[data-testid=tm-script-input]', file);
  await page.waitForSelector('[data-broker="3"][data-alive="false"]');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the shortcuts overlay in English and Chinese; no shortcut fires while typing', async () => {
  const { ctx, page, errors } = await fresh('?lang=en&paused');
  await blur(page);
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid=shortcuts]');
  const en = await page.textContent('[data-testid=shortcuts]');
  for (const s of ['Keyboard shortcuts', 'Play / pause', 'One event back', 'Undo the last command', 'Slower', 'Faster']) {
    assert.ok(en.includes(s), s);
  }
  assert.equal(await page.locator('[data-testid=shortcuts] tr').count(), 10);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'tmweb-shortcuts-en.png') });
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=shortcuts]', { state: 'detached' });
  // [ and ] change the speed.
  const speed = () => page.textContent('.speed output');
  assert.equal(await speed(), '×1');
  await page.keyboard.press(']');
  assert.equal(await speed(), '×2');
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  assert.equal(await speed(), '×0.5');
  // Typing in the console: nothing fires, the characters are typed.
  await page.click('[data-testid=console-input]');
  await page.keyboard.type('a [b] ?');
  await page.keyboard.press('Space');
  await page.keyboard.press('Home');
  assert.equal(await page.inputValue('[data-testid=console-input]'), 'a [b] ? ');
  assert.equal(await speed(), '×0.5');
  assert.equal(await playing(page), false);
  assert.equal(await page.locator('[data-testid=shortcuts]').count(), 0);
  await page.fill('[data-testid=console-input]', '');
  // Chinese, and the choice is remembered.
  await page.click('.langs button:has-text("中文")');
  await blur(page);
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid=shortcuts]');
  const zh = await page.textContent('[data-testid=shortcuts]');
  assert.ok(zh.includes('键盘快捷键') && zh.includes('空格键') && zh.includes('撤销上一条命令'), zh);
  assert.equal(zh.match(/[A-Za-z]+(?:[ ,.'’]+[A-Za-z]+){2,}/), null, 'no English sentence on the Chinese page');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'tmweb-shortcuts-zh.png') });
  await page.click('[data-testid=shortcuts-close]');
  await page.goto(lab.server.url + '?paused');
  await page.waitForSelector('[data-broker]');
  assert.equal(await page.textContent('h1'), 'Kafka 实验室', 'the language choice is remembered');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('screenshots: the timeline with marks and branches at three sizes, EN and 中文', async () => {
  for (const [w, h] of [[1400, 900], [1024, 768], [390, 844]]) {
    for (const lang of ['en', 'zh']) {
      const { ctx, page, errors } = await fresh(`?lang=${lang}&speed=20`, { width: w, height: h });
      await typeLine(page, 'kill-broker 1');
      const killed = await lastCommandAt(page);
      // The session expires 6 s later: the controller elects new leaders (marks).
      await page.waitForFunction((t) => Number(document.querySelector('[data-testid=timeline]').dataset.cursor) > t + 9500, killed, { timeout: 15000 });
      await typeLine(page, 'start-broker 1');
      // Where the command is on the tape (the cursor ran on while the line was typed).
      const started = await lastCommandAt(page);
      await page.waitForFunction((t) => Number(document.querySelector('[data-testid=timeline]').dataset.cursor) > t + 6000, started, { timeout: 15000 });
      await pause(page);
      await page.waitForSelector('[data-testid=timeline] line.elect', { state: 'attached' });
      // Back before the restart, and act there: a branch.
      await clickTrack(page, started - 2500);
      await page.waitForSelector('[data-testid=timeline][data-live=false]');
      await typeLine(page, 'kill-broker 2');
      await page.waitForSelector('[data-testid=tm-branches]');
      if (!(await playing(page))) await page.click('[data-testid=play]');
      await page.waitForFunction((t) => Number(document.querySelector('[data-testid=timeline]').dataset.cursor) > t + 3000, started, { timeout: 15000 });
      await pause(page);
      // After the failover, before the fork: marks on both sides of the cursor.
      await clickTrack(page, started - 3200);
      await page.waitForSelector('[data-testid=timeline][data-live=false]');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(200);
      // Nothing of the bar overflows the window.
      const over = await page.evaluate(() => [...document.querySelectorAll('[data-testid=timeline] *')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => e.className.baseVal ?? e.className));
      assert.deepEqual(over, [], `${w}×${h} ${lang}`);
      const name = `tmweb-timeline-${w}x${h}-${lang}.png`;
      await page.screenshot({ path: path.join(SCREENSHOTS, name) });
      if (w === 1400 && lang === 'en') {
        await page.locator('.toolbar').screenshot({ path: path.join(SCREENSHOTS, 'tmweb-toolbar.png') });
        const clip = await page.evaluate(() => {
          const r = document.querySelector('[data-testid=timeline]').getBoundingClientRect();
          return { x: 0, y: 0, width: innerWidth, height: Math.min(innerHeight, r.bottom + 420) };
        });
        fs.mkdirSync(path.join(ROOT, 'docs', 'screenshots'), { recursive: true });
        await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'timeline.png'), clip });
      }
      assert.deepEqual(errors, []);
      await ctx.close();
    }
  }
});
