// Shared by the end-to-end tests and scripts: serve dist/ on 127.0.0.1 and drive Debian's
// (or the system's) Chromium with playwright-core. Nothing here downloads a browser.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const DIST = process.env.KLAB_DIST ?? path.join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** Serves `dist/` on 127.0.0.1 at a free port. Returns { url, close }. */
export async function serveDist() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error('dist/index.html is missing: run `make build` (trunk build --release) first');
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** The system's Chromium (CHROME overrides). */
export function chromePath() {
  const candidates = [process.env.CHROME, '/usr/bin/chromium', '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) throw new Error('No Chromium found: run scripts/setup.sh or set CHROME');
  return found;
}

/** Headless Chromium kept off the network (it is closed here anyway). */
export async function launch() {
  return chromium.launch({
    executablePath: chromePath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Opens the lab in a new 1280×800 page; records every request URL and page error. */
export async function openLab(browser, base, query = '') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base + query);
  await page.waitForSelector('[data-broker]');
  return { page, requests, errors };
}

export const SCREENSHOTS = path.join(here, 'screenshots');

/**
 * One served `dist/` and one Chromium for a test file: registers `before`/`after` hooks and
 * returns the object they fill in (`lab.server.url`, `lab.browser`). `shots`: a folder to
 * create first (screenshots), or null.
 */
export function suite({ shots = SCREENSHOTS } = {}) {
  const lab = {};
  before(async () => {
    if (shots) fs.mkdirSync(shots, { recursive: true });
    lab.server = await serveDist();
    lab.browser = await launch();
  });
  after(async () => {
    await lab.browser?.close();
    await lab.server?.close();
  });
  return lab;
}

/** Types `line` into the page's console and presses Enter. */
export async function typeLine(page, line) {
  await page.fill('[data-testid=console-input]', line);
  await page.press('[data-testid=console-input]', 'Enter');
}

/** A big cluster, 12 brokers and topic `load` of 120 partitions (RF 3); with `stream`, a producer
 * stream into it started from the replication tab (which stays open). */
export async function bigCluster(page, { stream = false } = {}) {
  await typeLine(page, 'brokers 12');
  await page.waitForSelector('[data-broker="12"]');
  await typeLine(page, 'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic load --partitions 120 --replication-factor 3');
  await page.waitForFunction(() => /Created topic load/.test(document.querySelector('[data-testid=console-out]').textContent),
    null, { timeout: 60000 });
  if (stream) {
    await page.click('[data-tab=replication]');
    await page.selectOption('[data-testid=producer-topic]', 'load');
    await page.click('[data-testid=stream]');
  }
}
