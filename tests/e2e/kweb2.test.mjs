// End-to-end (helper kweb2): KRaft in the page, finished — the KRaft presets played to their end,
// Eligible Leader Replicas (KIP-966) drawn on the replication tab, the chips, the legend and the
// event log, every tab in KRaft mode, the Chinese page, and screenshots at three sizes.
// Run after `trunk build --release`: node --test tests/e2e/kweb2.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openLab, SCREENSHOTS, suite } from './harness.mjs';

const lab = suite();

/** Three Latin words in a row outside code: an English phrase. */
const ENGLISH = /[A-Za-z]+(?:[ ,.'’]+[A-Za-z]+){2,}/;
const TABS = ['cluster', 'replication', 'storage', 'producer', 'consumers'];
const SIZES = [[1400, 900], [1024, 768], [390, 844]];

/** Plays preset `id` from the replication tab and waits for its end. */
async function play(page, id) {
  await page.click('[data-tab=replication]');
  await page.click(`[data-testid=kraft-presets] [data-preset="${id}"]`);
  await page.waitForSelector('[data-testid=preset-now][data-done=true]', { timeout: 60000 });
}

/** The text of `sel` without code, tooltips and Kafka's dotted config keys. */
function prose(page, sel) {
  return page.$$eval(sel, (els) => els.map((e) => {
    const c = e.cloneNode(true);
    c.querySelectorAll('code, title, pre, .console, [data-testid=console-out], select, option').forEach((x) => x.remove());
    return c.textContent;
  }).join('\n')).then((t) => t.replace(/\b[a-z_]+(?:\.[a-z_]+)+\b/g, '').replace(/《[^》]*》/g, ''));
}

test('the preset menu has a KRaft · Kafka 4.1 group; the ELR preset keeps every acknowledged record, the leader elected from the ELR and drawn as such', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=6');
  await page.click('[data-tab=replication]');
  assert.match(await page.textContent('[data-testid=kraft-presets] h4'), /KRaft · Kafka 4\.1/);
  const ids = await page.$$eval('[data-testid=kraft-presets] [data-preset]', (els) => els.map((e) => e.dataset.preset));
  assert.deepEqual(ids, ['kraft-controller-failover', 'kraft-broker-fenced', 'kraft-elr-keeps-acked', 'zk-isr-only-goes-offline']);
  await page.click('[data-testid=kraft-presets] [data-preset="kraft-elr-keeps-acked"]');
  // Mid-way: broker 2 shut down cleanly below min.insync.replicas, so it is in the ELR.
  await page.waitForSelector('.replica-row[data-broker="2"][data-in-elr=true] [data-testid=elr-tag]', { timeout: 30000 });
  assert.match(await page.getAttribute('[data-testid=pv-elr]', 'data-elr'), /2/);
  await page.waitForSelector('[data-testid=preset-now][data-done=true]', { timeout: 60000 });
  // The end: broker 2 leads from the ELR, broker 1 (crashed, fenced) is in the ELR now.
  assert.equal(await page.getAttribute('.replica-row[data-broker="2"]', 'data-look'), 'leader');
  assert.equal(await page.getAttribute('.replica-row[data-broker="1"]', 'data-in-elr'), 'true');
  assert.equal(await page.getAttribute('[data-testid=pv-elr]', 'data-elr'), '1');
  assert.match(await page.textContent('.pv-state'), /leader 2 /);
  // Every acknowledged record kept: three on the new leader's log, none lost.
  assert.equal(await page.getAttribute('[data-testid=ledger]', 'data-lost'), '0');
  assert.match(await page.textContent('[data-testid=ledger] .summary'), /sent=3 acked=3 .*lost=0/);
  assert.equal(await page.getAttribute('.replica-row[data-broker="2"]', 'data-leo'), '3');
  // The event log narrates the ISR → ELR moves and the election from the ELR.
  const notes = await page.$$eval('[data-testid=elr-note]', (els) => els.map((e) => e.textContent));
  assert.ok(notes.some((t) => /Broker 2 left the ISR of pay-0 into the ELR/.test(t)), notes.join('\n'));
  assert.ok(notes.some((t) => /broker 2 elected leader from the ELR/.test(t)), notes.join('\n'));
  // Every step's note shown by the end.
  assert.equal(await page.getAttribute('[data-testid=preset-notes]', 'data-reached'), '4');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'kweb2-elr-replication.png'), fullPage: true });
  // The cluster tab: broker 1's chip marked ELR, the legend explains it.
  await page.click('[data-tab=cluster]');
  await page.waitForSelector('[data-broker="1"] .chip[data-elr=true]');
  assert.equal(await page.getAttribute('[data-broker="2"] .chip', 'data-look'), 'leader');
  assert.match(await page.textContent('[data-testid=legend-elr]'), /ELR/);
  assert.match(await page.textContent('[data-testid=legend-last-known-elr]'), /LastKnownElr/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the same failures in the ZooKeeper era leave the partition offline, and the menu opens Compare eras', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=8');
  await play(page, 'zk-isr-only-goes-offline');
  assert.match(await page.textContent('.pv-state'), /leader none .*ISR \[3\]/);
  assert.equal(await page.$('[data-testid=pv-elr]'), null, 'no ELR in ZooKeeper mode');
  assert.equal(await page.getAttribute('[data-testid=ledger]', 'data-lost'), '0');
  assert.equal(await page.getAttribute('[data-testid=preset-notes]', 'data-reached'), '2');
  await page.click('[data-testid=preset-compare-eras]');
  await page.waitForSelector('[data-testid=compare-eras]');
  assert.equal(await page.getAttribute('[data-tab=cluster]', 'aria-selected'), 'true');
  assert.deepEqual(errors, []);
  await page.close();
});

test('preset: the active controller dies and the quorum elects another (higher epoch, metadata HW carried on)', async () => {
  // ×1: 3001 leads for 2 s of real time before the preset kills it, long enough for the test
  // to see it on a loaded machine (at ×6 that window was a third of a second and was missed).
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=1');
  await page.click('[data-tab=replication]');
  await page.click('[data-testid=kraft-presets] [data-preset="kraft-controller-failover"]');
  await page.click('[data-tab=cluster]');
  await page.waitForSelector('[data-testid=kraft-controller][data-id="3001"][data-role=leader]', { timeout: 30000 });
  const hwBefore = Number((await page.textContent('[data-testid=kraft-quorum]')).match(/HW (\d+)/)[1]);
  await page.waitForSelector('[data-testid=preset-now][data-done=true]', { state: 'attached', timeout: 60000 }).catch(() => {});
  await page.waitForSelector('[data-testid=kraft-controller][data-id="3001"][data-role=dead]', { timeout: 30000 });
  await page.waitForSelector('[data-testid=kraft-controller][data-id="3002"][data-role=leader]', { timeout: 30000 });
  const epoch = Number(await page.getAttribute('[data-testid=kraft-controller][data-role=leader]', 'data-epoch'));
  assert.equal(epoch, 3);
  const hwAfter = Number((await page.textContent('[data-testid=kraft-quorum]')).match(/HW (\d+)/)[1]);
  assert.ok(hwAfter >= hwBefore, `${hwAfter} >= ${hwBefore}`);
  assert.match(await page.textContent('[data-testid=events]'), /won epoch 3 with the votes of/);
  await page.click('[data-tab=replication]');
  await page.waitForSelector('[data-testid=preset-now][data-done=true]', { timeout: 60000 });
  assert.equal(await page.getAttribute('[data-testid=preset-notes]', 'data-reached'), '3');
  assert.deepEqual(errors, []);
  await page.close();
});

test('preset: a broker dies, is fenced after broker.session.timeout.ms, its partition moves, and it comes back', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?speed=6');
  await play(page, 'kraft-broker-fenced');
  const events = await page.textContent('[data-testid=events]');
  assert.match(events, /fenced broker 2: no BrokerHeartbeat for 9000 ms/);
  assert.match(events, /PartitionChangeRecord for orders-1: leader 3/);
  assert.match(events, /unfenced broker 2/);
  assert.match(await page.textContent('[data-testid=ledger] .summary'), /sent=9 acked=9 committed=9 lost=0/);
  await page.click('[data-tab=cluster]');
  await page.waitForSelector('[data-broker="2"][data-alive=true][data-fenced=false]');
  // orders-1 kept the leader it got when broker 2 was fenced.
  assert.equal(await page.getAttribute('[data-broker="3"] .chip[data-tp="orders-1"]', 'data-look'), 'leader');
  assert.deepEqual(errors, []);
  await page.close();
});

test('every tab in KRaft mode: no panic, nothing ZooKeeper-only drawn, the KRaft things where they matter', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?mode=kraft&speed=4');
  await page.waitForSelector('[data-testid=kraft-quorum]');
  const tabs = await page.$$eval('[data-tab]', (els) => els.map((e) => e.dataset.tab));
  for (const t of TABS) assert.ok(tabs.includes(t), `tab ${t} exists`);
  for (const t of tabs) {
    await page.click(`[data-tab="${t}"]`);
    await page.waitForTimeout(400);
    if (t === 'consumers') {
      await page.click('[data-testid=add-consumer]');
      await page.waitForSelector('[data-testid=offsets-kraft]', { timeout: 20000 });
    }
    assert.equal(await page.$('#panic-banner'), null, `${t}: no panic`);
    for (const zk of ['[data-testid=zookeeper]', '[data-testid=zk-offsets]', '[data-testid=zk-offset-znode]', '[data-testid=offsets-storage]', '[data-testid=offsets-compare]']) {
      assert.equal(await page.$(zk), null, `${t}: ${zk} is ZooKeeper-only`);
    }
    assert.doesNotMatch(await prose(page, 'main'), /\/consumers\/|\/brokers\/ids|\/controller_epoch/, `${t}: no znode paths`);
    if (t === 'replication') {
      // The topic of the KRaft metadata image is listed and its three replicas drawn.
      assert.ok((await page.$$('[data-testid=partition-select] option')).length >= 1, 'replication: partitions listed');
      assert.equal((await page.$$('.replica-row')).length, 3, 'replication: three replica rows');
      assert.equal(await page.getAttribute('[data-testid=pv-elr]', 'data-elr'), '');
    }
    if (t === 'replication') {
      // The fault panel cuts a broker from the controller quorum: there is no ZooKeeper to cut off.
      const ends = await page.$$eval('[data-testid=cut-b] option', (els) => els.map((e) => e.value));
      assert.deepEqual(ends.filter((v) => !v.startsWith('controller:')), ['1', '2', '3', 'controllers']);
      assert.equal(await page.$eval('[data-testid=cut-b]', (e) => e.value), 'controllers');
    }
    if (t === 'producer') {
      assert.ok((await page.$$('[data-testid=pick-partition] option')).length >= 2, 'producer: the topic\'s partitions offered');
    }
  }
  // The storage tab in KRaft mode: each controller's metadata directory, beside the brokers'.
  await page.click('[data-tab=storage]');
  await page.waitForSelector('[data-testid=kraft-disks]');
  assert.deepEqual(await page.$$eval('[data-testid=kraft-disk]', (els) => els.map((e) => e.dataset.node)), ['3000', '3001', '3002']);
  await page.click('[data-testid=kraft-disk][data-node="3000"] summary');
  assert.match(await page.textContent('[data-testid=kraft-disk][data-node="3000"] [data-testid=meta-properties]'), /node\.id=3000/);
  assert.ok(await page.isVisible('[data-testid=kraft-disk][data-node="3000"] [data-testid=meta-properties]'));
  assert.match(await page.textContent('[data-testid=kraft-disk][data-node="3000"]'), /__cluster_metadata-0\/00000000000000000000\.log — \d+ records/);
  assert.ok(await page.$('[data-testid=disks]'), 'the brokers\' disks too');
  // ZooKeeper mode has no controller directories.
  await page.click('[data-testid=era-zk]').catch(() => {});
  await page.waitForSelector('[data-testid=era-switch][data-mode=zookeeper]');
  await page.waitForTimeout(300);
  assert.equal(await page.$('[data-testid=kraft-disks]'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Chinese page in KRaft mode: every tab, the KRaft presets and the ELR have no English phrase', async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=zh&speed=6');
  await play(page, 'kraft-elr-keeps-acked');
  for (const sel of ['[data-testid=preset-now] > p', '[data-testid=preset-notes]', '[data-testid=kraft-presets]', '[data-testid=partition-view]', '[data-testid=events] li:has([data-testid=elr-note])']) {
    const text = await prose(page, sel);
    const en = text.match(ENGLISH);
    assert.equal(en, null, `${sel}: English in the Chinese page: "${en}"`);
    assert.match(text, /[\u4e00-\u9fff]/, `${sel} speaks Chinese`);
  }
  await page.click('[data-tab=cluster]');
  for (const sel of ['.legend']) {
    const en = (await prose(page, sel)).match(ENGLISH);
    assert.equal(en, null, `${sel}: English in the Chinese page: "${en}"`);
  }
  // Every tab of a fresh KRaft lab.
  await page.goto(lab.server.url + '?lang=zh&mode=kraft&speed=4');
  await page.click('[data-tab=cluster]');
  await page.waitForSelector('[data-testid=kraft-quorum]');
  for (const t of TABS) {
    await page.click(`[data-tab="${t}"]`);
    await page.waitForTimeout(400);
    const en = (await prose(page, 'main')).match(ENGLISH);
    assert.equal(en, null, `${t}: English in the Chinese page: "${en}"`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('screenshots at 1400×900, 1024×768, 390×844 in EN and 中文: the ELR case and each tab in KRaft mode, nothing clipped sideways', async () => {
  const docs = path.resolve(SCREENSHOTS, '..', '..', '..', 'docs', 'screenshots');
  for (const lang of ['en', 'zh']) {
    for (const [w, h] of SIZES) {
      const ctx = await lab.browser.newContext({ viewport: { width: w, height: h } });
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${lab.server.url}?lang=${lang}&speed=8`);
      await page.waitForSelector('[data-broker]');
      await play(page, 'kraft-elr-keeps-acked');
      await page.$eval('[data-testid=partition-view]', (e) => e.scrollIntoView());
      await page.screenshot({ path: path.join(SCREENSHOTS, `kweb2-elr-${lang}-${w}.png`) });
      if (lang === 'en' && w === 1400) {
        fs.mkdirSync(docs, { recursive: true });
        await page.screenshot({ path: path.join(docs, 'kraft-elr.png') });
      }
      // Nothing of the preset panel or the partition view wider than the page.
      const over = await page.$$eval('.preset-notes, .kraft-presets, [data-testid=partition-view] h3, .pv-elr', (els) =>
        els.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.className));
      assert.deepEqual(over, [], `${lang} ${w}: overflowing`);
      await page.goto(`${lab.server.url}?lang=${lang}&mode=kraft&speed=8`);
      await page.click('[data-tab=cluster]');
      await page.waitForSelector('[data-testid=kraft-quorum]');
      for (const t of TABS) {
        await page.click(`[data-tab="${t}"]`);
        await page.waitForTimeout(500);
        await page.screenshot({ path: path.join(SCREENSHOTS, `kweb2-tab-${t}-${lang}-${w}.png`) });
      }
      assert.deepEqual(errors, []);
      await ctx.close();
    }
  }
});
