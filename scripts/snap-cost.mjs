// What the time machine's snapshots cost the page (frames5): BROKERS × PARTITIONS with a stream
// at ×SPEED on tab TAB, traced in WINDOWS windows of MS ms after WARM_MS of play; each
// `klab:sim` measure (?marks) is timed in wall and in the main thread's CPU, apart for the
// ones that took a snapshot (`klab:sim+snap`). Prints per window and in all:
// `snap n=… wall_median=… cpu_median=… cpu_max=… · sim n=… cpu_median=… · virtual_s=…`.
// KLAB_DIST=dist node scripts/snap-cost.mjs (from tests/e2e, as bench-frames.mjs).
import { serveDist, launch } from '../tests/e2e/harness.mjs';
import { env, openLoaded } from './loaded-page.mjs';
import { measures } from './bench-frames.mjs';

const [TAB, BROKERS, PARTS, SPEED] = [env('TAB', 'storage'), +env('BROKERS', 12), +env('PARTITIONS', 120), +env('SPEED', 100)];
const [WARM_MS, MS, WINDOWS] = [+env('WARM_MS', 20000), +env('MS', 5000), +env('WINDOWS', 4)];

/** CPU ms of the renderer main thread's tasks inside [a, b] (µs), by each task's tdur/dur. */
function cpuIn(tasks, a, b) {
  let busy = 0;
  for (const t of tasks) {
    if (t.end <= a || t.ts >= b) continue;
    busy += (Math.min(t.end, b) - Math.max(t.ts, a)) * t.k;
  }
  return busy / 1000;
}

const q = (xs, p) => (xs.length ? [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);
const f = (x) => x.toFixed(2);

const server = await serveDist();
const browser = await launch();
try {
  const { context, page } = await openLoaded(browser, server.url, { tab: TAB, brokers: BROKERS, partitions: PARTS, speed: SPEED, marks: true });
  await page.waitForTimeout(WARM_MS);
  const all = { snap: [], snapWall: [], sim: [] };
  for (let w = 0; w < WINDOWS; w++) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    await page.waitForTimeout(MS);
    const trace = JSON.parse((await browser.stopTracing()).toString());
    const events = trace.traceEvents ?? trace;
    const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const tasks = events
      .filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
      .map((e) => ({ ts: e.ts, end: e.ts + (e.dur ?? 0), k: (e.tdur ?? e.dur ?? 0) / Math.max(1, e.dur ?? 0) }));
    const marks = measures(trace);
    const snaps = marks.filter((m) => m.name === 'klab:sim+snap');
    const sims = marks.filter((m) => m.name === 'klab:sim');
    const snapCpu = snaps.map((m) => cpuIn(tasks, m.ts, m.end));
    const simCpu = sims.map((m) => cpuIn(tasks, m.ts, m.end));
    const virt = await page.evaluate(() => parseFloat(document.querySelector('[data-testid=clock]')?.textContent ?? 'NaN'));
    all.snap.push(...snapCpu);
    all.snapWall.push(...snaps.map((m) => (m.end - m.ts) / 1000));
    all.sim.push(...simCpu);
    console.log(`window=${w} snap n=${snaps.length} cpu_median=${f(q(snapCpu, 0.5))} cpu_max=${f(Math.max(...snapCpu, 0))} sim n=${sims.length} cpu_median=${f(q(simCpu, 0.5))} virtual_s=${virt}`);
  }
  console.log(`brokers=${BROKERS} partitions=${PARTS} speed=${SPEED} tab=${TAB} snap n=${all.snap.length} wall_median=${f(q(all.snapWall, 0.5))} cpu_median=${f(q(all.snap, 0.5))} cpu_max=${f(Math.max(...all.snap, 0))} sim n=${all.sim.length} cpu_median=${f(q(all.sim, 0.5))} cpu_p95=${f(q(all.sim, 0.95))}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
