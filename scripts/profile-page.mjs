// The CPU profile half of scripts/profile-page.sh (run from tests/e2e with KLAB_DIST set).
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch } from '../tests/e2e/harness.mjs';
import { env, openLoaded } from './loaded-page.mjs';

const [TAB, WARM, MS] = [env('TAB', 'producer'), +env('WARM_MS', 30000), +env('PROFILE_MS', 8000)];
const [BROKERS, PARTS, SPEED] = [+env('BROKERS', 12), +env('PARTITIONS', 120), +env('SPEED', 100)];

const server = await serveDist();
const browser = await launch();
try {
  const { context, page } = await openLoaded(browser, server.url, { tab: TAB, brokers: BROKERS, partitions: PARTS, speed: SPEED });
  await page.waitForTimeout(WARM);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(MS);
  const { profile } = await cdp.send('Profiler.stop');
  fs.writeFileSync(path.join(process.env.KLAB_DIST, 'profile.cpuprofile'), JSON.stringify(profile));

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  profile.nodes.forEach((n) => (n.children ?? []).forEach((c) => parent.set(c, n.id)));
  const name = (id) => (byId.get(id).callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '');
  const self = new Map();
  const incl = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const d = profile.timeDeltas[i] ?? 0;
    total += d;
    self.set(name(id), (self.get(name(id)) ?? 0) + d);
    const seen = new Set();
    for (let n = id; n != null; n = parent.get(n)) {
      const f = name(n);
      if (!seen.has(f)) { seen.add(f); incl.set(f, (incl.get(f) ?? 0) + d); }
    }
  });
  const show = (title, m, filter = () => true) => {
    console.log(`\n${title} (% of ${(total / 1000).toFixed(0)} ms sampled)`);
    [...m.entries()].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, 25)
      .forEach(([k, v]) => console.log(`${(100 * v / total).toFixed(1).padStart(5)}%  ${k.slice(0, 150)}`));
  };
  console.log(`${BROKERS} brokers × ${PARTS} partitions, stream at ×${SPEED}, ${TAB} tab, ${MS} ms after ${WARM} ms`);
  show('self time', self);
  show('inclusive time, the lab\'s own functions and yew\'s render phases', incl,
    (k) => /kafka_lab|RenderRunner|RenderedRunner|PropsUpdateRunner|reconcile/.test(k));
} finally {
  await browser.close();
  await server.close();
}
