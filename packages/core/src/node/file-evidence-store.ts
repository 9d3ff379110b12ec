import { createHash } from 'node:crypto';
import {
  closeSync,
  fdatasync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PreflightError } from '../errors';
import type { EvidenceStore, QuarantinedTail, StoreUpdate } from '../evidence/evidence-store';
import { createEvidenceLock, type EvidenceLockOptions } from './evidence-file-lock';
import { createEvidenceLockLease } from './evidence-lock-lease';
import { someoneWaits } from './evidence-lock-want';

const datasync = promisify(fdatasync);

/** File names inside an evidence directory (docs/evidence.md, "Directory layout"). */
export const evidenceFiles = {
  log: 'log.jsonl',
  checkpoints: 'checkpoints.jsonl',
  lock: '.lock',
  proofs: 'proofs',
  quarantine: 'quarantine',
  keys: 'keys',
} as const;

export interface FileEvidenceStoreOptions extends EvidenceLockOptions {
  /** The evidence directory (created if missing, owner-only). */
  dir: string;
}

interface TrackedFile {
  name: string;
  fd: number;
  /** Bytes of this file already handed to the writer. */
  offset: number;
  /**
   * Bytes were written to it since its last fdatasync started, by this store or by another
   * writer whose lines catch-up read (those may be unsynced too).
   */
  dirty: boolean;
  /** The fdatasync in flight (settles, never rejects). */
  syncing: Promise<void> | undefined;
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
  const open = (name: string): TrackedFile => ({
    name,
    fd: openSync(join(dir, name), 'a+', 0o600),
    offset: 0,
    dirty: false,
    syncing: undefined,
  });
  const log = open(evidenceFiles.log);
  const checkpoints = open(evidenceFiles.checkpoints);
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

  const quarantine = (file: TrackedFile, start: number, bytes: Buffer): QuarantinedTail => {
    const quarantineDir = join(dir, evidenceFiles.quarantine);
    mkdirSync(quarantineDir, { recursive: true, mode: 0o700 });
    const relative = `${evidenceFiles.quarantine}/${file.name}.${new Date().toISOString().replace(/[:.]/g, '-')}.${start}.torn`;
    const fd = openSync(join(dir, relative), 'wx', 0o600);
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    ftruncateSync(file.fd, start);
    return {
      offset: start,
      length: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      file: relative,
    };
  };

  const catchUp = (file: TrackedFile, quarantined: QuarantinedTail[]): string[] => {
    const size = fstatSync(file.fd).size;
    if (size < file.offset) {
      throw new PreflightError({
        code: 'EVIDENCE_CORRUPT',
        message: `${file.name} shrank from ${file.offset} to ${size} bytes while in use: it was truncated.`,
      });
    }
    if (size === file.offset) return [];
    const bytes = Buffer.alloc(size - file.offset);
    for (let read = 0; read < bytes.length; ) {
      const count = readSync(file.fd, bytes, read, bytes.length - read, file.offset + read);
      if (count === 0) break;
      read += count;
    }
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (end < bytes.length)
      quarantined.push(quarantine(file, file.offset + end, bytes.subarray(end)));
    const text = bytes.subarray(0, end).toString('utf8');
    file.offset += end;
    if (end === 0) return [];
    // Another writer may have left these lines unsynced (group mode): a checkpoint this store
    // writes over them must not reach the disk first, so they count as ours to sync.
    file.dirty = true;
    return text.slice(0, -1).split('\n');
  };

  /** Writes the lines with one write; on failure truncates back so no partial batch remains. */
  const writeLines = (file: TrackedFile, lines: string[]) => {
    if (lines.length === 0) return;
    const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    const before = file.offset;
    try {
      // O_APPEND puts the bytes at the end even if a reader holds the file open.
      for (let written = 0; written < bytes.length; ) {
        written += writeSync(file.fd, bytes, written, bytes.length - written);
      }
    } catch (cause) {
      truncateBack(file, before);
      throw new PreflightError({
        code: 'EVIDENCE_APPEND_FAILED',
        message: `Cannot append to ${file.name}: ${String(cause)}`,
        cause,
      });
    }
    file.offset = before + bytes.length;
    file.dirty = true;
  };

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

  const truncateBack = (file: TrackedFile, offset: number) => {
    try {
      ftruncateSync(file.fd, offset);
    } catch {}
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
                entries: catchUp(log, quarantined),
                checkpoints: catchUp(checkpoints, quarantined),
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
