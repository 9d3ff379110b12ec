/**
 * Runs one bench module in this process and writes its rows as JSON to stdout (progress goes to
 * stderr). `bench/run.ts` starts one of these per module, so that no module measures in a heap,
 * thread pool or connection pool another module left behind.
 *
 * Usage: run-module.ts <file>.bench.ts <scale>
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, BenchRow } from './harness';

type BenchModule = { run: (ctx: BenchContext) => Promise<BenchRow[]> };

const benchDir = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const [file, scaleText] = process.argv.slice(2);
  if (!file) throw new Error('usage: run-module.ts <file>.bench.ts <scale>');
  const ctx: BenchContext = { scale: Number(scaleText ?? '1'), log: (line) => console.error(line) };
  const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as BenchModule;
  if (typeof mod.run !== 'function') throw new Error('does not export run(ctx)');
  const rows = await mod.run(ctx);
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(JSON.stringify(rows), (error) => (error ? reject(error) : resolve())),
  );
}

// Exit explicitly: a baseline library (z3-solver's worker threads) may keep the event loop alive.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
