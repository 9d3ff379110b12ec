/**
 * The benchmark harness: the contract between `bench/run.ts` and every `bench/*.bench.ts` module,
 * and the helpers that time a function.
 *
 * A bench module exports `async function run(ctx: BenchContext): Promise<BenchRow[]>`. It measures
 * what it wants with {@link measure} / {@link measureAsync}, and returns one row per measured
 * thing. A row names its baseline (another row of the same run) by name; the runner computes
 * `ratio = row.median_us / baseline.median_us` and checks the row's optional target.
 *
 * Timings use `process.hrtime.bigint()` (monotonic, nanoseconds). Functions faster than the
 * timer's own cost (tens of nanoseconds) are run in batches, so each sample spans at least
 * `minSampleNs`; a sample is then the batch's mean per call. Benchmarks are scripts, never tests
 * with timing thresholds (DESIGN.md section 9).
 */

/** What the runner hands each bench module. */
export type BenchContext = {
  /**
   * Multiplier for sample counts (env `BENCH_SCALE`, default 1). Modules pass it to
   * {@link measure} through `samples`; a scale below 1 gives a quick, noisier run.
   */
  scale: number;
  /** Prints a progress line (to stderr, so the table on stdout stays clean). */
  log: (line: string) => void;
};

/** A goal for a row's ratio to its baseline, e.g. "at least 10x faster" is `maxRatio: 0.1`. */
export type BenchTarget = {
  /** The row meets the target when `ratio <= maxRatio`. */
  maxRatio: number;
  /** How the target reads to a human, e.g. ">= 10x faster than Cedar-wasm". */
  label: string;
};

/** One measured thing, as a bench module returns it. */
export type BenchRow = {
  /** Unique across the run, e.g. `policy-engine/iso42001/evaluator (vs z3)`. */
  name: string;
  median_us: number;
  p99_us: number;
  /** Name of the baseline row measured in the same run; `null` when this row is a baseline. */
  baseline: string | null;
  /** Optional goal for `ratio`; the runner prints whether it is met. */
  target?: BenchTarget;
  /** Calls per sample and sample count, shown in the table (not written to latest.json). */
  batch?: number;
  samples?: number;
};

/** Options for {@link measure} and {@link measureAsync}. */
export type MeasureOptions = {
  /** Timed samples to take. Default 2,000. */
  samples?: number;
  /**
   * Minimum warm-up time in milliseconds before timing starts, so the JIT has optimised the
   * code under test. Default 200.
   */
  warmupMs?: number;
  /**
   * Each sample runs enough calls to span at least this many nanoseconds, so the timer's own
   * cost does not dominate sub-microsecond functions. Default 10,000 (10 µs). Set 0 to time
   * every call on its own.
   */
  minSampleNs?: number;
};

/** Result of a measurement: per-call times in microseconds. */
export type Measurement = {
  median_us: number;
  /** 99th percentile of the samples; with `batch > 1` it is the p99 of per-batch means. */
  p99_us: number;
  /** Calls per sample. */
  batch: number;
  samples: number;
};

/**
 * Value of the `q` quantile (0..1) of ascending-sorted `sorted`, interpolating linearly between
 * the two nearest ranks (the "R-7" rule numpy and spreadsheets use by default).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no samples');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside 0..1`);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  return low + (high - low) * (position - lower);
}

/** Median and p99 of samples given in nanoseconds per call, returned in microseconds. */
export function summarize(
  samplesNs: readonly number[],
  batch = 1,
): Measurement & { mean_us: number } {
  const sorted = [...samplesNs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return {
    median_us: quantile(sorted, 0.5) / 1000,
    p99_us: quantile(sorted, 0.99) / 1000,
    mean_us: mean / 1000,
    batch,
    samples: sorted.length,
  };
}

const DEFAULTS = { samples: 2000, warmupMs: 200, minSampleNs: 10_000 } as const;

/** Keeps results reachable so the JIT cannot drop the calls that produce them. */
let sink: unknown;
/** Read by nobody on purpose; exported so the optimiser must keep {@link sink} live. */
export function benchSink(): unknown {
  return sink;
}

/** A calibration run spans at least this long, so its mean is not the timer's noise. */
const CALIBRATION_NS = 1_000_000;
/** Calibration runs to take the fastest of. */
const CALIBRATION_RUNS = 3;

function batchSize(meanNs: number, minSampleNs: number): number {
  return Math.max(1, Math.ceil(minSampleNs / Math.max(meanNs, 1)));
}

function resolve(options: MeasureOptions) {
  return {
    samples: Math.max(1, Math.round(options.samples ?? DEFAULTS.samples)),
    warmupMs: options.warmupMs ?? DEFAULTS.warmupMs,
    minSampleNs: options.minSampleNs ?? DEFAULTS.minSampleNs,
  };
}

/**
 * Times a synchronous function. Warms up for `warmupMs`, sizes the batch from the mean cost of
 * the warm code (a calibration run of at least 1 ms), then takes `samples` timed samples.
 *
 * @example
 * const { median_us, p99_us } = measure(() => evaluator.evaluate(next()), { samples: 5000 });
 */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Measurement {
  const { samples, warmupMs, minSampleNs } = resolve(options);
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  // At least a few hundred calls, so that even a 0 ms warm-up lets the JIT see the function.
  for (let calls = 0; calls < 200 || process.hrtime.bigint() < warmupEnd; calls++) sink = fn();
  const plan = calibration();
  let step = plan.next();
  while (!step.done) step = plan.next(timeCalls(fn, step.value));
  const batch = batchSize(step.value, minSampleNs);
  const times: number[] = new Array(samples);
  for (let s = 0; s < samples; s++) times[s] = timeCalls(fn, batch) / batch;
  return summarize(times, batch);
}

/** Times an async function the same way as {@link measure}, awaiting every call in turn. */
export async function measureAsync(
  fn: () => Promise<unknown>,
  options: MeasureOptions = {},
): Promise<Measurement> {
  const { samples, warmupMs, minSampleNs } = resolve(options);
  const warmupEnd = process.hrtime.bigint() + BigInt(Math.round(warmupMs * 1e6));
  for (let calls = 0; calls < 10 || process.hrtime.bigint() < warmupEnd; calls++) sink = await fn();
  const plan = calibration();
  let step = plan.next();
  while (!step.done) step = plan.next(await timeCallsAsync(fn, step.value));
  const batch = batchSize(step.value, minSampleNs);
  const times: number[] = new Array(samples);
  for (let s = 0; s < samples; s++) times[s] = (await timeCallsAsync(fn, batch)) / batch;
  return summarize(times, batch);
}

/**
 * How {@link measure} and {@link measureAsync} size the batch from warm code: yields how many
 * calls to time next, is handed back their elapsed nanoseconds, and returns the mean cost of a
 * call. It doubles a run until it spans a millisecond, then keeps the fastest of a few such
 * runs (a run the OS preempted would make the batch too small).
 */
function* calibration(): Generator<number, number, number> {
  let run = 1;
  let meanNs = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < CALIBRATION_RUNS; ) {
    const elapsed = yield run;
    if (elapsed < CALIBRATION_NS && run < 1 << 20) run *= 2;
    else {
      meanNs = Math.min(meanNs, elapsed / run);
      attempt++;
    }
  }
  return meanNs;
}

/** Nanoseconds that `calls` back-to-back calls of `fn` take. */
function timeCalls(fn: () => unknown, calls: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink = fn();
  return Number(process.hrtime.bigint() - start);
}

/** Nanoseconds that `calls` awaited calls of `fn`, one after the other, take. */
async function timeCallsAsync(fn: () => Promise<unknown>, calls: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink = await fn();
  return Number(process.hrtime.bigint() - start);
}

/** Returns a function that yields the items of `items` in turn, forever. */
export function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new RangeError('cycle over no items');
  let index = 0;
  return () => {
    const item = items[index]!;
    index = index + 1 === items.length ? 0 : index + 1;
    return item;
  };
}

/** One variant of {@link measureInterleaved}: a row's name and baseline, and the call to time. */
export type BenchVariant = {
  name: string;
  baseline: string | null;
  call: () => Promise<unknown>;
};

/** Options for {@link measureInterleaved}. */
export type InterleavedOptions = {
  /** Timed samples per variant (a bench sizes it from `ctx.scale`). Default 200. */
  samples?: number;
  /** Untimed rounds (one call of each variant) before timing starts. Default 30. */
  warmupRounds?: number;
};

/**
 * Times slow async variants interleaved: each sample runs one call of every variant, in an
 * order that rotates from sample to sample, so load on a shared machine hits them alike and
 * their ratios stay comparable. One call per sample (no batching); one row per variant.
 */
export async function measureInterleaved(
  variants: readonly BenchVariant[],
  { samples = 200, warmupRounds = 30 }: InterleavedOptions = {},
): Promise<BenchRow[]> {
  for (let i = 0; i < warmupRounds; i++) for (const variant of variants) await variant.call();
  const times = variants.map(() => new Array<number>(samples));
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (s + k) % variants.length;
      const start = process.hrtime.bigint();
      await variants[index]!.call();
      times[index]![s] = Number(process.hrtime.bigint() - start);
    }
  }
  return variants.map((variant, index) => {
    const { median_us, p99_us, batch } = summarize(times[index]!, 1);
    return { name: variant.name, median_us, p99_us, baseline: variant.baseline, batch, samples };
  });
}
