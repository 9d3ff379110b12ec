import { ftruncateSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PreflightError } from '../errors';

/** One JSON-lines file of the evidence store, open for appending. */
export interface TrackedFile {
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

/** Opens (creating, owner-only) the file `name` of the directory `dir`. */
export function openTrackedFile(dir: string, name: string): TrackedFile {
  return {
    name,
    fd: openSync(join(dir, name), 'a+', 0o600),
    offset: 0,
    dirty: false,
    syncing: undefined,
  };
}

/** Writes the lines with one write; on failure truncates back so no partial batch remains. */
export function writeLines(file: TrackedFile, lines: string[]): void {
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
}

/** Cuts the file back to `offset`, ignoring failure (the caller is already failing). */
export function truncateBack(file: TrackedFile, offset: number): void {
  try {
    ftruncateSync(file.fd, offset);
  } catch {}
}
