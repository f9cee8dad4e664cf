// Prints the gzip size of the JavaScript the first page loads (index.html's module scripts and their static
// imports, not the chunks loaded later) and fails the build above the budget (issue: 350 KB gzip).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 350 * 1024;
const out = process.env.XHHT_WEB_OUT ?? 'dist';
const html = readFileSync(join(out, 'index.html'), 'utf8');
const entry = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]);
const files = [...new Set([...entry, ...preloads])];
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(out, file))).length;
  total += size;
  console.log(`initial ${file}: ${(size / 1024).toFixed(1)} KB gzip`);
}
const all = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
console.log(`initial route: ${(total / 1024).toFixed(1)} KB gzip in ${files.length} file(s); ${all.length} chunks in all`);
if (files.length === 0 || total > BUDGET) {
  console.error(`initial route JavaScript ${(total / 1024).toFixed(1)} KB gzip exceeds ${BUDGET / 1024} KB (or none found)`);
  process.exit(1);
}
