// What the longest frames are made of: a 3 s trace of the loaded page (scripts/loaded-page.mjs:
// BROKERS × PARTITIONS, a stream at ×SPEED, tab TAB), then for the frames at or above the p90 of
// the renderer main thread's work, their script / style / layout / paint and the page's own
// user-timing parts (`?marks`), in CPU ms (`tdur`: what other processes' load does not stretch).
import { serveDist, launch } from '../tests/e2e/harness.mjs';
import { env, openLoaded } from './loaded-page.mjs';
import { frameWork, measures, framePartsByMark } from './bench-frames.mjs';

const [TAB, BROKERS, PARTS, SPEED] = [env('TAB', 'storage'), +env('BROKERS', 12), +env('PARTITIONS', 120), +env('SPEED', 100)];
const NAMES = { script: ['FireAnimationFrame', 'FunctionCall', 'TimerFire', 'EventDispatch'], style: ['UpdateLayoutTree'], layout: ['Layout'], paint: ['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer'] };
const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openLoaded(browser, server.url, { tab: TAB, brokers: BROKERS, partitions: PARTS, speed: SPEED, marks: true });
  await page.waitForTimeout(+env('WARM_MS', 8000));
  for (let run = 0; run < +env('RUNS', 2); run++) {
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    await page.waitForTimeout(3000);
    const trace = JSON.parse((await browser.stopTracing()).toString());
    const ev = trace.traceEvents;
    const mains = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const { work, starts } = frameWork(trace, true, true);
    const marks = framePartsByMark(starts, measures(trace));
    const sorted = [...work].sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    console.log(`run ${run}: ${work.length} frames, cpu median ${q(0.5).toFixed(2)} p90 ${q(0.9).toFixed(2)} p95 ${q(0.95).toFixed(2)} max ${sorted[sorted.length - 1].toFixed(2)}; dom nodes ${await page.evaluate(() => document.getElementsByTagName('*').length)}`);
    const cut = q(0.9);
    work.forEach((w, i) => {
      if (w < cut) return;
      const [a, b] = [starts[i], starts[i + 1]];
      const parts = {};
      for (const [k, names] of Object.entries(NAMES)) {
        let t = 0; let end = -Infinity;
        for (const e of ev) {
          if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`) || !names.includes(e.name) || e.ts < a || e.ts >= b) continue;
          if (e.ts >= end) { t += e.tdur ?? e.dur ?? 0; end = e.ts + (e.dur ?? 0); }
        }
        parts[k] = (t / 1000).toFixed(1);
      }
      const m = Object.entries(marks[i] ?? {}).map(([k, v]) => `${k.replace('klab:', '')}=${v.toFixed(1)}`).join(' ');
      console.log(`  ${w.toFixed(1)} ms: ${JSON.stringify(parts)} ${m}`);
    });
  }
} finally { await browser.close(); await server.close(); }
