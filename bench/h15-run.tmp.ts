// H15 scratch runner: runs one bench module (path) without touching bench/results.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const file = process.argv[2] ?? 'bench/evidence.bench.ts';
const mod = await import(pathToFileURL(path.resolve(file)).href);
const rows = await mod.run({ scale: Number(process.env.BENCH_SCALE ?? 1), log: (l: string) => console.error(l) });
for (const r of rows) console.log(`${r.name.padEnd(96)} median ${r.median_us.toFixed(1).padStart(9)} µs  p99 ${r.p99_us.toFixed(1).padStart(9)} µs`);
process.exit(0);
