// The page the frame scripts study (profile-page.mjs, frame-parts.mjs, frame-mutations.mjs):
// BROKERS brokers, a topic `load` of PARTITIONS partitions (RF ≤ 3), at ×SPEED, with the
// replication tab's producer streaming into it unless `stream` is false, then on tab TAB;
// `marks` adds `?marks` (the page's own user-timing measures, as bench-frames.mjs reads them).
import { typeLine } from '../tests/e2e/harness.mjs';

export const env = (k, d) => process.env[k] ?? d;

export async function openLoaded(browser, url, { tab, brokers, partitions, speed, stream = true, marks = false }) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}?lang=en&speed=${speed}${marks ? '&marks' : ''}`);
  await page.waitForSelector('[data-broker]', { timeout: 60000 });
  await typeLine(page, `brokers ${brokers}`);
  await page.waitForSelector(`[data-broker="${brokers}"]`);
  await typeLine(page, `kafka-topics.sh --bootstrap-server localhost:9092 --create --topic load --partitions ${partitions} --replication-factor ${Math.min(3, brokers)}`);
  await page.waitForFunction(() => /Created topic load/.test(document.querySelector('[data-testid=console-out]').textContent), null, { timeout: 120000 });
  if (stream) {
    await page.click('[data-tab=replication]');
    await page.selectOption('[data-testid=producer-topic]', 'load');
    await page.click('[data-testid=stream]');
  }
  await page.click(`[data-tab=${tab}]`);
  return { context, page };
}
