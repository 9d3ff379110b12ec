import { resolve } from 'node:path';
import { PreflightError } from '@preflight/core';
import { DEFAULT_EVIDENCE_DIR } from '@preflight/core/node';

/** The evidence directory: --dir, else PREFLIGHT_EVIDENCE_DIR, else .preflight/evidence. */
export function resolveEvidenceDir(
  dir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): string {
  return resolve(cwd, dir ?? env.PREFLIGHT_EVIDENCE_DIR ?? DEFAULT_EVIDENCE_DIR);
}

/** Parses a --since/--until value (ISO 8601 or anything Date understands) to an ISO string. */
export function parseTimeOption(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  if (!Number.isFinite(time)) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `--${name} "${value}" is not a date or time (use ISO 8601, e.g. 2026-01-31 or 2026-01-31T12:00:00Z).`,
    });
  }
  return new Date(time).toISOString();
}

/**
 * A progress bar on standard error, drawn only when it is a terminal and the work is large; it
 * never writes to stdout, so `--json` output and pipes stay clean.
 */
export function createProgressBar(
  label: string,
  minimum = 5_000,
): (done: number, total: number) => void {
  const stream = process.stderr;
  let last = -1;
  return (done, total) => {
    if (!stream.isTTY || total < minimum) return;
    const percent = Math.floor((done / total) * 100);
    if (percent === last) return;
    last = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% (${done}/${total})`,
    );
    if (done >= total) stream.write('\n');
  };
}
