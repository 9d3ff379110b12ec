/**
 * `pnpm bench [filter]`: runs every `bench/*.bench.ts` module (or those whose file name contains
 * `filter`), each in a fresh Node process (`bench/run-module.ts`), prints a table and writes
 * `bench/results/latest.json` (and `latest.md`). See bench/README.md for the module convention.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './harness';
import { buildReport, formatMarkdown, formatTable, toResultRows } from './report';

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

  const rows: BenchRow[] = [];
  let failed = 0;
  const started = performance.now();
  for (const file of selected) {
    const moduleStart = performance.now();
    console.error(`▶ ${file}`);
    try {
      rows.push(...(await runModule(file, scale)));
      console.error(`  done in ${((performance.now() - moduleStart) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed++;
      console.error(`✖ ${file} failed:`, error instanceof Error ? error.message : error);
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

/**
 * One module in a fresh process (same Node flags, so tsx too): a module's measurements must not
 * depend on the heap, worker threads or sockets of the modules before it (the ICME client's
 * overhead measured 5-7 us alone and 12 us after the evidence and guard modules in one process).
 */
function runModule(file: string, scale: number): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, path.join(benchDir, 'run-module.ts'), file, String(scale)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`exited with code ${code}`));
        return;
      }
      try {
        resolve(JSON.parse(output) as BenchRow[]);
      } catch (error) {
        reject(new Error(`printed no rows: ${String(error)}`));
      }
    });
  });
}

// Exit explicitly: a baseline library (z3-solver's worker threads) may keep the event loop alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
