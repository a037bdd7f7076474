// Takes a screenshot of the built lab (dist/) in headless Chromium, to look at it as a user
// would: node scripts/screenshot.mjs [OUT.png] [QUERY] [CLICK-BROKER] [WAIT-MS]
import { serveDist, launch, openLab } from '../tests/e2e/harness.mjs';

const [out = '/tmp/kafka-lab.png', query = '', click = '', wait = '1500'] = process.argv.slice(2);
const server = await serveDist();
const browser = await launch();
try {
  const { page, errors } = await openLab(browser, server.url, query);
  if (click) await page.click(`[data-broker="${click}"]`);
  await page.waitForTimeout(Number(wait));
  await page.screenshot({ path: out });
  if (errors.length) console.error('page errors:', errors);
  console.log(out);
} finally {
  await browser.close();
  await server.close();
}
