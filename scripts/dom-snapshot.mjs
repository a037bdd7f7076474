// Captures the page's DOM (`document.body.innerHTML`) on every tab after a fixed scenario,
// paused, in both languages and both metadata modes: to prove a refactor of the views leaves
// the page unchanged, run it before and after and diff the two folders.
//   node scripts/dom-snapshot.mjs OUT-DIR
// (the built dist/, as the e2e tests; KLAB_DIST overrides).
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openLab, typeLine } from '../tests/e2e/harness.mjs';

const out = process.argv[2] ?? '/tmp/dom-snapshot';
fs.mkdirSync(out, { recursive: true });

const SCENARIO = [
  'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic bundled --partitions 2 --replication-factor 2',
  'produce --topic orders --acks all --key k1 one',
  'produce --topic orders --partition 0 --acks all --count 40 --interval 5 --key user-7 hello-world',
  'consumer add --group shop --id c1 --topics orders',
  'consumer add --group shop --id c2 --topics orders --assignor roundrobin',
  'advance 5s',
  'consumer poll c1',
  'consumer commit c1',
  'producer add --id p1 --topic orders',
  'txn begin --transactional-id shop-tx',
  'kill-broker 2',
  'advance 8s',
  'start-broker 2',
  'advance 3s',
];
const TABS = ['cluster', 'replication', 'storage', 'producer', 'consumers'];

// The page draws the live end of the event log, the clock and the frame counters: none of
// these move while paused, so two runs of the same build give the same text.
const server = await serveDist();
const browser = await launch();
try {
  for (const mode of ['', '&mode=kraft']) {
    for (const lang of ['en', 'zh']) {
      const { page, errors } = await openLab(browser, server.url, `?paused&lang=${lang}${mode}`);
      const name = `${lang}${mode ? '-kraft' : ''}`;
      const grab = async (what) => {
        await page.waitForTimeout(150);
        const html = await page.evaluate(() => document.body.innerHTML);
        fs.writeFileSync(path.join(out, `${name}-${what}.html`), html.replace(/></g, '>\n<'));
      };
      await grab('start');
      for (const line of SCENARIO) await typeLine(page, line);
      for (const tab of TABS) {
        await page.click(`[data-tab=${tab}]`);
        await grab(tab);
      }
      // The buttons that open panes of their own.
      for (const id of ['shortcuts-open', 'tour-open', 'compare-open', 'tm-open']) {
        const el = await page.$(`[data-testid=${id}]`);
        if (!el || !(await el.isVisible())) continue;
        await el.click();
        await grab(id);
      }
      if (errors.length) console.error(name, 'page errors:', errors);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(out);
