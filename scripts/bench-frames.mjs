// `make bench`'s drawing figures: what the page itself spends per animation frame, measured
// in headless Chromium with Chrome's own tracing (not only requestAnimationFrame gaps).
//
// For each cluster size (brokers × partitions, RF 3 or less) the lab is set up through its
// console, then for each speed (×1, ×100), each load (idle, a producer stream of one record
// per 50 virtual ms) and each tab, the page runs for WINDOW_MS while Chrome traces it. The
// work of one frame is the renderer main thread's busy time (every top-level task: the frame
// callback — simulation, view, Yew's diff, DOM writes — then style, layout, paint, plus timers
// and input) from the start of one frame's task to the start of the next: what the page
// costs per frame, whatever the display's refresh rate. Printed: frames seen, median and p95
// work per frame, and the longest.
//
// BENCH_FRAMES=quick measures 3×3 and 12×120 only (for a fast look), BENCH_FRAMES_SIZES=12x120
// and BENCH_FRAMES_SPEEDS=100 pick sizes and speeds, BENCH_FRAMES_LOADS=stream and
// BENCH_FRAMES_TABS=replication,storage loads and tabs; BENCH_FRAMES_RUNS (default 3) windows per cell; BENCH_FRAMES_JSON=file writes every row
// as JSON too. The budgets (issue 15): 12 brokers × 120 partitions with a
// stream at ×100 — median ≤ 8 ms and p95 ≤ 16 ms on every tab; 64 × 1000 — p95 ≤ 16 ms.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { serveDist, launch, typeLine } from '../tests/e2e/harness.mjs';

const WINDOW_MS = Number(process.env.BENCH_FRAMES_WINDOW_MS ?? 3000);
const RUNS = Math.max(1, Number(process.env.BENCH_FRAMES_RUNS ?? 3));
const SIZES = process.env.BENCH_FRAMES_SIZES
  ? process.env.BENCH_FRAMES_SIZES.split(',').map((s) => s.split('x').map(Number))
  : process.env.BENCH_FRAMES === 'quick'
    ? [[3, 3], [12, 120]]
    : [[3, 3], [12, 120], [64, 1000]];
const SPEEDS = (process.env.BENCH_FRAMES_SPEEDS ?? '1,100').split(',').map(Number);
const LOADS = (process.env.BENCH_FRAMES_LOADS ?? 'idle,stream').split(',');
// More of the page's address, e.g. `simbudget=4` (the fixed budget before frames3).
const QUERY = process.env.BENCH_FRAMES_QUERY ?? '';
const TABS = (process.env.BENCH_FRAMES_TABS ?? 'cluster,replication,storage,producer,consumers').split(',');

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

const PARTS = {
  script: ['FireAnimationFrame', 'FunctionCall', 'TimerFire', 'EventDispatch'],
  style: ['UpdateLayoutTree'],
  layout: ['Layout'],
  paint: ['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer'],
};

/** Mean ms per frame of each part (script, style, layout, paint) over `frames` frames. */
export function frameParts(trace, frames) {
  const events = trace.traceEvents ?? trace;
  const mains = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const out = {};
  for (const [part, names] of Object.entries(PARTS)) {
    // Only outermost slices of these names (a FunctionCall inside FireAnimationFrame counts once).
    const slices = events
      .filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && names.includes(e.name))
      .sort((a, b) => a.ts - b.ts);
    let total = 0;
    let end = -Infinity;
    for (const e of slices) {
      if (e.ts >= end) {
        total += e.dur ?? 0;
        end = e.ts + (e.dur ?? 0);
      }
    }
    out[part] = frames ? total / 1000 / frames : NaN;
  }
  return out;
}

/** Per-frame main-thread work (ms) from a Chrome trace. With `cpu`, the thread's CPU time
 * instead of its wall time (`tdur`): what the page itself used, whatever else the machine ran
 * meanwhile (other processes' builds stretch wall time, not this). */
export function frameWork(trace, cpu = false, withStarts = false) {
  const events = trace.traceEvents ?? trace;
  // The renderer's main thread: the thread named CrRendererMain that ran frames.
  const mains = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => mains.has(`${e.pid}:${e.tid}`);
  // Top-level tasks: complete events named as the scheduler names a task.
  const tasks = events
    .filter((e) => e.ph === 'X' && onMain(e) && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .map((e) => ({ ts: e.ts, end: e.ts + (e.dur ?? 0), k: cpu ? (e.tdur ?? e.dur ?? 0) / Math.max(1, e.dur ?? 0) : 1 }))
    .sort((a, b) => a.ts - b.ts);
  // Frame starts: Blink's animation-frame update (requestAnimationFrame callbacks, then style,
  // layout, paint), traced as an async `AnimationFrame` span (Chromium 12x+) or, in older
  // builds, a `FireAnimationFrame` slice.
  let frames = events.filter((e) => onMain(e) && e.name === 'AnimationFrame' && e.ph === 'b');
  if (!frames.length) frames = events.filter((e) => onMain(e) && e.name === 'FireAnimationFrame');
  frames = frames
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  // One start per task that holds a frame.
  const starts = [];
  let ti = 0;
  for (const f of frames) {
    while (ti < tasks.length && tasks[ti].end < f) ti++;
    const start = ti < tasks.length && tasks[ti].ts <= f ? tasks[ti].ts : f;
    if (starts.length === 0 || start > starts[starts.length - 1]) starts.push(start);
  }
  const work = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const [a, b] = [starts[i], starts[i + 1]];
    let busy = 0;
    for (const t of tasks) {
      if (t.end <= a) continue;
      if (t.ts >= b) break;
      busy += (Math.min(t.end, b) - Math.max(t.ts, a)) * t.k;
    }
    work.push(busy / 1000);
  }
  return withStarts ? { work, starts } : work;
}

/** The page's own user-timing measures (`?marks`, web/src/marks.rs) in a trace: `{ name, ts,
 * end }` in the trace's µs. */
export function measures(trace) {
  const events = trace.traceEvents ?? trace;
  const open = new Map();
  const out = [];
  for (const e of events) {
    if (!e.cat?.includes('blink.user_timing') || !e.name?.startsWith('klab:')) continue;
    const key = `${e.name}:${e.id ?? e.id2?.local ?? ''}`;
    if (e.ph === 'b') open.set(key, e.ts);
    else if (e.ph === 'e' && open.has(key)) { out.push({ name: e.name, ts: open.get(key), end: e.ts }); open.delete(key); }
    else if (e.ph === 'X') out.push({ name: e.name, ts: e.ts, end: e.ts + (e.dur ?? 0) });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

/** Per frame (the intervals of `starts`): ms of each measure name in it. */
export function framePartsByMark(starts, marks) {
  const out = [];
  let mi = 0;
  for (let i = 0; i + 1 < starts.length; i++) {
    const [a, b] = [starts[i], starts[i + 1]];
    const parts = {};
    while (mi < marks.length && marks[mi].end <= a) mi++;
    for (let j = mi; j < marks.length && marks[j].ts < b; j++) {
      const m = marks[j];
      const ms = (Math.min(m.end, b) - Math.max(m.ts, a)) / 1000;
      if (ms > 0) parts[m.name] = (parts[m.name] ?? 0) + ms;
    }
    out.push(parts);
  }
  return out;
}

async function exec(page, line, done) {
  await typeLine(page, line);
  if (done) {
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-testid=console-out]')?.textContent ?? ''),
      done, { timeout: 120000 });
  }
}

/** The toolbar's virtual clock (ms) and the page's real one. */
const clocks = (page) => page.evaluate(() => ({
  virt: 1000 * parseFloat(document.querySelector('[data-testid=clock]')?.textContent ?? 'NaN'),
  real: performance.now(),
}));

async function measure(browser, page) {
  const before = await clocks(page);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  await page.waitForTimeout(WINDOW_MS);
  const buf = await browser.stopTracing();
  const after = await clocks(page);
  const trace = JSON.parse(buf.toString());
  const { work: raw, starts } = frameWork(trace, false, true);
  const byMark = framePartsByMark(starts, measures(trace));
  // The simulation's share of each frame, and the rest (the page's own drawing work).
  const simOf = (p) => (p['klab:sim'] ?? 0) + (p['klab:sim+snap'] ?? 0);
  const sim = byMark.map(simOf).sort((a, b) => a - b);
  const render = raw.map((w, i) => Math.max(0, w - simOf(byMark[i] ?? {}))).sort((a, b) => a - b);
  // What the long frames (the top 5%) held: how many of them had each part, and its mean ms.
  const cut = quantile([...raw].sort((a, b) => a - b), 0.95);
  const long = {};
  raw.forEach((w, i) => {
    if (w < cut) return;
    for (const [k, v] of Object.entries(byMark[i] ?? {})) {
      long[k] = long[k] ?? { n: 0, ms: 0 };
      long[k].n += 1;
      long[k].ms += v;
    }
  });
  const longN = raw.filter((w) => w >= cut).length;
  const work = [...raw].sort((a, b) => a - b);
  const cpu = frameWork(trace, true).sort((a, b) => a - b);
  return {
    reached: (after.virt - before.virt) / (after.real - before.real),
    simMedian: quantile(sim, 0.5),
    simP95: quantile(sim, 0.95),
    renderMedian: quantile(render, 0.5),
    renderP95: quantile(render, 0.95),
    long: Object.fromEntries(Object.entries(long).map(([k, v]) => [k, `${v.n}/${longN}:${(v.ms / v.n).toFixed(1)}`])),
    cpuMedian: quantile(cpu, 0.5),
    cpuP95: quantile(cpu, 0.95),
    parts: frameParts(trace, work.length),
    frames: work.length,
    median: quantile(work, 0.5),
    p95: quantile(work, 0.95),
    max: work.length ? work[work.length - 1] : NaN,
  };
}

// Run as a script (`node scripts/bench-frames.mjs`); imported (scripts/long-frames.mjs), only
// the trace readers above.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

async function main() {
  const server = await serveDist();
  const browser = await launch();
  const rows = [];
  try {
    for (const [brokers, partitions] of SIZES) {
      const rf = Math.min(3, brokers);
      // A fresh context per size: nothing saved in localStorage by the previous size.
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      for (const speed of SPEEDS) {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`${server.url}?lang=en&speed=${speed}&marks${QUERY ? `&${QUERY}` : ''}`);
        await page.waitForSelector('[data-tab=cluster]');
        await page.click('[data-tab=cluster]');
        await page.waitForSelector('[data-broker]');
        if (speed === SPEEDS[0]) {
          // Set the cluster up once; the next speed reopens the saved run.
          await exec(page, `brokers ${brokers}`);
          await page.waitForSelector(`[data-broker="${brokers}"]`);
          await exec(page, `kafka-topics.sh --bootstrap-server localhost:9092 --create --topic load --partitions ${partitions} --replication-factor ${rf}`,
            'Created topic load');
        }
        await page.waitForTimeout(500);
        for (const load of LOADS) {
          if (load === 'stream') {
            await page.click('[data-tab=replication]');
            await page.selectOption('[data-testid=producer-topic]', 'load');
            await page.click('[data-testid=stream]');
          }
          for (const tab of TABS) {
            await page.click(`[data-tab=${tab}]`);
            await page.waitForTimeout(700);
            // RUNS windows in a row: the cell's median and p95 are the medians of the runs', with
            // their spread (this machine's noise moves one window's figure up to 3x).
            const runs = [];
            for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, page));
            const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
            const m = {
              frames: runs.reduce((a, r) => a + r.frames, 0),
              median: mid(runs.map((r) => r.median)),
              p95: mid(runs.map((r) => r.p95)),
              max: Math.max(...runs.map((r) => r.max)),
              cpuMedian: mid(runs.map((r) => r.cpuMedian)),
              cpuP95: mid(runs.map((r) => r.cpuP95)),
              simMedian: mid(runs.map((r) => r.simMedian)),
              simP95: mid(runs.map((r) => r.simP95)),
              renderMedian: mid(runs.map((r) => r.renderMedian)),
              renderP95: mid(runs.map((r) => r.renderP95)),
              long: runs.map((r) => r.long),
              reached: mid(runs.map((r) => r.reached)),
              spread: {
                median: [Math.min(...runs.map((r) => r.median)), Math.max(...runs.map((r) => r.median))],
                p95: [Math.min(...runs.map((r) => r.p95)), Math.max(...runs.map((r) => r.p95))],
              },
              parts: Object.fromEntries(Object.keys(runs[0].parts).map((k) => [k, runs.reduce((a, r) => a + r.parts[k], 0) / runs.length])),
            };
            const row = { brokers, partitions, speed, load, tab, ...m };
            rows.push(row);
            console.log(`brokers=${brokers} partitions=${partitions} speed=${speed} load=${load} tab=${tab} `
              + `frames=${m.frames} median_ms=${m.median.toFixed(2)} p95_ms=${m.p95.toFixed(2)} max_ms=${m.max.toFixed(2)} `
              + `cpu_median_ms=${m.cpuMedian.toFixed(2)} cpu_p95_ms=${m.cpuP95.toFixed(2)} `
              + `sim_median_ms=${m.simMedian.toFixed(2)} sim_p95_ms=${m.simP95.toFixed(2)} render_median_ms=${m.renderMedian.toFixed(2)} render_p95_ms=${m.renderP95.toFixed(2)} `
              + `speed_reached=${m.reached.toFixed(1)} `
              + `median_spread=${m.spread.median.map((x) => x.toFixed(1)).join('-')} p95_spread=${m.spread.p95.map((x) => x.toFixed(1)).join('-')} runs=${RUNS} `
              + Object.entries(m.parts).map(([k, v]) => `${k}_ms=${v.toFixed(2)}`).join(' '));
            // What the top 5% of frames held, per window: part → frames holding it / long frames: mean ms.
            if (process.env.BENCH_FRAMES_LONG) console.log(`  long frames: ${m.long.map((l) => JSON.stringify(l)).join(' | ')}`);
          }
          if (load === 'stream') {
            await page.click('[data-tab=replication]');
            await page.click('[data-testid=stream]');
          }
        }
        if (errors.length) throw new Error(`page errors at ${brokers}×${partitions}: ${errors.join('; ')}`);
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (process.env.BENCH_FRAMES_JSON) fs.writeFileSync(process.env.BENCH_FRAMES_JSON, JSON.stringify(rows, null, 1));
}
