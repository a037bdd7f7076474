// End-to-end for compression.type=gzip (notes 6 and 16): a load run from the producer tab's
// batching panel with gzip writes fewer bytes than it batched, and the storage tab's why-fast
// panel shows that producer's bytes before and after. Screenshots in English and 中文.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLab, SCREENSHOTS, suite } from './harness.mjs';

const lab = suite();

for (const lang of ['en', 'zh']) {
  test(`gzip load run (${lang}): fewer bytes written than batched, shown in why-fast`, async () => {
    const { page, errors } = await openLab(lab.browser, lab.server.url, `?speed=4&lang=${lang}`);
    await page.click('[data-tab=producer]');
    await page.$eval('[data-testid=linger]', (el) => { el.value = '20'; el.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.selectOption('[data-testid=load-compression]', 'gzip');
    await page.click('[data-testid=run-load]');
    await page.waitForSelector('[data-testid=load-results] tr:nth-child(2)', { timeout: 30000 });
    const row = await page.textContent('[data-testid=load-results] tr:nth-child(2)');
    assert.match(row, /gzip/);
    const [beforeB, afterB] = (await page.textContent('[data-testid=load-results] tr:nth-child(2) td.load-bytes'))
      .split('→').map((s) => Number(s.trim()));
    assert.ok(beforeB > afterB * 1.4, `gzip shrinks the load's batches: ${beforeB} → ${afterB}`);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `gzip-producer-${lang}.png`) });
    await page.click('[data-tab=storage]');
    await page.waitForSelector('[data-testid=compression]');
    const text = await page.textContent('[data-testid=compression]');
    if (lang === 'en') {
      assert.match(text, /gzip: .* of batches written as .* \(\d+\.\d\d× smaller\)/);
    } else {
      assert.match(text, /gzip：.* 的批次写成 .*（缩小 \d+\.\d\d 倍）/);
      assert.doesNotMatch(await page.textContent('[data-testid=batching]'), /\b(of batches|smaller|written)\b/);
    }
    await page.$eval('[data-testid=compression]', (e) => e.scrollIntoView());
    await page.screenshot({ path: path.join(SCREENSHOTS, `gzip-why-fast-${lang}.png`) });
    for (const [w, h] of [[1024, 768], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.$eval('[data-testid=compression]', (e) => e.scrollIntoView());
      await page.screenshot({ path: path.join(SCREENSHOTS, `gzip-why-fast-${lang}-${w}.png`) });
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}
