// Screenshots for frames2's visual check: TAB, size, language; a stream at ×SPEED on BROKERS × PARTITIONS.
import { serveDist, launch, typeLine } from '../tests/e2e/harness.mjs';
const env = (k, d) => process.env[k] ?? d;
const server = await serveDist();
const browser = await launch();
try {
  for (const [w, h] of [[1400, 900], [1024, 768], [390, 844]]) for (const lang of (env('LANGS', 'en,zh')).split(',')) for (const tab of env('TABS', 'cluster').split(',')) {
    const context = await browser.newContext({ viewport: { width: w, height: h } });
    const page = await context.newPage();
    await page.goto(`${server.url}?lang=${lang}&speed=${env('SPEED', '100')}`);
    await page.waitForSelector('[data-broker]', { timeout: 60000 });
    await typeLine(page, `brokers ${env('BROKERS', '12')}`);
    await page.waitForSelector(`[data-broker="${env('BROKERS', '12')}"]`);
    await typeLine(page, `kafka-topics.sh --bootstrap-server localhost:9092 --create --topic load --partitions ${env('PARTITIONS', '120')} --replication-factor 3`);
    await page.waitForTimeout(1500);
    await page.click('[data-tab=replication]');
    await page.selectOption('[data-testid=producer-topic]', 'load');
    await page.click('[data-testid=stream]');
    await page.click(`[data-tab=${tab}]`);
    await page.waitForTimeout(+env('WAIT', '2500'));
    const file = `/tmp/frames2/${tab}-${w}-${lang}.png`;
    await page.screenshot({ path: file });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
