// End-to-end: `make dist`'s precompressed site as a static host serves it (the `.br` or `.gz`
// file beside each asset, by the browser's Accept-Encoding), in headless Chromium. The lab
// loads and runs from the compressed files, on every tab, and asks nothing of another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST, ROOT, launch, typeLine } from './harness.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
let site, server, url, browser;
const served = []; // [path, content-encoding]

before(async () => {
  // A copy of dist/, precompressed by the script `make dist` runs.
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'klab-dist-'));
  for (const f of fs.readdirSync(DIST)) {
    if (!/\.(gz|br)$/.test(f) && fs.statSync(path.join(DIST, f)).isFile()) fs.copyFileSync(path.join(DIST, f), path.join(site, f));
  }
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/precompress.mjs'), site], { stdio: 'pipe' });
  // Like nginx's gzip_static / brotli_static: the precompressed file when the client takes it.
  server = http.createServer((req, res) => {
    const p = new URL(req.url, 'http://127.0.0.1').pathname;
    const file = path.join(site, p === '/' ? 'index.html' : path.basename(decodeURIComponent(p)));
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    const accept = String(req.headers['accept-encoding'] ?? '');
    const enc = /\bbr\b/.test(accept) && fs.existsSync(`${file}.br`) ? 'br' : /\bgzip\b/.test(accept) && fs.existsSync(`${file}.gz`) ? 'gzip' : null;
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', vary: 'Accept-Encoding' };
    if (enc) headers['content-encoding'] = enc;
    served.push([path.basename(file), enc]);
    res.writeHead(200, headers);
    res.end(fs.readFileSync(enc ? `${file}.${enc === 'br' ? 'br' : 'gz'}` : file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${server.address().port}/`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok) ?? ok());
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

test('every .gz and .br beside a dist file decodes to that file, and is smaller', () => {
  const files = fs.readdirSync(site).filter((f) => !/\.(gz|br)$/.test(f));
  assert.ok(files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.endsWith('.js')));
  for (const f of files) {
    const raw = fs.readFileSync(path.join(site, f));
    const gz = fs.readFileSync(path.join(site, `${f}.gz`));
    const br = fs.readFileSync(path.join(site, `${f}.br`));
    assert.ok(gunzipSync(gz).equals(raw), `${f}.gz`);
    assert.ok(brotliDecompressSync(br).equals(raw), `${f}.br`);
    if (raw.length > 4096) assert.ok(br.length < gz.length && gz.length < raw.length, `${f}: br < gz < raw`);
  }
});

test('the lab runs from the brotli files on every tab and requests nothing from another origin', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('[data-broker]');
  // Chromium asked for br and got the .br wasm and js.
  const wasm = served.find(([f]) => f.endsWith('.wasm'));
  assert.deepEqual(wasm?.[1], 'br', `the wasm was served ${wasm?.[1]}`);
  assert.equal(served.find(([f]) => f.endsWith('.js'))?.[1], 'br');
  // The simulation answers a command typed in the console.
  await typeLine(page, 'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic bundled --partitions 2 --replication-factor 2');
  await page.waitForFunction(() => document.body.textContent.includes('Created topic bundled.'));
  for (const tab of ['replication', 'storage', 'producer', 'consumers', 'cluster']) {
    await page.click(`[data-tab="${tab}"]`);
    await page.waitForSelector(`[data-tab="${tab}"][aria-selected="true"]`);
    await page.waitForTimeout(300);
  }
  const outside = requests.filter((u) => !u.startsWith(url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, [], `requests outside 127.0.0.1: ${outside}`);
  assert.deepEqual(errors, []);
  await page.close();
});
