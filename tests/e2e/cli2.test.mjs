// End-to-end (helper cli2): the Chinese console prints the lab commands' own output in
// Chinese (producer describe, client-version, a group rebalancing after --alter --partitions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, typeLine, suite } from './harness.mjs';

const lab = suite();

const type = typeLine;

const out = (page) => page.textContent('[data-testid=console-out]');

test('中文: lab output lines and the rebalance after --alter --partitions are Chinese', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&speed=0');
  await type(page, 'client-version 3.x');
  await page.waitForFunction(() => document.querySelector('[data-testid=console-out]').textContent.includes('生产者默认配置'));
  assert.match(await out(page), /无键记录：粘性分区/);
  await type(page, 'kafka-topics.sh --create --topic pay --partitions 2 --replication-factor 3');
  await type(page, 'consumer add --group g --id c1 --topics pay');
  await type(page, 'advance 10s');
  await type(page, 'kafka-topics.sh --alter --topic pay --partitions 3');
  await type(page, 'advance 301s');
  await page.waitForFunction(() => document.querySelector('[data-testid=console-out]').textContent.includes('分区数由 2 变为 3'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'cli2-zh-rebalance.png') });
  const text = await out(page);
  assert.match(text, /消费者 c1（消费者组 g 的组长）：元数据刷新/);
  assert.deepEqual(errors, []);
  await page.close();
});
