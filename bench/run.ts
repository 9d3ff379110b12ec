/**
 * `pnpm bench [filter]`: runs every `bench/*.bench.ts` module (or those whose file name contains
 * `filter`), prints a table and writes `bench/results/latest.json` (and `latest.md`).
 * See bench/README.md for the module convention.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, BenchRow } from './harness';
import { buildReport, formatMarkdown, formatTable, toResultRows } from './report';

type BenchModule = { run: (ctx: BenchContext) => Promise<BenchRow[]> };

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.join(benchDir, 'results');

function parseScale(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) {
    console.error(`BENCH_SCALE must be a positive number, got "${raw}"`);
    process.exit(2);
  }
  return scale;
}

async function main(): Promise<number> {
  const filter = process.argv
    .slice(2)
    .find((arg) => arg !== '--')
    ?.toLowerCase();
  const scale = parseScale(process.env['BENCH_SCALE']);
  const files = (await readdir(benchDir)).filter((file) => file.endsWith('.bench.ts')).sort();
  const selected = filter ? files.filter((file) => file.toLowerCase().includes(filter)) : files;
  if (selected.length === 0) {
    console.error(
      `no bench module matches "${filter ?? ''}"; modules: ${files.join(', ') || '(none)'}`,
    );
    return 2;
  }

  const ctx: BenchContext = { scale, log: (line) => console.error(line) };
  const rows: BenchRow[] = [];
  let failed = 0;
  const started = performance.now();
  for (const file of selected) {
    const moduleStart = performance.now();
    ctx.log(`▶ ${file}`);
    try {
      const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as BenchModule;
      if (typeof mod.run !== 'function') throw new Error('does not export run(ctx)');
      rows.push(...(await mod.run(ctx)));
      ctx.log(`  done in ${((performance.now() - moduleStart) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed++;
      console.error(`✖ ${file} failed:`, error);
    }
  }

  const duplicates = rows.map((row) => row.name).filter((name, i, all) => all.indexOf(name) !== i);
  if (duplicates.length > 0) console.error(`duplicate row names: ${duplicates.join(', ')}`);

  const report = buildReport(rows);
  const meta = [
    `${new Date().toISOString()} · node ${process.version} · ${os.cpus()[0]?.model ?? 'cpu?'}`,
    `× ${os.cpus().length} · ${selected.join(', ')}`,
    `· BENCH_SCALE=${scale} · ${((performance.now() - started) / 1000).toFixed(1)} s`,
  ].join(' ');
  console.log(formatTable(report));
  console.log(`\n${meta}`);

  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    path.join(resultsDir, 'latest.json'),
    `${JSON.stringify(toResultRows(report), null, 2)}\n`,
  );
  await writeFile(path.join(resultsDir, 'latest.md'), formatMarkdown(report, meta));
  console.log(`wrote ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))}`);
  return failed > 0 ? 1 : 0;
}

// Exit explicitly: a baseline library (z3-solver's worker threads) may keep the event loop alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
