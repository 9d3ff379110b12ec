import type { BenchRow } from './harness';

/** A row of `bench/results/latest.json`: exactly these fields, in this order. */
export type ResultRow = {
  name: string;
  median_us: number;
  p99_us: number;
  baseline: string | null;
  /** `median_us / baseline.median_us`; `null` for baselines or when the baseline is missing. */
  ratio: number | null;
};

/** A row with its ratio and target verdict, for the printed table. */
export type ReportRow = ResultRow & {
  target: BenchRow['target'];
  /** `true`/`false` when the row has a target and a ratio, else `null`. */
  met: boolean | null;
  batch: number | undefined;
  samples: number | undefined;
};

/** Computes each row's ratio to the baseline row of the same run and checks its target. */
export function buildReport(rows: readonly BenchRow[]): ReportRow[] {
  const byName = new Map(rows.map((row) => [row.name, row]));
  return rows.map((row) => {
    const base = row.baseline === null ? undefined : byName.get(row.baseline);
    const ratio = base && base.median_us > 0 ? row.median_us / base.median_us : null;
    const met = row.target && ratio !== null ? ratio <= row.target.maxRatio : null;
    return {
      name: row.name,
      median_us: row.median_us,
      p99_us: row.p99_us,
      baseline: row.baseline,
      ratio,
      target: row.target,
      met,
      batch: row.batch,
      samples: row.samples,
    };
  });
}

/** The JSON rows, rounded to a sensible precision (nanoseconds; 6 significant digits for ratios). */
export function toResultRows(report: readonly ReportRow[]): ResultRow[] {
  return report.map(({ name, median_us, p99_us, baseline, ratio }) => ({
    name,
    median_us: round(median_us, 3),
    p99_us: round(p99_us, 3),
    baseline,
    ratio: ratio === null ? null : Number(ratio.toPrecision(6)),
  }));
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Microseconds with enough digits to read both 0.08 µs and 4,200 µs. */
export function formatUs(us: number): string {
  if (us >= 100) return us.toFixed(0);
  if (us >= 1) return us.toFixed(2);
  return us.toFixed(3);
}

/** A ratio as "1/N" when below 1 (how much faster), else "Nx". */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return '-';
  if (ratio < 1) return `1/${formatCount(1 / ratio)}`;
  return `${formatCount(ratio)}x`;
}

function formatCount(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

function verdict(row: ReportRow): string {
  if (!row.target) return '';
  const state = row.met === null ? 'no baseline' : row.met ? 'met' : 'NOT met';
  return `${row.target.label}: ${state}`;
}

/** A plain-text table, one line per row, columns padded to fit. */
export function formatTable(report: readonly ReportRow[]): string {
  const header = ['name', 'median µs', 'p99 µs', 'batch×samples', 'baseline', 'ratio', 'target'];
  const lines = report.map((row) => [
    row.name,
    formatUs(row.median_us),
    formatUs(row.p99_us),
    row.batch === undefined ? '' : `${row.batch}×${row.samples ?? '?'}`,
    row.baseline ?? '(baseline)',
    formatRatio(row.ratio),
    verdict(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const numeric = new Set([1, 2, 3, 5]);
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join(
    '\n',
  );
}

/** The same table as Markdown, for `bench/results/latest.md`. */
export function formatMarkdown(report: readonly ReportRow[], meta: string): string {
  const lines = [
    '# Benchmark results',
    '',
    meta,
    '',
    '| name | median µs | p99 µs | batch×samples | baseline | ratio | target |',
    '| --- | ---: | ---: | ---: | --- | ---: | --- |',
    ...report.map(
      (row) =>
        `| ${row.name} | ${formatUs(row.median_us)} | ${formatUs(row.p99_us)} | ${
          row.batch === undefined ? '' : `${row.batch}×${row.samples ?? '?'}`
        } | ${row.baseline ?? '(baseline)'} | ${formatRatio(row.ratio)} | ${verdict(row)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
