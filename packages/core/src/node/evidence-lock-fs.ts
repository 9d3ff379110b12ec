import { lstatSync, unlinkSync } from 'node:fs';

/** link(2) errors of a filesystem without hard links (or one that refuses them here). */
export const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** An inode: what tells a lock file from another one at the same path. */
export interface FileId {
  ino: number;
  dev: number;
}

/** Whether `path` is (still) the file `id`; false when it is gone. */
export function sameFile(path: string, id: FileId | undefined): boolean {
  if (!id) return false;
  try {
    const stats = lstatSync(path);
    return stats.ino === id.ino && stats.dev === id.dev;
  } catch {
    return false;
  }
}

/** Removes `path`, ignoring failure (it may already be gone). */
export function unlinkIgnoring(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}
