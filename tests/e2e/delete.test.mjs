// End-to-end (helper delete): `kafka-topics.sh --delete` in the browser, in 中文 — Kafka's own
// output stays as Kafka prints it, the controller's deletion steps are narrated in Chinese in
// the event log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, suite, typeLine } from './harness.mjs';

const lab = suite();

const type = typeLine;

const out = (page) => page.textContent('[data-testid=console-out]');

test('中文: --delete marks the topic, the controller deletes it and the event log narrates it', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&speed=0');
  await type(page, 'client-version 2.3');
  await type(page, 'kafka-topics.sh --zookeeper host:port --create --topic gone --partitions 2 --replication-factor 3');
  await type(page, 'produce --topic gone --count 3 x');
  await type(page, 'kafka-topics.sh --zookeeper host:port --delete --topic gone');
  await page.waitForFunction(() => document.querySelector('[data-testid=console-out]').textContent.includes('Topic gone is marked for deletion.'));
  await type(page, 'advance 2s');
  // The page's clock runs too, so the steps may come before `advance`: the event log has them.
  await page.waitForFunction(() => document.querySelector('[data-testid=events]').textContent.includes('主题 gone 已删除'));
  const text = await out(page);
  assert.match(text, /Note: This will have no impact if delete\.topic\.enable is not set to true\./);
  const events = await page.textContent('[data-testid=events]');
  assert.match(events, /主题 gone 被标记为待删除/);
  assert.match(events, /停止了 gone 的 2 个副本，并从磁盘删除了它们的日志/);
  // Deleted means gone: deleting it again gets Kafka's error and the lab's hint in Chinese.
  await type(page, 'kafka-topics.sh --zookeeper host:port --delete --topic gone');
  await page.waitForFunction(() => document.querySelector('[data-testid=console-out]').textContent.includes('Topics in [] does not exist'));
  assert.match(await out(page), /gone/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'delete-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
