// End-to-end (helper admin): the internal topics are created by the broker that gets the first
// FindCoordinator — in ZooKeeper mode by its own znode write, in KRaft mode through the active
// controller — and the event log narrates it, in English and in 中文; the consumer and the
// transactional producer go on to find their coordinators; __transaction_state carries the
// configs its coordinator gives it (kafka-configs.sh --describe, both eras).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, suite, typeLine } from './harness.mjs';

const lab = suite();

const text = (page, id) => page.textContent(`[data-testid=${id}]`);
const until = (page, id, s) =>
  page.waitForFunction(
    ([id, s]) => document.querySelector(`[data-testid=${id}]`).textContent.includes(s),
    [id, s],
  );

for (const [mode, query, said] of [
  ['ZooKeeper', '', 'created it in ZooKeeper itself'],
  ['KRaft', '&mode=kraft', 'had the active controller create it'],
]) {
  test(`${mode}: a FindCoordinator makes a broker create __consumer_offsets, narrated`, async () => {
    const { page, errors } = await openLab(lab.browser, lab.server.url, `?speed=0${query}`);
    await typeLine(page, 'kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3');
    await until(page, 'console-out', 'Created topic orders.');
    await typeLine(page, 'consumer add --group g --id c1 --topics orders');
    await until(page, 'console-out', 'Consumer c1 started in group g');
    assert.doesNotMatch(await text(page, 'console-out'), /Created the internal topic/);
    assert.match(await text(page, 'console-out'), /coordinator: broker \d/);
    await until(page, 'events', 'found no __consumer_offsets on a FindCoordinator');
    assert.match(await text(page, 'events'), new RegExp(said));
    await typeLine(page, 'txn begin --transactional-id shop');
    await until(page, 'events', 'found no __transaction_state on a FindCoordinator');
    await until(page, 'console-out', 'initTransactions(): producer shop');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

for (const [mode, query] of [
  ['ZooKeeper', ''],
  ['KRaft', '&mode=kraft'],
]) {
  test(`${mode}: __transaction_state shows the configs its coordinator created it with`, async () => {
    const { page, errors } = await openLab(lab.browser, lab.server.url, `?speed=0${query}`);
    await typeLine(page, 'kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3');
    await until(page, 'console-out', 'Created topic orders.');
    await typeLine(page, 'txn begin --transactional-id shop');
    await until(page, 'console-out', 'initTransactions(): producer shop');
    await typeLine(
      page,
      'kafka-configs.sh --bootstrap-server localhost:9092 --describe --entity-type topics --entity-name __transaction_state',
    );
    await until(page, 'console-out', 'Dynamic configs for topic __transaction_state are:');
    const out = await text(page, 'console-out');
    for (const line of [
      'cleanup.policy=compact',
      'compression.type=uncompressed',
      'min.insync.replicas=2',
      'segment.bytes=104857600',
      'unclean.leader.election.enable=false',
    ]) {
      assert.match(out, new RegExp(`  ${line.replace(/\./g, '\\.')} sensitive=false`));
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('中文: the broker creating __consumer_offsets is narrated in Chinese', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&speed=0');
  await page.setViewportSize({ width: 1400, height: 900 });
  await typeLine(page, 'kafka-topics.sh --create --topic orders --partitions 2 --replication-factor 3');
  await typeLine(page, 'consumer add --group g --id c1 --topics orders');
  await until(page, 'events', '发现没有 __consumer_offsets，便自己在 ZooKeeper 中创建了它');
  const events = await text(page, 'events');
  assert.doesNotMatch(events, /found no __consumer_offsets/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-internal-topic-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
