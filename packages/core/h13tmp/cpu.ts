/** Measures CPU time (user+system) per call, min over rounds: robust to a loaded machine. */
export async function cpuBench(variants: Record<string, () => unknown>, { n = 2000, rounds = 15 } = {}) {
  const names = Object.keys(variants);
  const res: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const k of names) await variants[k]!();
  for (let round = 0; round < rounds; round++) for (const k of names) {
    const fn = variants[k]!;
    const s = process.cpuUsage();
    for (let i = 0; i < n; i++) await fn();
    const d = process.cpuUsage(s);
    res[k]!.push(((d.user + d.system) * 1000) / n);
  }
  for (const k of names) { const r = res[k]!.sort((a, b) => a - b); console.log(k.padEnd(44), 'min', r[0]!.toFixed(0).padStart(6), 'med', r[Math.floor(r.length / 2)]!.toFixed(0).padStart(6), 'ns cpu'); }
}
