// End-to-end: the release bundle (dist/) served on 127.0.0.1, driven in headless Chromium.
// Run with `make test` (or `node --test tests/e2e/` after `make build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openLab, SCREENSHOTS, ROOT, suite } from './harness.mjs';

const lab = suite();

/** The broker whose chip for `tp` is drawn as leader, or null. */
async function drawnLeader(page, tp) {
  return page.evaluate((tp) => {
    const chip = document.querySelector(`[data-tp="${tp}"][data-look="leader"]`);
    return chip ? chip.closest('[data-broker]').getAttribute('data-broker') : null;
  }, tp);
}

test('clicking the leader of orders-0 kills it and a new leader is drawn', async () => {
  const { page, requests, errors } = await openLab(lab.browser, lab.server.url, '?speed=4');
  const old = await drawnLeader(page, 'orders-0');
  assert.ok(old, 'orders-0 has a leader on first paint');
  await page.click(`[data-broker="${old}"]`);
  await page.waitForSelector(`[data-broker="${old}"][data-alive="false"]`);
  // At ×4 the 6 s ZooKeeper session timeout passes in about 1.5 s of real time.
  await page.waitForFunction((old) => {
    const chip = document.querySelector('[data-tp="orders-0"][data-look="leader"]');
    return chip && chip.closest('[data-broker]').getAttribute('data-broker') !== old;
  }, old, { timeout: 15000 });
  const now = await drawnLeader(page, 'orders-0');
  assert.notEqual(now, old);
  const log = await page.textContent('[data-testid=events]');
  assert.match(log, new RegExp(`Broker ${old} died`));
  assert.match(log, new RegExp(`elected broker ${now} leader of orders-0, epoch 0→1`));
  // The ZooKeeper box shows the new state znode.
  const zk = await page.textContent('[data-testid=zookeeper]');
  assert.match(zk, new RegExp(`"leader":${now},"leader_epoch":1`));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'failover.png') });
  // Nothing was fetched from anywhere but the lab's own server.
  const outside = requests.filter((u) => !u.startsWith(lab.server.url) && !u.startsWith('data:'));
  assert.deepEqual(outside, [], `requests outside 127.0.0.1: ${outside}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the console runs kafka-topics.sh and the page speaks Chinese', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&paused');
  assert.equal(await page.textContent('h1'), 'Kafka 实验室');
  await page.fill('[data-testid=console-input]', 'kafka-topics.sh --describe --topic orders');
  await page.press('[data-testid=console-input]', 'Enter');
  const out = await page.textContent('[data-testid=console-out]');
  // The default client is Kafka 2.3 (the notes' era): its layout, without TopicId or Elr.
  assert.match(out, /Topic:orders\tPartitionCount:3\tReplicationFactor:3\tConfigs:/);
  assert.match(out, /\tTopic: orders\tPartition: 0\tLeader: \d\tReplicas: \d,\d,\d\tIsr: \d,\d,\d(\n|$)/);
  // Paused: the clock does not move; Step runs exactly one event.
  const t0 = await page.textContent('[data-testid=clock]');
  const count = async () => Number((await page.textContent('[data-testid=processed]')).match(/\d+/)[0]);
  const n0 = await count();
  await page.waitForTimeout(300);
  assert.equal(await page.textContent('[data-testid=clock]'), t0);
  assert.equal(await count(), n0);
  await page.click('[data-testid=step]');
  await page.waitForFunction((n0) => !document.querySelector('[data-testid=processed]').textContent.includes(String(n0)), n0);
  assert.equal(await count(), n0 + 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'chinese-console.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a script gives the same transcript in the browser as natively', async () => {
  const { page } = await openLab(lab.browser, lab.server.url, '?paused');
  const dir = path.join(ROOT, 'tests', 'scenarios');
  for (const name of ['01-describe-before-and-after-a-kill', '04-restart-before-the-session-expires']) {
    const script = fs.readFileSync(path.join(dir, `${name}.klab`), 'utf8');
    const want = fs.readFileSync(path.join(dir, `${name}.out`), 'utf8');
    const got = await page.evaluate((s) => window.wasmBindings.runScript(s), script);
    assert.equal(got, want, name);
  }
  await page.close();
});

test('bad URL parameters are ignored, not fatal', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=klingon&speed=-5&speed=abc');
  assert.equal(await page.textContent('h1'), 'Kafka Lab');
  assert.equal(await page.locator('[data-broker]').count(), 3);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a panic shows a banner instead of a dead page', async () => {
  const { page } = await openLab(lab.browser, lab.server.url, '?paused');
  await page.evaluate(() => { try { window.wasmBindings.crashForTest(); } catch (_) { /* the panic */ } });
  const banner = await page.waitForSelector('#panic-banner');
  const text = await banner.textContent();
  assert.match(text, /Kafka Lab crashed/);
  assert.match(text, /deliberate/);
  await page.close();
});

test('playing the acks=1 preset flags one lost record', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=20');
  await page.click('[data-tab=replication]');
  await page.click('[data-preset="acks-1-leader-dies-first"]');
  // The script's advances (13 s of virtual time) play at ×20.
  await page.waitForSelector('[data-testid=preset-now][data-done=true]', { timeout: 20000 });
  await page.waitForSelector('[data-testid=ledger][data-lost="1"]', { timeout: 5000 });
  const row = await page.textContent('.ledger tr.lost');
  assert.match(row, /second/);
  assert.match(row, /LOST/);
  assert.match(await page.textContent('[data-testid=ledger] .summary'), /sent=2 acked=2 committed=1 lost=1 duplicated=0/);
  // The truncation that lost it is told in the event log.
  assert.match(await page.textContent('[data-testid=events]'), /truncated orders-0 from offset 2 to 1/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'preset-acks-1.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a slow follower leaves the ISR after replica.lag.time.max.ms of virtual time', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=10');
  await page.click('[data-tab=replication]');
  await page.waitForSelector('[data-testid=partition-view] .replica-row');
  const follower = await page.getAttribute('.replica-row[data-look=follower]', 'data-broker');
  assert.ok(follower);
  assert.ok((await page.getAttribute('.replica-rows', 'data-isr')).split(',').includes(follower));
  const clock = async () => parseFloat((await page.textContent('[data-testid=clock]')).replace(' s', ''));
  // Until it is slowed the follower fetches at least every replica.fetch.wait.max.ms (0.5 s), so
  // its last catch-up is no earlier than this reading minus 0.5 s (and a frame).
  const started = await clock();
  await page.selectOption(`[data-testid=slow-${follower}]`, '20000');
  await page.click('[data-testid=stream]');
  // The ISR shown shrinks: the follower falls behind the stream for more than 10 s.
  await page.waitForFunction((f) => {
    const isr = document.querySelector('.replica-rows')?.getAttribute('data-isr') ?? '';
    return !isr.split(',').includes(f);
  }, follower, { timeout: 20000 });
  const elapsed = (await clock()) - started;
  assert.ok(elapsed >= 9.3, `the ISR shrank after only ${elapsed} s of virtual time`);
  assert.equal(await page.getAttribute(`.replica-row[data-broker="${follower}"]`, 'data-in-isr'), 'false');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'slow-follower.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('following one record walks the six steps of a send in order', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh');
  await page.click('[data-tab=replication]');
  // The six steps as the notes tell them are acks=all's (the trace sends with the chosen acks).
  await page.click('[data-testid=acks-all]');
  await page.click('[data-testid=trace]');
  const stage = async () => page.getAttribute('[data-testid=six-steps]', 'data-stage');
  const seen = [await stage()];
  for (let i = 0; i < 10 && seen[seen.length - 1] !== '6'; i++) {
    await page.click('[data-testid=trace-next]');
    await page.waitForFunction((s) => document.querySelector('[data-testid=six-steps]').getAttribute('data-stage') !== s, seen[seen.length - 1]);
    seen.push(await stage());
  }
  assert.deepEqual(seen, ['1', '2', '3', '4', '5', '6']);
  assert.match(await page.textContent('[data-testid=six-steps]'), /leader 向生产者返回 ack/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'six-steps-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('storage: segments roll, a lookup is animated step by step, a segment file is uploaded', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=4');
  await page.fill('[data-testid=console-input]', 'produce --topic orders --partition 0 --acks all --count 40 --interval 5 order');
  await page.press('[data-testid=console-input]', 'Enter');
  await page.click('[data-tab=storage]');
  // 40 records of ~80 bytes in 1 KiB segments: every replica of orders-0 rolled.
  // (How many records share a batch depends on the sender's timing, so the names are read.)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=disks] [data-broker="1"] [data-segment]').length >= 5);
  const files = await page.$$eval('[data-broker="1"] [data-segment]', (els) => els.map((e) => e.dataset.segment));
  assert.ok(files.length >= 3 + 2, `broker 1 lists its segments: ${files}`);
  const bases = files.map((f) => Number(f.slice(0, 20))).filter((b) => b <= 30);
  const third = Math.max(...bases);
  assert.ok(third > 0, `a rolled segment starts at or below 30: ${files}`);
  // Look offset 30 up on the leader: the trace appears step by step and ends found.
  await page.fill('#lookup-offset', '30');
  await page.click('[data-testid=lookup-form] button[type=submit]');
  await page.waitForSelector('[data-testid=lookup-trace] li.probe');
  await page.waitForSelector('[data-testid=lookup-trace][data-done=true]', { timeout: 15000 });
  const trace = await page.textContent('[data-testid=lookup-trace]');
  assert.match(trace, new RegExp(`largest base offset ≤ 30 is ${third}`));
  assert.match(trace, /Found offset 30/);
  const indexed = Number(await page.textContent('[data-testid=steps-indexed]'));
  const linear = Number(await page.textContent('[data-testid=steps-linear]'));
  assert.ok(indexed < linear, `index ${indexed} steps vs linear ${linear}`);
  // The opened segment shows the probed index entries and the batch found.
  await page.waitForSelector('[data-testid=segment] .batch.found');
  assert.ok(await page.$('[data-testid=segment] .ientry.probed'), 'a probed index entry is drawn');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'storage-lookup.png'), fullPage: true });
  // Zero-copy counters: after every step, 4 copies vs 2.
  for (let i = 0; i < 5; i++) await page.click('[data-testid=fast-next]');
  assert.match(await page.textContent('[data-testid=classic-counters]'), /^4.*2.*4/);
  assert.match(await page.textContent('[data-testid=zero-counters]'), /^2.*0.*2/);
  // Upload a segment file written by another encoder: its records are listed, and garbage is refused.
  await page.setInputFiles('[data-testid=upload-input]', path.join(ROOT, 'tests/fixtures/segments/00000000000000000000.log'));
  await page.waitForSelector('[data-testid=uploaded] .rec-table');
  const up = await page.textContent('[data-testid=uploaded]');
  assert.match(up, /3 batches, 9 records, 471 bytes/);
  assert.match(up, /order #7: 2 coffees/);
  assert.match(await page.textContent('[data-testid=upload-no-index]'), /No \.index was uploaded with this \.log/);
  await page.setInputFiles('[data-testid=upload-input]', { name: 'garbage.log', mimeType: 'application/octet-stream', buffer: Buffer.from('this is not a kafka segment at all, just text') });
  await page.waitForSelector('[data-testid=upload-error]');
  assert.match(await page.textContent('[data-testid=upload-error]'), /garbage\.log: not a Kafka log segment: at byte 8: the first batch says/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('producer: a keyed record lands where murmur2 says, and a longer linger.ms fills bigger batches', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=2');
  await page.click('[data-tab=producer]');
  await page.fill('[data-testid=pick-key]', 'user-1');
  await page.fill('[data-testid=pick-value]', 'first');
  await page.click('[data-testid=pick-send]');
  await page.waitForSelector('[data-testid=picks] td.landed');
  const row = await page.textContent('[data-testid=picks] tr:nth-child(2)');
  // murmur2("user-1") = 0x53b136cc; toPositive % 3 = 2 (also checked natively against Kafka's vectors).
  assert.match(row, /orders-2@\d+/);
  assert.match(row, /0x53b136cc/);
  // linger.ms=0, then linger.ms=20: records per batch must grow.
  await page.click('[data-testid=run-load]');
  await page.waitForSelector('[data-testid=load-results] tr:nth-child(2)', { timeout: 30000 });
  await page.$eval('[data-testid=linger]', (el) => { el.value = '20'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.click('[data-testid=run-load]');
  await page.waitForSelector('[data-testid=load-results] tr:nth-child(3)', { timeout: 30000 });
  const perBatch = await page.$$eval('[data-testid=load-results] td.per-batch', (els) => els.map((e) => Number(e.textContent)));
  assert.equal(perBatch.length, 2);
  assert.ok(perBatch[1] > perBatch[0] * 5, `linger.ms=20 batches (${perBatch[1]}) much fuller than linger.ms=0 (${perBatch[0]})`);
  // The chart is drawn (the canvas is shown and has ink on it).
  const inked = await page.$eval('#batching-chart', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) dark++;
    return dark;
  });
  assert.ok(inked > 500, `chart has ink: ${inked}`);
  // The console producer reads lines until Ctrl-D.
  for (const line of ['kafka-console-producer.sh --topic orders --property parse.key=true --property key.separator=:', 'user-1:typed']) {
    await page.fill('[data-testid=console-input]', line);
    await page.press('[data-testid=console-input]', 'Enter');
  }
  await page.press('[data-testid=console-input]', 'Control+d');
  await page.waitForFunction(() => /EOF[\s\S]*orders-2@\d+/.test(document.querySelector('[data-testid=console-out]').textContent));
  // Kafka 3.x defaults: the pipeline shows a producer id once an idempotent producer sends.
  await page.selectOption('[data-testid=client-version]', '3.x');
  await page.fill('[data-testid=pick-key]', '');
  await page.click('[data-testid=pick-send]');
  await page.waitForFunction(() => document.querySelector('[data-testid=picks] tr:nth-child(2) td.why')?.textContent.includes('Kafka 3.x'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('transactions: the preset commits, aborts, and read_committed never shows the aborted record', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=20');
  await page.click('[data-tab=producer]');
  await page.click('[data-testid=transactions] button.preset');
  await page.waitForSelector('[data-testid=preset-now][data-done=true]', { timeout: 30000 });
  const out = await page.textContent('[data-testid=console-out]');
  // The read_committed consumer's runs: pay-bad (aborted) is never among them.
  const runs = out.split('$ ').filter((c) => c.startsWith('kafka-console-consumer.sh') && c.includes('read_committed'));
  assert.equal(runs.length, 2, out);
  for (const r of runs) assert.doesNotMatch(r, /pay-bad/);
  // Partitions come in the order their leaders answer the fetches.
  assert.match(runs[0], /pay-1/);
  assert.match(runs[0], /ship-1/);
  assert.doesNotMatch(runs[0], /ship-pending/, 'stops at the LSO while the transaction is open');
  assert.match(runs[1], /ship-pending/, 'after the commit');
  const uncommitted = out.split('$ ').find((c) => c.startsWith('kafka-console-consumer.sh') && !c.includes('read_committed'));
  assert.match(uncommitted, /pay-bad/, 'read_uncommitted reads the aborted record');
  // The producer tab draws the markers and both isolation levels.
  await page.click('[data-tab=producer]');
  await page.waitForSelector('[data-testid=transactions] .tcell.marker.abort');
  assert.match(await page.textContent('[data-testid=read-uncommitted]'), /pay-bad/);
  assert.doesNotMatch(await page.textContent('[data-testid=read-committed]'), /pay-bad/);
  // Commit, and kill the coordinator mid-way: the new leader of its __transaction_state
  // partition finishes the commit, and read_committed sees the record.
  await page.click('[data-testid=txn-begin]');
  await page.click('[data-testid=transactions] button:has-text("orders-0")');
  await page.waitForSelector('[data-testid=txn-commit-crash]');
  await page.click('[data-testid=txn-commit-crash]');
  await page.waitForFunction(() => document.querySelector('[data-testid=read-committed]').textContent.includes('shop-0'), null, { timeout: 30000 });
  assert.match(await page.textContent('[data-testid=events]'), /read 1 transaction\(s\) from it/);
  await page.$eval('[data-testid=transactions]', (e) => e.scrollIntoView());
  await page.screenshot({ path: path.join(SCREENSHOTS, 'transactions.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('consumer groups: a third member changes the range assignment; a killed member\'s partition moves', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=20');
  await page.click('[data-tab=consumers]');
  await page.click('[data-testid=produce-30]');
  const owners = () => page.$$eval('[data-testid=group][data-group=shop] tr[data-partition]', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.partition, r.dataset.owner])));
  const stable = (check) => page.waitForFunction(check, null, { timeout: 30000 });
  await page.click('[data-testid=add-consumer]');
  await page.click('[data-testid=add-consumer]');
  await stable(() => document.querySelector('[data-testid=group][data-group=shop]')?.dataset.state === 'Stable'
    && document.querySelectorAll('[data-testid=group] tr[data-owner="c2"]').length > 0);
  // RangeAssignor, 3 partitions over c1, c2: 3 / 2 = 1 each, the first member gets the extra one.
  assert.deepEqual(await owners(), { 'orders-0': 'c1', 'orders-1': 'c1', 'orders-2': 'c2' });
  await page.click('[data-testid=add-consumer]');
  await stable(() => document.querySelectorAll('[data-testid=group] tr[data-owner="c3"]').length > 0
    && document.querySelector('[data-testid=group][data-group=shop]').dataset.state === 'Stable');
  assert.deepEqual(await owners(), { 'orders-0': 'c1', 'orders-1': 'c2', 'orders-2': 'c3' });
  // Poll and commit: the commit appears as a record of __consumer_offsets, the lag drops to 0.
  await page.click('[data-testid=poll-c1]');
  await page.click('[data-testid=commit-c1]');
  await page.waitForSelector('[data-testid=group][data-group=shop] .orec');
  assert.match(await page.textContent('[data-testid=group][data-group=shop] .orec'), /shop,orders,0 → offset=10/);
  // The lag chart is drawn.
  const inked = await page.$eval('#lag-chart', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) dark++;
    return dark;
  });
  assert.ok(inked > 300, `lag chart has ink: ${inked}`);
  // Kill c3: after session.timeout.ms its partition goes to a live member.
  await page.click('[data-testid=kill-c3]');
  await stable(() => document.querySelectorAll('[data-testid=group] tr[data-owner="c3"]').length === 0
    && document.querySelector('[data-testid=group][data-group=shop]').dataset.state === 'Stable');
  assert.deepEqual(await owners(), { 'orders-0': 'c1', 'orders-1': 'c1', 'orders-2': 'c2' });
  // Kafka 0.8's offset storage: a group committing into ZooKeeper znodes.
  await page.fill('[data-testid=group-id]', 'legacy');
  await page.selectOption('[data-testid=offsets-storage]', 'zookeeper');
  await page.click('[data-testid=add-consumer]');
  await stable(() => document.querySelector('[data-testid=group][data-group=legacy]')?.dataset.state === 'Stable');
  const legacy = await page.$eval('[data-testid=consumers] tr:last-child', (r) => r.dataset.consumer);
  // poll() returns the first leader's answer that brings records: one partition's ten.
  await page.click(`[data-testid=poll-${legacy}]`);
  await page.click(`[data-testid=commit-${legacy}]`);
  await page.waitForSelector('[data-testid=group][data-group=legacy] [data-testid=zk-offsets]');
  assert.match(await page.textContent('[data-testid=group][data-group=legacy] [data-testid=zk-offsets]'), /\/consumers\/legacy\/offsets\/orders\/\d = 10/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'consumers.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('rebalances drawn: an eager group stops every member, a cooperative one only moves a partition', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=5');
  await page.click('[data-tab=consumers]');
  const group = (g) => `[data-testid=group][data-group=${g}]`;
  const stable = (g, member) => page.waitForFunction(([sel, m]) => {
    const el = document.querySelector(sel);
    return el?.dataset.state === 'Stable' && el.querySelectorAll(`tr[data-owner="${m}"]`).length > 0;
  }, [group(g), member], { timeout: 30000 });
  // For each lane: did it stand empty-handed in a rebalance after it had started consuming?
  const stoppedAfterConsuming = (g) => page.$$eval(`${group(g)} [data-lane]`, (lanes) => Object.fromEntries(lanes.map((l) => {
    const segs = [...l.querySelectorAll('.seg')].map((s) => s.classList.contains('stopped') ? 'stopped' : s.dataset.phase);
    const first = segs.indexOf('consuming');
    return [l.dataset.lane, first >= 0 && segs.slice(first).includes('stopped')];
  })));
  const addTo = async (g, assignor) => {
    await page.fill('[data-testid=group-id]', g);
    await page.selectOption('[data-testid=assignor]', assignor);
    await page.click('[data-testid=add-consumer]');
  };
  await addTo('eg', 'range');
  await addTo('eg', 'range');
  await stable('eg', 'c2');
  await addTo('eg', 'range');
  await stable('eg', 'c3');
  // Eager (range): both old members gave up everything and stopped while the group rebalanced.
  const eager = await stoppedAfterConsuming('eg');
  assert.equal(eager.c1, true, JSON.stringify(eager));
  assert.equal(eager.c2, true, JSON.stringify(eager));
  assert.ok(await page.$$eval(`${group('eg')} .rebalance`, (r) => r.length) >= 2);
  await addTo('co', 'cooperative-sticky');
  await addTo('co', 'cooperative-sticky');
  await stable('co', 'c5');
  await addTo('co', 'cooperative-sticky');
  await stable('co', 'c6');
  // Cooperative: the old members kept consuming what they kept, through both rebalances.
  const coop = await stoppedAfterConsuming('co');
  assert.equal(coop.c4, false, JSON.stringify(coop));
  assert.equal(coop.c5, false, JSON.stringify(coop));
  // One of them gave one partition up: its lane shows fewer partitions at the end.
  const shrank = await page.$$eval(`${group('co')} [data-lane]`, (lanes) => lanes.some((l) => {
    const owned = [...l.querySelectorAll('.seg.consuming, .seg.keeps')].map((s) => s.dataset.owned.split(',').length);
    return owned.length > 1 && owned[owned.length - 1] < Math.max(...owned);
  }));
  assert.ok(shrank, 'a cooperative member gave up a partition');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'rebalance-timeline.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the log-collection pipeline preset plays on the consumers tab and draws collectors → Kafka → sinks with their lag', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=20');
  await page.click('[data-tab=consumers]');
  await page.click('[data-preset="log-collection-pipeline"]');
  await page.waitForSelector('[data-testid=preset-now][data-done=true]', { timeout: 30000 });
  // Still on the consumers tab.
  assert.equal(await page.getAttribute('[data-tab=consumers]', 'aria-selected'), 'true');
  const producers = await page.$$eval('[data-testid=data-flow] .node.producer .title', (t) => t.map((x) => x.textContent));
  assert.deepEqual(producers, ['filebeat-web-1', 'filebeat-web-3', 'flume-app-2']);
  const lag = await page.$$eval('[data-testid=data-flow] .edge.read', (e) => Object.fromEntries(e.map((x) => [x.dataset.group, Number(x.dataset.lag)])));
  // The HDFS writer committed 10 of 60 records in its one batch window; Logstash polls every
  // round and stays a few records behind at most.
  assert.equal(lag['hdfs-sink'], 50, JSON.stringify(lag));
  assert.ok(lag['logstash-es'] <= 10, JSON.stringify(lag));
  assert.equal(await page.$$eval('[data-testid=group]', (g) => g.length), 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test('KIP-848 (Kafka 4.0): the broker assigns; a third member joins and the others never stop', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=5');
  await page.click('[data-tab=consumers]');
  await page.fill('[data-testid=group-id]', 'k4');
  await page.selectOption('[data-testid=group-protocol]', 'consumer');
  // The assignor list is now the broker's.
  assert.deepEqual(await page.$$eval('[data-testid=assignor] option', (o) => o.map((x) => x.value)), ['uniform', 'range']);
  const group = '[data-testid=group][data-group=k4]';
  const owners = () => page.$$eval(`${group} tr[data-partition]`, (rows) => rows.map((r) => r.dataset.owner).filter(Boolean));
  await page.click('[data-testid=add-consumer]');
  await page.click('[data-testid=add-consumer]');
  await page.waitForFunction((sel) => {
    const rows = [...document.querySelectorAll(`${sel} tr[data-partition]`)];
    return rows.length === 3 && new Set(rows.map((r) => r.dataset.owner)).size === 2 && rows.every((r) => r.dataset.owner);
  }, group, { timeout: 30000 });
  assert.match(await page.textContent(`${group} h3`), /KIP-848/);
  await page.click('[data-testid=add-consumer]');
  await page.waitForFunction((sel) => {
    const rows = [...document.querySelectorAll(`${sel} tr[data-partition]`)];
    return new Set(rows.map((r) => r.dataset.owner)).size === 3 && document.querySelector(sel).dataset.state === 'Stable';
  }, group, { timeout: 30000 });
  assert.deepEqual((await owners()).sort(), ['c1', 'c2', 'c3']);
  // No global barrier: the two old members never stood empty-handed after they started.
  const stopped = await page.$$eval(`${group} [data-lane]`, (lanes) => Object.fromEntries(lanes.map((l) => {
    const segs = [...l.querySelectorAll('.seg')].map((s) => s.classList.contains('stopped') ? 'stopped' : s.dataset.phase);
    const first = segs.indexOf('consuming');
    return [l.dataset.lane, first >= 0 && segs.slice(first).includes('stopped')];
  })));
  assert.equal(stopped.c1, false, JSON.stringify(stopped));
  assert.equal(stopped.c2, false, JSON.stringify(stopped));
  // Epochs show in the consumer list.
  assert.match(await page.textContent('[data-testid=consumers] tr[data-consumer=c3] .state'), /epoch \d+/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'kip848.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('fetch.min.bytes chosen in the page: the leader holds the consumer\'s fetch and says so', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=5');
  await page.click('[data-tab=consumers]');
  await page.fill('[data-testid=group-id]', 'patient');
  await page.selectOption('[data-testid=fetch-min-bytes]', '100000');
  await page.click('[data-testid=produce-30]');
  await page.click('[data-testid=add-consumer]');
  await page.waitForFunction(() => document.querySelector('[data-testid=group][data-group=patient]')?.dataset.state === 'Stable', null, { timeout: 30000 });
  await page.click('[data-testid=poll-c1]');
  // 30 small records are far from 100000 bytes: the fetch waits at the leader for
  // fetch.max.wait.ms, and the event log explains why.
  await page.waitForFunction(() => /holds c1's Fetch: only \d+ of fetch\.min\.bytes=100000 bytes/.test(document.querySelector('[data-testid=events]')?.textContent ?? ''), null, { timeout: 15000 });
  assert.match(await page.textContent('[data-testid=console-out]'), /fetch\.min\.bytes=100000/);
  assert.deepEqual(errors, []);
  await page.close();
});
