import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  createTrustStore,
  emptyTrustStoreData,
  parseTrustStore,
  type TrustStore,
  type TrustStoreData,
} from '../approval';
import { PreflightError } from '../errors';
import { parseJsonFile, readTextFile } from './read-text-file';

/** Where the CLI keeps the trust store unless told otherwise (relative to the working directory). */
export const DEFAULT_TRUST_STORE_PATH = '.preflight/trust-store.json';

/**
 * Reads and validates a trust store file. A missing file is `FILE_NOT_FOUND`, or an empty trust
 * store with `missingOk` (for `approver add` on a fresh project).
 */
export async function readTrustStoreFile(
  path: string,
  { missingOk = false }: { missingOk?: boolean } = {},
): Promise<TrustStoreData> {
  try {
    const text = await readTextFile(path, 'Trust store');
    return parseTrustStore(parseJsonFile(text, path, 'TRUST_STORE_INVALID'), { source: path });
  } catch (error) {
    if (missingOk && PreflightError.isInstance(error) && error.code === 'FILE_NOT_FOUND') {
      return emptyTrustStoreData();
    }
    throw error;
  }
}

/**
 * Writes a trust store file atomically (temp file + rename), so a verifier re-reading it never
 * sees half a file. Creates the directory if needed.
 */
export async function writeTrustStoreFile(path: string, data: TrustStoreData): Promise<void> {
  const valid = parseTrustStore(data);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o644 });
  await rename(temporary, path);
}

export interface FileTrustStoreOptions {
  /** Path of the trust store file. Required. */
  path: string;
}

/**
 * A trust store backed by a file that is re-read whenever it changes (checked with one `stat`
 * per lookup), so `preflight approver remove` takes effect in a running app without a restart.
 * A missing or invalid file makes lookups fail, and the verifier then refuses every token.
 */
export function createFileTrustStore({ path }: FileTrustStoreOptions): TrustStore {
  let loaded: { version: string; store: TrustStore } | undefined;
  return {
    async getApprover(id) {
      let version: string;
      try {
        const info = await stat(path);
        version = `${info.ino}:${info.size}:${info.mtimeMs}`;
      } catch (cause) {
        throw new PreflightError({
          code: 'TRUST_STORE_INVALID',
          message: `Trust store not readable: ${path}`,
          cause,
          details: { path },
        });
      }
      if (loaded?.version !== version) {
        loaded = { version, store: createTrustStore(await readTrustStoreFile(path)) };
      }
      return loaded.store.getApprover(id);
    },
  };
}
