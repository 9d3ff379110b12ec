import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { PreflightError } from '../errors';
import type { QuarantinedTail } from '../evidence/evidence-store';
import { evidenceFiles } from './evidence-files';
import type { TrackedFile } from './tracked-file';

/**
 * The whole lines in `file` past what was handed to the writer (`file.offset`): those other
 * processes appended. A torn tail (a writer killed mid-append) is moved to `quarantine/` and
 * reported in `quarantined`.
 */
export function catchUpFile(
  dir: string,
  file: TrackedFile,
  quarantined: QuarantinedTail[],
): string[] {
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
    quarantined.push(quarantine(dir, file, file.offset + end, bytes.subarray(end)));
  const text = bytes.subarray(0, end).toString('utf8');
  file.offset += end;
  if (end === 0) return [];
  // Another writer may have left these lines unsynced (group mode): a checkpoint this store
  // writes over them must not reach the disk first, so they count as ours to sync.
  file.dirty = true;
  return text.slice(0, -1).split('\n');
}

/** Moves the bytes from `start` on to a new file in `quarantine/` and truncates `file` there. */
function quarantine(dir: string, file: TrackedFile, start: number, bytes: Buffer): QuarantinedTail {
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
}
