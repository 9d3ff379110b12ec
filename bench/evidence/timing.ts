/** Timing helpers of the evidence benchmark. */
import { closeSync, fdatasync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Measurement, measureAsync, summarize } from '../harness';

const datasync = promisify(fdatasync);

/**
 * One receipt-sized line appended on its own, with `sync` also fdatasync'ed (async, as the store
 * does): the least an append can cost a decision when it is the only one in flight, in `fsync`
 * mode (it waits for the disk) or, without `sync`, in `group` mode (it waits for the write).
 */
export async function appendLineFloor(
  dir: string,
  samples: number,
  { sync }: { sync: boolean },
): Promise<Measurement> {
  const line = `${'x'.repeat(2500)}\n`;
  const fd = openSync(join(dir, sync ? 'raw.jsonl' : 'raw-nosync.jsonl'), 'a');
  try {
    return await measureAsync(
      async () => {
        writeSync(fd, line);
        if (sync) await datasync(fd);
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
