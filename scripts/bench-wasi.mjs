// Runs a wasm32-wasip1 program under Node's built-in WASI and relays its output.
// node --no-warnings scripts/bench-wasi.mjs PROGRAM.wasm [ARGS...]
import { WASI } from 'node:wasi';
import fs from 'node:fs';

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(fs.readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const code = wasi.start(instance);
// Exit at once: Node 20's experimental WASI can crash while tearing a large instance down.
process.exit(code ?? 0);
