import { run } from './icme.bench';
const scale = Number(process.env.BENCH_SCALE ?? 1);
const rows = await run({ scale, log: (l) => console.error(l) });
const base = new Map(rows.map((r) => [r.name, r]));
for (const r of rows) {
  const b = r.baseline ? base.get(r.baseline) : undefined;
  console.log(`${r.name.padEnd(56)} ${r.median_us.toFixed(1).padStart(9)} p99 ${r.p99_us.toFixed(0).padStart(7)} ${b ? (r.median_us / b.median_us).toFixed(3) : ''}`);
}
process.exit(0);
