// End-to-end (helper zk): notes §20's ZooKeeper ensemble and §9's ZooKeeper-era offsets, in
// headless Chromium. Run after `trunk build --release`: node --test tests/e2e/zk.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, suite } from './harness.mjs';

const lab = suite();

/** { myid: role } of the ZooKeeper servers drawn. */
function roles(page) {
  return page.$$eval('[data-testid=zk-server]', (els) => Object.fromEntries(els.map((e) => [e.dataset.myid, e.dataset.role])));
}

async function consoleRun(page, line) {
  await page.fill('[data-testid=console-input]', line);
  await page.press('[data-testid=console-input]', 'Enter');
}

test('3 ZooKeepers + 3 brokers: kill one server and the quorum holds; kill two and it is lost', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=4');
  await page.click('[data-tab=replication]');
  await page.click('[data-preset="zk-multiple-kafka-multiple"]');
  await page.waitForSelector('[data-testid=preset-now][data-done=true]', { timeout: 30000 });
  await page.click('[data-tab=cluster]');
  // The preset killed the ZooKeeper leader zoo3; zoo2 leads now.
  await page.waitForSelector('[data-testid=zk-ensemble][data-phase=serving]');
  assert.deepEqual(await roles(page), { 1: 'follower', 2: 'leader', 3: 'dead' });
  // Restart zoo3 by clicking it: it joins as a follower.
  await page.click('[data-testid=zk-server][data-myid="3"]');
  await page.waitForSelector('[data-testid=zk-server][data-myid="3"][data-role=follower]');
  // Kill one (zoo1): two of three are up, a quorum; the leader stays.
  await page.click('[data-testid=zk-server][data-myid="1"]');
  await page.waitForSelector('[data-testid=zk-server][data-myid="1"][data-role=dead]');
  assert.deepEqual(await roles(page), { 1: 'dead', 2: 'leader', 3: 'follower' });
  assert.equal(await page.$('[data-testid=zk-banner]'), null, 'no banner while a quorum serves');
  // Kill the leader too: one of three, no quorum, said in a banner.
  await page.click('[data-testid=zk-server][data-myid="2"]');
  await page.waitForSelector('[data-testid=zk-ensemble][data-phase=no-quorum]');
  assert.match(await page.textContent('[data-testid=zk-banner]'), /Quorum lost: 1 of 3 servers up, 2 needed/);
  assert.deepEqual(await roles(page), { 1: 'dead', 2: 'dead', 3: 'looking' });
  const log = await page.textContent('[data-testid=events]');
  assert.match(log, /ZooKeeper lost its quorum/);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'zk-quorum-lost.png') });
  // Bring zoo2 back: an election, then a leader serves again.
  await page.click('[data-testid=zk-server][data-myid="2"]');
  await page.waitForSelector('[data-testid=zk-ensemble][data-phase=serving]', { timeout: 15000 });
  assert.equal(await page.$('[data-testid=zk-banner]'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the ensemble in Chinese: the quorum banner and the narration speak Chinese', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&speed=4');
  await consoleRun(page, 'brokers 3 --zookeepers 3');
  await consoleRun(page, 'kill-zk 1');
  await consoleRun(page, 'kill-zk 2');
  await page.waitForSelector('[data-testid=zk-ensemble][data-phase=no-quorum]');
  const banner = await page.textContent('[data-testid=zk-banner]');
  assert.match(banner, /失去法定人数/);
  assert.doesNotMatch(banner, /Quorum|servers|needed/);
  assert.match(await page.textContent('[data-testid=events]'), /ZooKeeper 失去了法定人数/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'zk-quorum-lost-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('ZooKeeper-era offsets: after a commit the /consumers znodes are drawn; a group switches era', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=20');
  await page.click('[data-tab=consumers]');
  await page.click('[data-testid=produce-30]');
  await page.click('[data-testid=add-consumer]');
  await page.waitForFunction(() => document.querySelector('[data-testid=group][data-group=shop]')?.dataset.state === 'Stable', null, { timeout: 30000 });
  const group = '[data-testid=group][data-group=shop]';
  assert.match(await page.textContent(`${group} [data-testid=group-era]`), /__consumer_offsets/);
  // Switch the group to the 0.8 era, poll and commit: the commit lands in ZooKeeper.
  await page.click(`${group} [data-testid=switch-era]`);
  await page.waitForFunction((g) => /ZooKeeper/.test(document.querySelector(`${g} [data-testid=group-era]`).textContent), group);
  await page.click('[data-testid=poll-c1]');
  await page.click('[data-testid=commit-c1]');
  await page.waitForSelector(`${group} [data-testid=zk-offsets] .orec`);
  assert.match(await page.textContent(`${group} [data-testid=zk-offsets]`), /\/consumers\/shop\/offsets\/orders\/\d = \d+/);
  // Both stores side by side; the __consumer_offsets one holds no commit of this group.
  assert.ok(await page.$(`${group} [data-testid=kafka-offsets]`));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'zk-offsets-consumers.png') });
  // The cluster tab draws the znodes in the ZooKeeper box, in their own lines.
  await page.click('[data-tab=cluster]');
  await page.waitForSelector('[data-testid=zk-offset-znode]');
  const znodes = await page.$$eval('[data-testid=zk-offset-znode]', (els) => els.map((e) => e.textContent));
  assert.ok(znodes.some((z) => /^\/consumers\/shop\/offsets\/orders\/\d\d+$/.test(z)), JSON.stringify(znodes));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'zk-offsets-diagram.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a dead broker that blocks __consumer_offsets is named next to "Add consumer"', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=4');
  await page.click('[data-broker="3"]');
  await page.waitForSelector('[data-broker="3"][data-alive="false"]');
  await page.click('[data-tab=consumers]');
  // The session expires after 6 s of virtual time; then only two brokers are registered.
  await page.waitForSelector('[data-testid=join-blocked]', { timeout: 15000 });
  const text = await page.textContent('[data-testid=join-blocked]');
  assert.match(text, /replication factor 3/);
  assert.match(text, /start-broker 3/);
  assert.deepEqual(errors, []);
  await page.close();
});
