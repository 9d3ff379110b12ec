import { closeSync, fdatasync, mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PreflightError } from '../errors';
import type { EvidenceStore, QuarantinedTail, StoreUpdate } from '../evidence/evidence-store';
import { catchUpFile } from './catch-up-file';
import { createEvidenceLock, type EvidenceLockOptions } from './evidence-file-lock';
import { evidenceFiles } from './evidence-files';
import { createEvidenceLockLease } from './evidence-lock-lease';
import { someoneWaits } from './evidence-lock-want';
import { openTrackedFile, type TrackedFile, truncateBack, writeLines } from './tracked-file';

export { evidenceFiles } from './evidence-files';

const datasync = promisify(fdatasync);

export interface FileEvidenceStoreOptions extends EvidenceLockOptions {
  /** The evidence directory (created if missing, owner-only). */
  dir: string;
}

/**
 * The default evidence store: JSON-lines files in one directory. Every append takes the
 * directory's lock (`createEvidenceLock`: a hard link that only one holder can create), catches up with lines other processes appended, moves a
 * torn tail (a writer killed mid-append) to `quarantine/`, writes the new lines with one write
 * per file and, unless the append asks not to, `fdatasync`s before the lock is released. Lines
 * written without a sync are in the kernel (a killed process keeps them) until `sync()`, a synced
 * append or `close()` makes them durable.
 */
export function createFileEvidenceStore({
  dir,
  ...lockOptions
}: FileEvidenceStoreOptions): EvidenceStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const log = openTrackedFile(dir, evidenceFiles.log);
  const checkpoints = openTrackedFile(dir, evidenceFiles.checkpoints);
  const lockPath = join(dir, evidenceFiles.lock);
  const lock = createEvidenceLock(lockPath, lockOptions);
  const staleMs = lockOptions.staleMs ?? 30_000;
  const lease = createEvidenceLockLease(lock, { contended: () => someoneWaits(lockPath, staleMs) });
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  /** Set by a failed fdatasync: from then on every append and sync rejects with it. */
  let failure: PreflightError | undefined;
  /** Quarantined tails not yet recorded by a successful append. */
  const quarantined: QuarantinedTail[] = [];

  /**
   * fdatasync of one file if it has unsynced bytes. A sync already in flight may have started
   * before the caller's bytes were written, so it is waited for first. A failure is sticky: after
   * a failed fdatasync the kernel may have dropped the pages, nothing written since the last good
   * sync can be called durable, and a retry could wrongly report success.
   */
  const syncFile = async (file: TrackedFile) => {
    while (file.syncing) await file.syncing;
    if (failure) throw failure;
    if (!file.dirty) return;
    // Cleared first: bytes written while the sync runs may miss it and must mark the file again.
    file.dirty = false;
    const run = datasync(file.fd).catch((cause: unknown) => {
      failure ??= new PreflightError({
        code: 'EVIDENCE_SYNC_FAILED',
        message: `Cannot make ${file.name} durable (fdatasync failed: ${String(cause)}); entries written since the last sync may be lost, and this store accepts no more appends.`,
        cause,
      });
      throw failure;
    });
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    file.syncing = settled;
    try {
      await run;
    } finally {
      if (file.syncing === settled) file.syncing = undefined;
    }
  };

  const syncAll = async () => {
    await syncFile(log);
    await syncFile(checkpoints);
  };

  const store: EvidenceStore = {
    append(write, { sync = true } = {}) {
      const run = queue.then(async () => {
        if (closed)
          throw new PreflightError({
            code: 'EVIDENCE_APPEND_FAILED',
            message: 'The evidence store is closed.',
          });
        if (failure) throw failure;
        const hold = await lease.acquire();
        const before = { log: log.offset, checkpoints: checkpoints.offset };
        let ok = false;
        try {
          // Held without a break since our last append: nobody else can have appended.
          const update: StoreUpdate = hold.continued
            ? { entries: [], checkpoints: [], quarantined: [] }
            : {
                entries: catchUpFile(dir, log, quarantined),
                checkpoints: catchUpFile(dir, checkpoints, quarantined),
                quarantined: quarantined.length === 0 ? [] : [...quarantined],
              };
          const caughtUp = { log: log.offset, checkpoints: checkpoints.offset };
          const batch = await write(update);
          try {
            writeLines(log, batch.entries);
            // A checkpoint never reaches the disk ahead of the entries it covers, whoever wrote
            // them (catch-up marks foreign lines dirty).
            if (batch.checkpoints.length > 0) await syncFile(log);
            writeLines(checkpoints, batch.checkpoints);
            if (sync) await syncAll();
          } catch (error) {
            truncateBack(log, caughtUp.log);
            truncateBack(checkpoints, caughtUp.checkpoints);
            throw error;
          }
          quarantined.length = 0;
          ok = true;
        } catch (error) {
          // The writer discarded this update: hand the same lines (and any quarantine report,
          // whose bytes are already moved) to the next append instead of losing them.
          log.offset = before.log;
          checkpoints.offset = before.checkpoints;
          throw error;
        } finally {
          hold.release(ok);
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    // Runs beside appends, not behind them: an append's write never waits for a sync.
    sync: syncAll,
    readEntries: () => readLines(join(dir, evidenceFiles.log)),
    readCheckpoints: () => readLines(join(dir, evidenceFiles.checkpoints)),
    async storeProof(proofId, bytes) {
      const proofs = join(dir, evidenceFiles.proofs);
      await mkdir(proofs, { recursive: true, mode: 0o700 });
      await writeFile(join(proofs, proofFileName(proofId)), bytes, { mode: 0o600 });
    },
    async readProof(proofId) {
      try {
        return new Uint8Array(
          await readFile(join(dir, evidenceFiles.proofs, proofFileName(proofId))),
        );
      } catch {
        return undefined;
      }
    },
    async listProofs() {
      const names = await readdir(join(dir, evidenceFiles.proofs)).catch(() => [] as string[]);
      return names
        .filter((name) => name.endsWith('.bin'))
        .map((name) => name.slice(0, -4))
        .sort();
    },
    async close() {
      await queue;
      if (closed) return;
      closed = true;
      lease.drop();
      try {
        await syncAll();
      } finally {
        lock.dispose();
        closeSync(log.fd);
        closeSync(checkpoints.fd);
      }
    },
  };
  return store;
}

/** `<proofId>.bin`; ids are ICME UUIDs, anything else is refused rather than used as a path. */
export function proofFileName(proofId: string): string {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(proofId) || proofId.startsWith('.')) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `Not a usable proof id: ${JSON.stringify(proofId)}`,
    });
  }
  return `${proofId}.bin`;
}

/** Whole lines of a JSON-lines file; a torn last line (no newline) is left out. */
async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const end = text.lastIndexOf('\n');
  return end < 0 ? [] : text.slice(0, end).split('\n');
}
