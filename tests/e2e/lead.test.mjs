// End-to-end (the lead): the faults panel in KRaft mode cuts a broker from the controller
// quorum (there is no ZooKeeper to cut it from): the live broker is fenced after
// broker.session.timeout.ms, and unfenced again once the link is healed.
// Run after `trunk build --release`: node --test tests/e2e/lead.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openLab, suite } from './harness.mjs';

const lab = suite({ shots: null });

test('KRaft faults: cut a live broker from the controllers, watch it fenced, heal it (and no ZooKeeper offered)', { timeout: 120000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?mode=kraft&speed=4&lang=en');
  await page.waitForSelector('[data-testid=kraft-controller][data-role=leader]', { timeout: 30000 });
  await page.click('[data-tab=replication]');
  const options = await page.$$eval('[data-testid=cut-b] option', (os) => os.map((o) => [o.value, o.textContent]));
  assert.ok(!options.some(([v]) => v === 'zk'), JSON.stringify(options));
  assert.deepEqual(options.find(([v]) => v === 'controllers'), ['controllers', 'The controllers']);
  assert.ok(options.some(([v]) => /^controller:30\d\d$/.test(v)), JSON.stringify(options));
  // Broker 1 is the first end by default; the quorum is the other.
  await page.click('[data-testid=cut]');
  await page.waitForFunction(() => /Cut the link broker-1 ↔ controller-/.test(document.querySelector('[data-testid=console-out]').textContent));
  await page.click('[data-tab=cluster]');
  await page.waitForSelector('[data-broker="1"][data-fenced=true]', { timeout: 60000 });
  assert.equal(await page.getAttribute('[data-broker="1"]', 'data-alive'), 'true', 'fenced while alive');
  await page.click('[data-tab=replication]');
  await page.click('text=heal everything');
  await page.click('[data-tab=cluster]');
  await page.waitForSelector('[data-broker="1"][data-fenced=false]', { timeout: 60000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('KRaft faults in Chinese: the quorum option speaks Chinese', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?mode=kraft&lang=zh');
  await page.click('[data-tab=replication]');
  const labels = await page.$$eval('[data-testid=cut-b] option', (os) => os.map((o) => o.textContent));
  assert.ok(labels.includes('控制器仲裁'), JSON.stringify(labels));
  assert.ok(labels.every((l) => !/controller|ZooKeeper/i.test(l)), JSON.stringify(labels));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Chinese page: the producer forms (producer tab and replication tab) and the transaction buttons are in Chinese (Kafka config names stay)', { timeout: 60000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&paused');
  await page.click('[data-tab=producer]');
  const labels = await page.$$eval('label', (ls) => ls.map((l) => l.childNodes[0]?.textContent?.trim() ?? ''));
  for (const word of ['topic', 'key', 'partition', 'value']) assert.ok(!labels.includes(word), `label "${word}" in English: ${JSON.stringify(labels)}`);
  assert.ok(labels.includes('主题') && labels.includes('键'), JSON.stringify(labels));
  assert.equal((await page.textContent('[data-testid=txn-begin]')).trim(), '开始事务');
  assert.equal((await page.textContent('[data-testid=txn-commit]')).trim(), '提交');
  assert.equal((await page.textContent('[data-testid=txn-abort]')).trim(), '中止');
  await page.click('[data-tab=replication]');
  const form = await page.$$eval('section.producer label', (ls) => ls.map((l) => l.childNodes[0]?.textContent?.trim() ?? ''));
  assert.deepEqual(form.slice(0, 4), ['主题', 'acks', '键（可选）', '值'], JSON.stringify(form));
  assert.deepEqual(errors, []);
  await page.close();
});
