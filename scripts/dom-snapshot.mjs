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

// Paused, nothing on the page moves but the flying messages (their flights end on the page's
// clock, not the lab's): their layer is left out, as is the height of the event log's spacer
// (the mean line height it multiplies is measured after frames, so it varies from run to run
// by a line or two). Two runs of one build then give the same text.
const server = await serveDist();
const browser = await launch();
try {
  for (const mode of ['', '&mode=kraft']) {
    for (const lang of ['en', 'zh']) {
      const { page, errors } = await openLab(browser, server.url, `?paused&lang=${lang}${mode}`);
      const name = `${lang}${mode ? '-kraft' : ''}`;
      const grab = async (what) => {
        await page.waitForTimeout(150);
        const html = await page.evaluate(() => {
          const body = document.body.cloneNode(true);
          body.querySelector('[data-testid=flights]')?.replaceChildren();
          body.querySelector('[data-testid=event-pad]')?.removeAttribute('style');
          return body.innerHTML;
        });
        fs.writeFileSync(path.join(out, `${name}-${what}.html`), html.replace(/></g, '>\n<'));
      };
      await grab('start');
      for (const line of SCENARIO) await typeLine(page, line);
      for (const tab of TABS) {
        await page.click(`[data-tab=${tab}]`);
        await grab(tab);
      }
      // The buttons that open panes of their own.
      // (each closed again before the next: the shortcuts' sheet covers the page)
      for (const [id, close] of [['tm-open', null], ['compare-open', 'compare-close'],
        ['tour-open', 'tour-close'], ['shortcuts-open', 'shortcuts-close']]) {
        const el = await page.$(`[data-testid=${id}]`);
        if (!el || !(await el.isVisible())) continue;
        await el.click();
        await grab(id);
        const c = close && await page.$(`[data-testid=${close}]`);
        if (c && await c.isVisible()) await c.click();
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
