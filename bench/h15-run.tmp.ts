// H15 scratch runner: runs one bench module without touching bench/results.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
const file = process.argv[2] ?? 'evidence.bench.ts';
const mod = await import(pathToFileURL(path.resolve('bench', file)).href);
const rows = await mod.run({ scale: Number(process.env.BENCH_SCALE ?? 1), log: (l: string) => console.error(l) });
for (const r of rows) console.log(`${r.name.padEnd(80)} median ${r.median_us.toFixed(1).padStart(9)} µs  p99 ${r.p99_us.toFixed(1).padStart(9)} µs`);
process.exit(0);
