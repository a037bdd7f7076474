// End-to-end (helper "panels"): the event log stays where the reader scrolled, filters and
// folds; consumers run their own poll loop; a killed consumer counts down to its session
// timeout; a failing button says why beside itself; the producer tab's fixed defects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, typeLine, suite } from './harness.mjs';

const lab = suite();

const run = typeLine;

const lagOf = (page, group) => page.$$eval(`[data-testid=group][data-group=${group}] tr[data-partition] .lagnum`,
  (cells) => cells.map((c) => c.textContent));

test('the event log stays where the reader scrolled; "new events" returns to the live end', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=20');
  // Role changes on, a consumer running its own loop: events keep arriving.
  await page.click('.events .details input');
  for (const b of [2, 3]) { await run(page, `kill-broker ${b}`); await run(page, `start-broker ${b}`); }
  // A restarted broker registers only once its old ZooKeeper session has expired (6 s): until
  // then __consumer_offsets (RF 3) cannot be created and "add consumer" rightly fails. How much
  // virtual time the typing took depends on the machine, so let the sessions expire first.
  await run(page, 'advance 8s');
  await page.click('[data-tab=consumers]');
  await page.click('[data-testid=add-consumer]');
  await page.waitForSelector('[data-testid=run-c1]');
  await page.click('[data-testid=run-c1]');
  const list = '[data-testid=events]';
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el.scrollHeight > el.clientHeight + 80;
  }, list, { timeout: 60000 });
  // Scroll to the top and read.
  await page.$eval(list, (el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
  // While it follows the live end the log draws only its last lines (a spacer stands in for
  // the rest); scrolled up, it draws them all on the next frame: read the top once it has.
  await page.waitForSelector('[data-testid=new-events]');
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const first = await page.$eval(list, (el) => el.querySelector('li').textContent);
  // Events go on arriving; the lines the reader sees do not move.
  await page.waitForFunction(() => /^[1-9]\d* /.test(document.querySelector('[data-testid=new-events]').textContent), null, { timeout: 60000 });
  await page.waitForTimeout(500);
  assert.equal(await page.$eval(list, (el) => el.scrollTop), 0);
  assert.equal(await page.$eval(list, (el) => el.querySelector('li').textContent), first);
  assert.match(await page.textContent('[data-testid=new-events]'), /^\d+ new events ↓$/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'panels-log-paused.png') });
  // The button returns to the live end and goes away.
  await page.click('[data-testid=new-events]');
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
  }, list);
  await page.waitForSelector('[data-testid=new-events]', { state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a filter hides other kinds; a segment roll on three replicas is one line', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=20');
  await run(page, 'produce --topic orders --partition 0 --acks all --count 30 --interval 5 --key user-7 hello-world');
  await run(page, 'kill-broker 3');
  await page.waitForFunction(() => /rolled a new segment at offset \d+ on brokers/.test(document.querySelector('[data-testid=events]').textContent), null, { timeout: 60000 });
  const text = await page.textContent('[data-testid=events]');
  const offset = text.match(/orders-0 rolled a new segment at offset (\d+) on brokers \d, \d, \d\./)[1];
  // No per-replica roll lines for that segment.
  assert.doesNotMatch(text, new RegExp(`rolled orders-0: the active segment was full, new segment 0*${offset}\\.log`));
  assert.ok(await page.$$eval('[data-testid=events] li[data-kind=faults]', (l) => l.length) > 0);
  // Only storage: faults, controller … disappear.
  for (const k of ['controller', 'replication', 'producer', 'groups', 'faults']) await page.click(`[data-testid=kind-${k}]`);
  const kinds = await page.$$eval('[data-testid=events] > li[data-kind]', (l) => [...new Set(l.map((x) => x.dataset.kind))]);
  assert.deepEqual(kinds, ['storage']);
  assert.equal(await page.getAttribute('[data-testid=kind-faults]', 'aria-pressed'), 'false');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'panels-log-filtered.png') });
  await page.click('[data-testid=kind-faults]');
  await page.waitForSelector('[data-testid=events] li[data-kind=faults]');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a running consumer\'s lag falls without clicks; a killed one counts down, then is expired', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=5');
  await page.click('[data-tab=consumers]');
  await page.click('[data-testid=add-consumer]');
  await page.waitForFunction(() => document.querySelector('[data-testid=group][data-group=shop]')?.dataset.state === 'Stable'
    && document.querySelectorAll('[data-testid=group] tr[data-owner="c1"]').length === 3, null, { timeout: 60000 });
  assert.equal(await page.isChecked('[data-testid=run-c1]'), false);
  await page.click('[data-testid=run-c1]');
  await page.waitForSelector('[data-testid=run-c1]:checked');
  const allZero = () => page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('[data-testid=group][data-group=shop] .lagnum')];
    return cells.length === 3 && cells.every((c) => c.textContent === '0');
  }, null, { timeout: 60000 });
  // Its first auto-commit (nothing read yet) puts lag at 0.
  await allZero();
  await page.click('[data-testid=produce-30]');
  // The records arrive: lag shows, then auto-commit (every 5 s of virtual time) brings it to 0.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=group][data-group=shop] .lagnum')]
    .some((c) => Number(c.textContent) > 0), null, { timeout: 60000 });
  const before = await lagOf(page, 'shop');
  await allZero();
  assert.ok(before.some((l) => Number(l) > 0), `lag before: ${before}`);
  assert.match(await page.textContent('[data-testid=console-out]'), /consumer run c1/);
  // Killed: the coordinator keeps it for session.timeout.ms (45 s), counting down …
  await page.click('[data-testid=kill-c1]');
  await page.waitForSelector('[data-testid=countdown-c1]');
  const left1 = Number(await page.getAttribute('[data-testid=countdown-c1]', 'data-left-ms'));
  assert.match(await page.textContent('[data-testid=countdown-c1]'), /session ends in \d+\.\d s \(session\.timeout\.ms=45000\)/);
  await page.waitForTimeout(400);
  const left2 = Number(await page.getAttribute('[data-testid=countdown-c1]', 'data-left-ms'));
  assert.ok(left2 < left1 && left1 <= 45000, `${left1} → ${left2}`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'panels-countdown.png') });
  // … then expires it.
  await page.waitForSelector('[data-testid=expired-c1]', { timeout: 60000 });
  assert.equal(await page.$$eval('[data-testid=group] tr[data-owner="c1"]', (r) => r.length), 0);
  assert.match(await page.textContent('[data-testid=events]'), /c1.*session\.timeout\.ms=45000/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('after the 3-ZooKeeper preset and a broker killed, a failing "add consumer" says why beside the button (EN and 中文)', async () => {
  for (const lang of ['en', 'zh']) {
    const { page, errors } = await openLab(lab.browser, lab.server.url, `?speed=20&lang=${lang}`);
    await page.click('[data-tab=consumers]');
    await page.click('[data-preset="zk-multiple-kafka-multiple"]');
    await page.waitForSelector('[data-testid=preset-now][data-done=true]', { timeout: 60000 });
    // The preset ends with every broker up again; with one down, __consumer_offsets (RF 3)
    // cannot be created.
    await run(page, 'kill-broker 1');
    // Its ZooKeeper session expires after 6 s: then only two brokers are registered.
    await run(page, 'advance 7s');
    await page.click('[data-testid=add-consumer]');
    const note = '[data-testid=group-controls] [data-testid=failure][data-origin="consumers/add"]';
    await page.waitForSelector(note);
    const text = await page.textContent(note);
    assert.match(text, /Number of alive brokers '2' does not meet the required replication factor '3'/);
    // The cause is said once: by the note on why a consumer cannot join, not again here.
    assert.doesNotMatch(text, lang === 'en' ? /Not enough live brokers/ : /存活的 broker 不足/);
    assert.match(await page.textContent('[data-testid=join-blocked]'), /start-broker 1/);
    if (lang === 'zh') await page.screenshot({ path: path.join(SCREENSHOTS, 'panels-failure-zh.png') });
    // Once a broker is back, the same button works and the note goes.
    await run(page, 'start-broker 1');
    await page.waitForTimeout(800);
    await page.click('[data-testid=add-consumer]');
    await page.waitForSelector(note, { state: 'detached', timeout: 10000 });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('producer tab: inside shows the producer that sent; follow-one-record keeps acks; empty value and empty transactional.id', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=5');
  // "Follow one record" with acks=1 sends with acks=1.
  await page.click('[data-tab=replication]');
  await page.click('[data-testid=acks-1]');
  await page.click('[data-testid=trace]');
  assert.match(await page.textContent('[data-testid=console-out]'), /produce --topic orders --acks 1 --async --client-id tracer-1 traced-1/);
  // Switch the client defaults, send from the producer tab: inside shows the sender.
  await page.click('[data-tab=producer]');
  await page.selectOption('[data-testid=client-version]', '2.3');
  await page.fill('[data-testid=pick-value]', 'v1');
  await page.click('[data-testid=pick-send]');
  await page.waitForSelector('[data-testid=inside-name][data-producer=picker]');
  // The user can pick another one.
  await page.selectOption('[data-testid=inside-producer]', 'tracer-1');
  await page.waitForSelector('[data-testid=inside-name][data-producer=tracer-1]');
  // An empty value is sent as an empty value (legal in Kafka), and said so.
  await page.fill('[data-testid=pick-value]', '');
  await page.click('[data-testid=pick-send]');
  await page.waitForSelector('[data-testid=picks] [data-testid=empty-value]');
  assert.match(await page.textContent('[data-testid=console-out]'), /produce --topic orders --client-id picker ''/);
  assert.doesNotMatch(await page.textContent('[data-testid=picks]'), /hello/);
  // An empty transactional.id is refused beside the field, not replaced by "shop".
  await page.fill('[data-testid=txn-id]', '');
  await page.waitForSelector('[data-testid=txn-id-required]');
  assert.equal(await page.isDisabled('[data-testid=txn-begin]'), true);
  assert.match(await page.textContent('[data-testid=txn-id-required]'), /transactional\.id must not be empty/);
  await page.fill('[data-testid=txn-id]', 'pay');
  await page.waitForSelector('[data-testid=txn-id-required]', { state: 'detached' });
  // A failing transaction button says why beside it.
  await page.click('[data-testid=txn-commit]');
  await page.waitForSelector('[data-testid=failure][data-origin="txn/buttons"]');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'panels-producer.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
