// Where a frame's drawing goes: the same 3 s trace of a stream at ×SPEED on BROKERS × PARTITIONS
// with parts of the page hidden in turn (HIDE=sel1;sel2), script/style/layout/paint per frame.
import { serveDist, launch } from '../tests/e2e/harness.mjs';
import { env, openLoaded } from './loaded-page.mjs';
const [TAB, BROKERS, PARTS, SPEED] = [env('TAB', 'cluster'), +env('BROKERS', 12), +env('PARTITIONS', 120), +env('SPEED', 100)];
const HIDES = ['', ...env('HIDE', '.flights-layer;.tm-bar;.side;.diagram').split(';')];
const PARTS_N = { script: ['FireAnimationFrame', 'FunctionCall', 'TimerFire', 'EventDispatch'], style: ['UpdateLayoutTree'], layout: ['Layout'], paint: ['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer'] };
function parts(trace) {
  const ev = trace.traceEvents ?? trace;
  const mains = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const frames = ev.filter((e) => mains.has(`${e.pid}:${e.tid}`) && e.name === 'AnimationFrame' && e.ph === 'b').length || 1;
  const out = { frames };
  for (const [k, names] of Object.entries(PARTS_N)) {
    const s = ev.filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`) && names.includes(e.name)).sort((a, b) => a.ts - b.ts);
    let t = 0, end = -Infinity, cpu = 0;
    for (const e of s) if (e.ts >= end) { t += e.dur ?? 0; cpu += e.tdur ?? 0; end = e.ts + (e.dur ?? 0); }
    out[k] = (t / 1000 / frames).toFixed(2) + '/' + (cpu / 1000 / frames).toFixed(2);
  }
  return out;
}
const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openLoaded(browser, server.url, { tab: TAB, brokers: BROKERS, partitions: PARTS, speed: SPEED });
  await page.waitForTimeout(1500);
  for (const h of HIDES) {
    await page.evaluate((h) => { let s = document.getElementById('f2hide'); if (!s) { s = document.createElement('style'); s.id = 'f2hide'; document.head.append(s); } s.textContent = h ? `${h} { visibility: hidden !important; }` : ''; }, h);
    await page.waitForTimeout(300);
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.waitForTimeout(+env('MS', 3000));
    const p = parts(JSON.parse((await browser.stopTracing()).toString()));
    console.log(`hide ${h || '(nothing)'}: ${JSON.stringify(p)}  (wall/cpu ms a frame)`);
  }
} finally { await browser.close(); await server.close(); }
