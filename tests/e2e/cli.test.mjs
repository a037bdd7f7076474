// End-to-end: the console as the notes' section 15 uses it — the producer's `>` prompt, the
// chosen language in errors and hints, wrapping, kafka-topics.sh --alter seen by the producer
// tab, and one error line per failed command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, typeLine, suite } from './harness.mjs';

const lab = suite();

const type = typeLine;

const out = (page) => page.textContent('[data-testid=console-out]');

test('console producer: the prompt is >, a line says how to stop, a typed command is a record', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=0');
  assert.equal((await page.textContent('[data-testid=console-prompt]')).trim(), '$');
  await type(page, '$bin/kafka-console-producer.sh --broker-list host:port --topic orders');
  await page.waitForSelector('[data-testid=console-producing]');
  assert.equal((await page.textContent('[data-testid=console-prompt]')).trim(), '>');
  const banner = await page.textContent('[data-testid=console-producing]');
  assert.match(banner, /Ctrl-D/);
  assert.match(banner, /EOF/);
  assert.match(banner, /orders/);
  await type(page, 'kafka-topics.sh --list');
  // The line is echoed as a record, after '>', not run as a command.
  const rec = await page.$$eval('[data-testid=console-out] pre.record', (els) => els.map((e) => e.textContent));
  assert.deepEqual(rec, ['> kafka-topics.sh --list']);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'cli-console-producer.png') });
  await page.press('[data-testid=console-input]', 'Control+d');
  await page.waitForFunction(() => !document.querySelector('[data-testid=console-producing]'));
  assert.equal((await page.textContent('[data-testid=console-prompt]')).trim(), '$');
  // The record was sent: the console producer printed where it landed.
  assert.match(await out(page), /> EOF[\s\S]*orders-\d@\d+/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('中文: errors and hints in Chinese, Kafka\'s own words unchanged, help in Chinese', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&speed=0');
  await type(page, 'frobnicate');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=console-out] pre.err')]
    .some((e) => e.textContent.includes('未知命令')));
  const errs = () => page.$$eval('[data-testid=console-out] pre.err', (els) => els.map((e) => e.textContent));
  assert.deepEqual(await errs(), ["未知命令 'frobnicate'（输入 help 查看命令列表）"]);
  await type(page, '$bin/kafka-topics.sh --create --topic bigdata --zookeeper host:port --patitions 2 --replication-facter 2');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=console-out] pre.err').length === 2);
  const typo = (await errs())[1];
  assert.match(typo, /^Exception in thread "main" joptsimple\.UnrecognizedOptionException: patitions is not a recognized option/);
  assert.match(typo, /实验室提示：你是不是想输入 --partitions？/);
  await type(page, 'advance 999999999999s');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=console-out] pre.err').length === 3);
  assert.match((await errs())[2], /太大.*86400000/);
  await type(page, 'help');
  await page.waitForFunction(() => /命令（kafka-lab 程序/.test(document.querySelector('[data-testid=console-out]').textContent));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'cli-console-zh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('long lines wrap inside the console instead of running out of it', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=0');
  await type(page, 'kafka-topics.sh --describe --topic orders');
  await page.waitForFunction(() => /PartitionCount/.test(document.querySelector('[data-testid=console-out]').textContent));
  const overflow = await page.$eval('[data-testid=console-out]', (el) => el.scrollWidth - el.clientWidth);
  assert.ok(overflow <= 1, `console scrolls sideways by ${overflow}px`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('kafka-topics.sh --alter --partitions: the producer tab places keys with the new count', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=0');
  await type(page, 'kafka-topics.sh --alter --topic orders --partitions 5');
  await page.waitForFunction(() => /murmur2\(key\) % partitions changed from 3 to 5/.test(document.querySelector('[data-testid=console-out]').textContent));
  await page.click('[data-tab=producer]');
  const options = await page.$$eval('[data-testid=pick-partition] option', (o) => o.length);
  assert.equal(options, 6, 'auto + partitions 0..4');
  await page.fill('[data-testid=pick-key]', 'user-1');
  await page.click('[data-testid=pick-send]');
  await page.waitForSelector('[data-testid=picks] td.why');
  assert.match(await page.textContent('[data-testid=picks] td.why'), /% 5 = \d/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a second txn commit prints its error once', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=0');
  await page.click('[data-tab=producer]');
  await page.click('[data-testid=txn-begin]');
  await page.waitForFunction(() => /beginTransaction\(\)/.test(document.querySelector('[data-testid=console-out]').textContent));
  await page.click('[data-testid=txn-commit]');
  await page.waitForFunction(() => /commitTransaction\(\)/.test(document.querySelector('[data-testid=console-out]').textContent));
  await page.click('[data-testid=txn-commit]');
  await page.waitForFunction(() => /Invalid transition/.test(document.querySelector('[data-testid=console-out]').textContent));
  // Give a duplicate time to appear, then count.
  await page.waitForTimeout(300);
  const text = await out(page);
  const count = text.split('Invalid transition attempted').length - 1;
  assert.equal(count, 1, text.slice(-600));
  assert.deepEqual(errors, []);
  await page.close();
});
