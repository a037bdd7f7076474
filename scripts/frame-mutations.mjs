// Which parts of the page the DOM changes in, per frame (a MutationObserver over 2 s of play).
import { serveDist, launch } from '../tests/e2e/harness.mjs';
import { env, openLoaded } from './loaded-page.mjs';
const [TAB, BROKERS, PARTS, SPEED, MS] = [env('TAB', 'cluster'), +env('BROKERS', 12), +env('PARTITIONS', 120), +env('SPEED', 100), +env('MS', 2000)];
const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openLoaded(browser, server.url, { tab: TAB, brokers: BROKERS, partitions: PARTS, speed: SPEED, stream: env('LOAD', 'stream') === 'stream' });
  await page.waitForTimeout(1500);
  const out = await page.evaluate(async (ms) => {
    const counts = {};
    let frames = 0;
    const where = (n) => {
      let e = n.nodeType === 1 ? n : n.parentElement;
      const path = [];
      while (e && e !== document.body && path.length < 40) {
        const id = e.getAttribute('data-testid') || (e.classList && e.classList[0]);
        if (id) path.push(id);
        e = e.parentElement;
      }
      return path.slice(-4).reverse().join(' > ') ;
    };
    const obs = new MutationObserver((ms) => {
      for (const m of ms) {
        const nm = (n) => n.nodeType === 1 ? n.tagName + (n.getAttribute('class') ? '.' + n.getAttribute('class').split(' ')[0] : '') : '#' + n.nodeType;
        const k = `${m.type}${m.attributeName ? '[' + m.attributeName + ']' : ''} ${where(m.target)} @${nm(m.target)} +${[...m.addedNodes].slice(0,1).map(nm)} -${[...m.removedNodes].slice(0,1).map(nm)}`;
        counts[k] = (counts[k] ?? 0) + 1 + (m.addedNodes?.length ?? 0) + (m.removedNodes?.length ?? 0);
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    await new Promise((r) => { const f = () => { frames++; if (performance.now() - t0 < ms) requestAnimationFrame(f); else r(); }; requestAnimationFrame(f); });
    obs.disconnect();
    return { frames, counts };
  }, MS);
  console.log(`frames ${out.frames}`);
  for (const [k, v] of Object.entries(out.counts).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(String(v).padStart(7), (v / out.frames).toFixed(1).padStart(7), k);
} finally {
  await browser.close();
  await server.close();
}
