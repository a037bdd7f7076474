// Frames stay short on a big cluster, second round (issue 15, "Drawing big clusters"): what a
// frame writes, counted rather than timed so it holds on any machine. A flying message is drawn
// once and moved by the browser (CSS motion path): nothing is written to it while it flies, and
// a frame starts at most 8. The cluster's view is replaced only when what it draws changed, so
// the diagram is not drawn again on the frames of a steady stream while the clock moves on all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, openLab, bigCluster } from './harness.mjs';

const lab = suite({ shots: null });
const WINDOW_MS = 2000;
/** Most flights one frame starts (web/src/state/ui.rs FLIGHTS_PER_FRAME). */
const FLIGHTS_PER_FRAME = 8;

async function bigClusterOnClusterTab(page, stream) {
  await bigCluster(page, { stream });
  await page.click('[data-tab=cluster]');
}

/** For WINDOW_MS, per frame: flights added, writes to flights already flying, frames in which
 * the diagram (outside the flights) and the clock were written. */
function countWork(page) {
  return page.evaluate(async (ms) => {
    const flights = document.querySelector('[data-testid=flights]');
    const diagram = document.querySelector('[data-testid=diagram]');
    const clock = document.querySelector('[data-testid=clock]');
    const out = { frames: 0, added: 0, maxAdded: 0, flyingWrites: 0, diagramFrames: 0, clockFrames: 0 };
    let frame = { added: 0, diagram: false, clock: false };
    // Flights inserted since the last frame: writes inside them build them (Yew fills an
    // element after inserting it); a write inside any other flight is a write to one in the air.
    let fresh = new Set();
    const mo = new MutationObserver((ms) => {
      for (const m of ms) {
        if (flights.contains(m.target)) {
          if (m.target.classList?.contains('flights')) {
            const added = [...m.addedNodes].filter((n) => n.classList?.contains('flight'));
            added.forEach((n) => fresh.add(n));
            frame.added += added.length;
          } else {
            const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
            if (!fresh.has(el?.closest('.flight'))) out.flyingWrites += 1;
          }
        } else if (clock.contains(m.target)) {
          frame.clock = true;
        } else if (diagram.contains(m.target)) {
          frame.diagram = true;
        }
      }
    });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    await new Promise((done) => {
      const f = () => {
        // Observers report a frame's writes as microtasks after it: count them at the next.
        out.added += frame.added;
        out.maxAdded = Math.max(out.maxAdded, frame.added);
        out.diagramFrames += frame.diagram ? 1 : 0;
        out.clockFrames += frame.clock ? 1 : 0;
        frame = { added: 0, diagram: false, clock: false };
        fresh = new Set();
        out.frames += 1;
        if (performance.now() - t0 < ms) requestAnimationFrame(f); else done();
      };
      requestAnimationFrame(f);
    });
    mo.disconnect();
    return out;
  }, WINDOW_MS);
}

test('a stream at ×100 on 12 × 120: flights are drawn once and fly untouched, the diagram is not redrawn each frame, the clock is', { timeout: 180000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=100');
  await bigClusterOnClusterTab(page, true);
  await page.waitForTimeout(1500);
  const w = await countWork(page);
  assert.ok(w.frames > 20, JSON.stringify(w));
  assert.ok(w.added >= 1, `messages fly: ${JSON.stringify(w)}`);
  assert.ok(w.maxAdded <= FLIGHTS_PER_FRAME, `a frame started ${w.maxAdded} flights: ${JSON.stringify(w)}`);
  assert.equal(w.flyingWrites, 0, `writes to flights in the air: ${JSON.stringify(w)}`);
  assert.ok(w.clockFrames >= w.frames / 2, `the clock moved in ${w.clockFrames} of ${w.frames} frames`);
  assert.ok(w.diagramFrames <= w.frames / 4, `the diagram was written in ${w.diagramFrames} of ${w.frames} frames`);

  // The browser moves a flight: the same element, elsewhere a few frames later.
  const moved = await page.evaluate(async () => {
    // The newest flight (the last drawn): it has most of its 900 ms ahead.
    const g = [...document.querySelectorAll('[data-testid=flights] .flight:not(.doomed) .mover')].pop();
    if (!g) return null;
    const a = g.getBoundingClientRect();
    await new Promise((r) => setTimeout(r, 100));
    const b = g.getBoundingClientRect();
    return { same: g.isConnected, dx: Math.abs(b.x - a.x) + Math.abs(b.y - a.y) };
  });
  assert.ok(moved && moved.same && moved.dx > 1, `a flight moves on its own: ${JSON.stringify(moved)}`);
  assert.deepEqual(errors, []);
});

test('idle at ×1 on 12 × 120: the diagram is written in few frames, the clock in most', { timeout: 180000 }, async () => {
  const { page, errors } = await openLab(lab.browser, lab.server.url, '?lang=en&speed=1');
  await bigClusterOnClusterTab(page, false);
  await page.waitForTimeout(1500);
  const w = await countWork(page);
  assert.ok(w.frames > 20, JSON.stringify(w));
  assert.ok(w.clockFrames >= w.frames / 2, `the clock moved in ${w.clockFrames} of ${w.frames} frames`);
  assert.ok(w.diagramFrames <= w.frames / 4, `the diagram was written in ${w.diagramFrames} of ${w.frames} frames`);
  assert.equal(w.flyingWrites, 0, JSON.stringify(w));
  assert.deepEqual(errors, []);
});
