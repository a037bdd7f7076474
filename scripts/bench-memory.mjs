// `make bench`: a 3-million-event run in the page (headless Chromium) and its memory. A
// 12-broker cluster with a 120-partition topic (RF 3) runs in chunks of virtual time typed
// into the console, each with a burst of records, until the simulation has handled 1,000,000
// items; wasm linear memory (it only grows) and the JS heap (Chrome's Runtime.getHeapUsage,
// after a forced garbage collection) are printed at the start and every ~200,000 events.
// Bounded means: the time machine's snapshots stay within their budget and nothing grows
// with the events but the event log and the logs themselves. The verdict line compares the
// second half of the run with the first: wasm memory (which never shrinks: it shows the peak)
// may grow by at most 10% of its end size after the half-way point, the JS heap by 1 MB.
import { serveDist, launch, typeLine } from '../tests/e2e/harness.mjs';

const TARGET = Number(process.env.BENCH_MEMORY_EVENTS ?? 3_000_000);
const server = await serveDist();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}?lang=en&paused`);
  await page.waitForSelector('[data-broker]');
  const cdp = await page.context().newCDPSession(page);
  const processed = async () => Number((await page.textContent('[data-testid=processed]')).replace(/\D/g, ''));
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? NaN);
    return { events: await processed(), wasm_mb: wasm / 2 ** 20, heap_mb: heap.usedSize / 2 ** 20 };
  };
  const print = (s, what) => console.log(`memory ${what} events=${s.events} wasm_mb=${s.wasm_mb.toFixed(1)} js_heap_mb=${s.heap_mb.toFixed(1)}`);
  await typeLine(page, 'brokers 12');
  await page.waitForSelector('[data-broker="12"]');
  await typeLine(page, 'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic load --partitions 120 --replication-factor 3');
  await page.waitForFunction(() => /Created topic load/.test(document.querySelector('[data-testid=console-out]').textContent));
  const start = await sample();
  print(start, 'start');
  const t0 = Date.now();
  let next = 200_000;
  let chunk = 0;
  let half = null;
  while ((await processed()) < TARGET) {
    chunk += 1;
    await typeLine(page, `produce --topic load --count 50 --async --client-id mem m-${chunk}`);
    await typeLine(page, 'advance 30s');
    await page.waitForFunction((n) => {
      const lines = document.querySelectorAll('[data-testid=console-out] .cmd');
      return lines.length >= n;
    }, 0);
    await page.waitForTimeout(50);
    if (!half && (await processed()) >= TARGET / 2) half = await sample();
    if ((await processed()) >= next) {
      print(await sample(), 'during');
      next += 200_000;
    }
    if (chunk > 2000) throw new Error('no progress towards the event target');
  }
  const end = await sample();
  print(end, 'end');
  console.log(`memory seconds=${((Date.now() - t0) / 1000).toFixed(1)} chunks=${chunk} wasm_growth_mb=${(end.wasm_mb - start.wasm_mb).toFixed(1)} `
    + `js_heap_growth_mb=${(end.heap_mb - start.heap_mb).toFixed(1)}`);
  const wasmLate = end.wasm_mb - half.wasm_mb;
  const heapLate = end.heap_mb - half.heap_mb;
  const bounded = wasmLate <= 0.1 * end.wasm_mb && heapLate <= 1;
  console.log(`memory second half (from ${half.events} events): wasm +${wasmLate.toFixed(1)} MB (budget <= ${(0.1 * end.wasm_mb).toFixed(1)}), `
    + `js heap +${heapLate.toFixed(1)} MB (budget <= 1.0): ${bounded ? 'bounded: ok' : 'bounded: MISSED'}`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
