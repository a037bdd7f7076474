// Precompresses a built site for static hosts: next to every file, FILE.gz (gzip -9) and
// FILE.br (brotli, quality 11), which servers such as nginx (gzip_static / brotli_static),
// Caddy (precompressed) or Netlify serve as they are. Prints each file's sizes and the totals,
// and refuses a site that loads anything from another origin.
//   node scripts/precompress.mjs dist
import { readdirSync, readFileSync, writeFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
for (const f of files.filter((f) => /\.(gz|br)$/.test(f))) unlinkSync(join(dir, f));

// The page must never fetch from another origin: every src/href in index.html and every
// url(...) in the styles is relative.
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const external = [...html.matchAll(/(?:src|href)\s*=\s*["']([^"']+)["']/g)]
  .map((m) => m[1])
  .concat(
    files
      .filter((f) => f.endsWith('.css'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1])),
  )
  .filter((u) => /^(https?:)?\/\//i.test(u));
if (external.length) {
  console.error(`precompress: the site loads from another origin: ${external.join(', ')}`);
  process.exit(1);
}

const rows = [];
let raw = 0, gz = 0, br = 0;
for (const f of files.filter((f) => !/\.(gz|br)$/.test(f)).sort()) {
  const bytes = readFileSync(join(dir, f));
  const g = gzipSync(bytes, { level: 9 });
  const b = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: /\.(wasm|svg)$/.test(f) ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(join(dir, `${f}.gz`), g);
  writeFileSync(join(dir, `${f}.br`), b);
  rows.push([f, bytes.length, g.length, b.length]);
  raw += bytes.length; gz += g.length; br += b.length;
}
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(44)} ${pad('bytes', 10)} ${pad('gzip -9', 10)} ${pad('brotli 11', 10)}`);
for (const [f, a, g, b] of rows) console.log(`${f.padEnd(44)} ${pad(a, 10)} ${pad(g, 10)} ${pad(b, 10)}`);
console.log(`${'total'.padEnd(44)} ${pad(raw, 10)} ${pad(gz, 10)} ${pad(br, 10)}`);
