// Measures how long the built page takes per animation frame while a failover plays:
// opens dist/ at ×20 speed, kills broker 2, lets it run, and reads the page's frameStats().
import { serveDist, launch, openLab } from '../tests/e2e/harness.mjs';

const server = await serveDist();
const browser = await launch();
try {
  const { page, errors } = await openLab(browser, server.url, '?speed=20');
  await page.waitForTimeout(500);
  await page.click('[data-broker="2"]');
  await page.waitForTimeout(4000);
  const stats = await page.evaluate(() => window.wasmBindings.frameStats());
  const [frames, total, max] = stats.split(' ').map(Number);
  if (!frames) throw new Error(`no frames recorded (${stats}); page errors: ${errors}`);
  console.log(`frames=${frames} mean_ms=${(total / frames).toFixed(3)} max_ms=${max.toFixed(3)}`);
} finally {
  await browser.close();
  await server.close();
}
