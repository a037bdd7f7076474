// Runs a wasm32-wasip1 program in headless Chromium — the engine the lab's users have — and
// relays its output, as scripts/bench-wasi.mjs does under Node: the same .wasm file, given the
// few WASI preview1 calls a Rust program makes (arguments, stdout, clocks, random, exit) by a
// small shim in the page. The page is cross-origin isolated (COOP + COEP), so
// `performance.now()` has Chromium's fine resolution (5 µs) rather than 100 µs.
//   node scripts/bench-browser.mjs [--runs N] PROGRAM.wasm [ARGS...]
// With --runs N the program runs N times, each in a fresh instance; the outputs follow one
// another, each ended by a line `--- run K`.
import http from 'node:http';
import fs from 'node:fs';
import { launch } from '../tests/e2e/harness.mjs';

let argv = process.argv.slice(2);
let runs = 1;
if (argv[0] === '--runs') { runs = Number(argv[1]); argv = argv.slice(2); }
const [file, ...args] = argv;
const wasm = fs.readFileSync(file);

const PAGE = `<!doctype html><meta charset="utf-8"><title>wasi bench</title><script>
class Exit { constructor(code) { this.code = code; } }
async function runWasi(args) {
  const module = await WebAssembly.compile(await (await fetch('/program.wasm')).arrayBuffer());
  let memory, out = '';
  const enc = new TextEncoder(), dec = new TextDecoder();
  const dv = () => new DataView(memory.buffer);
  const bytes = args.map((a) => enc.encode(a + '\\0'));
  const impl = {
    args_sizes_get(argc, size) { dv().setUint32(argc, bytes.length, true); dv().setUint32(size, bytes.reduce((n, b) => n + b.length, 0), true); return 0; },
    args_get(argvp, buf) {
      bytes.forEach((b, i) => { dv().setUint32(argvp + 4 * i, buf, true); new Uint8Array(memory.buffer, buf, b.length).set(b); buf += b.length; });
      return 0;
    },
    environ_sizes_get(count, size) { dv().setUint32(count, 0, true); dv().setUint32(size, 0, true); return 0; },
    environ_get() { return 0; },
    fd_write(fd, iovs, n, written) {
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ptr = dv().getUint32(iovs + 8 * i, true), len = dv().getUint32(iovs + 8 * i + 4, true);
        if (fd === 1 || fd === 2) out += dec.decode(new Uint8Array(memory.buffer, ptr, len), { stream: true });
        total += len;
      }
      dv().setUint32(written, total, true);
      return 0;
    },
    clock_time_get(id, _precision, time) {
      const ms = id === 0 ? performance.timeOrigin + performance.now() : performance.now();
      dv().setBigUint64(time, BigInt(Math.round(ms * 1e6)), true);
      return 0;
    },
    clock_res_get(_id, res) { dv().setBigUint64(res, 1000n, true); return 0; },
    random_get(buf, len) { crypto.getRandomValues(new Uint8Array(memory.buffer, buf, len)); return 0; },
    proc_exit(code) { throw new Exit(code); },
    sched_yield() { return 0; },
  };
  const wasi = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === 'wasi_snapshot_preview1') wasi[imp.name] = impl[imp.name] ?? (() => 52); // ENOSYS
  }
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi });
  memory = instance.exports.memory;
  let code = 0;
  try { instance.exports._start(); } catch (e) { if (e instanceof Exit) code = e.code; else throw e; }
  return { out: out + dec.decode(), code };
}
</script>`;

const server = http.createServer((req, res) => {
  const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  if (req.url === '/program.wasm') res.writeHead(200, { ...headers, 'content-type': 'application/wasm' }).end(wasm);
  else res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await launch();
let failed = 0;
try {
  for (let k = 1; k <= runs; k++) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    if (!(await page.evaluate(() => self.crossOriginIsolated))) throw new Error('the bench page is not cross-origin isolated');
    const { out, code } = await page.evaluate((a) => runWasi(a), [file, ...args]);
    process.stdout.write(out);
    if (runs > 1) process.stdout.write(`--- run ${k}\n`);
    if (code) { failed = code; break; }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed);
