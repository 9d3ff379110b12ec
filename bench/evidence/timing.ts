/** Timing helpers of the evidence benchmark. */
import { closeSync, fdatasync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Measurement, measureAsync, summarize } from '../harness';

const datasync = promisify(fdatasync);

/**
 * One receipt-sized line written and fdatasync'ed on its own (async, as the store does): the
 * least any durable append can cost a decision when it is the only one in flight.
 */
export async function durableLineFloor(dir: string, samples: number): Promise<Measurement> {
  const line = `${'x'.repeat(2500)}\n`;
  const fd = openSync(join(dir, 'raw.jsonl'), 'a');
  try {
    return await measureAsync(
      async () => {
        writeSync(fd, line);
        await datasync(fd);
      },
      { samples, minSampleNs: 0, warmupMs: 100 },
    );
  } finally {
    closeSync(fd);
  }
}

/**
 * One receipt-sized line written without a sync: the least a `group` mode append can cost a
 * decision (it waits for the write, not the disk).
 */
export async function lineWriteFloor(dir: string, samples: number): Promise<Measurement> {
  const line = `${'x'.repeat(2500)}\n`;
  const fd = openSync(join(dir, 'raw-nosync.jsonl'), 'a');
  try {
    return await measureAsync(
      async () => {
        writeSync(fd, line);
      },
      { samples, minSampleNs: 0, warmupMs: 100 },
    );
  } finally {
    closeSync(fd);
  }
}

/**
 * Amortised cost per decision with `inFlight` decisions recorded concurrently: each sample is
 * one round's wall time divided by `inFlight` (every decision of a round waits about the whole
 * round). Five warm-up rounds are not counted.
 */
export async function perDecision(
  record: () => Promise<unknown>,
  inFlight: number,
  rounds: number,
): Promise<Measurement> {
  const timings: number[] = [];
  for (let round = 0; round < rounds + 5; round++) {
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: inFlight }, record));
    if (round >= 5) timings.push(Number(process.hrtime.bigint() - started) / inFlight);
  }
  return summarize(timings);
}
