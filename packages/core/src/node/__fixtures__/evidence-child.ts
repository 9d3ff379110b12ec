/**
 * A real writer process for the crash and concurrency tests (spawned with `node --import tsx`).
 * Usage: evidence-child.ts <mode> <dir> [count] [prefix]
 *   append  <dir> <count> <prefix> <durability> [go-file]  append decisions, print "ack <seq> <id>"
 *           after each resolves; with go-file, print "ready" and wait for <dir>/<go-file> first
 *   torn    <dir>                                 append 5 decisions, then half an entry, then hang
 *   hold-lock <dir>                               take the directory's lock and hang
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeDecision, samplePolicy } from '../../evidence/__fixtures__/decisions';
import { createEvidenceRecorder } from '../create-evidence-recorder';
import { acquireEvidenceLock } from '../evidence-file-lock';

const [mode, dir, countText = '0', prefix = 'p', durability = 'fsync'] = process.argv.slice(2);
if (!dir) throw new Error('usage: evidence-child.ts <mode> <dir> ...');
const hang = () => setInterval(() => {}, 1_000);

if (mode === 'hold-lock') {
  await acquireEvidenceLock(join(dir, '.lock'));
  process.stdout.write('locked\n');
  hang();
} else {
  const recorder = createEvidenceRecorder({ dir, durability: durability as 'group' | 'fsync' });
  // Start barrier: with a `go` file name given, wait until the parent creates it, so that two
  // writers really run at the same time instead of one finishing while the other starts up.
  const barrier = process.argv[7];
  if (barrier) {
    process.stdout.write('ready\n');
    while (!existsSync(join(dir, barrier))) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const count = mode === 'torn' ? 5 : Number(countText);
  // Several decisions in flight at once, as with parallel tool calls.
  const inFlight = new Set<Promise<void>>();
  for (let index = 0; index < count; index++) {
    const decision = makeDecision(index, { id: `${prefix}-${index}` });
    const pending = recorder.recordDecision(decision, { policy: samplePolicy }).then((ref) => {
      process.stdout.write(`ack ${ref.seq} ${ref.id}\n`);
    });
    inFlight.add(pending);
    pending.finally(() => inFlight.delete(pending));
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (mode === 'torn') {
    await recorder.checkpoint();
    // What a crash in the middle of writing an entry leaves: the first half of a line.
    appendFileSync(
      join(dir, 'log.jsonl'),
      '{"protected":"eyJhbGciOiJFZERTQSIs","payload":"eyJ2ZXJzaW9u',
    );
    process.stdout.write('torn\n');
    hang();
  } else {
    await recorder.close();
    process.stdout.write('done\n');
  }
}
