import { readFile } from 'node:fs/promises';
import { PreflightError } from '../errors';

/** Reads a UTF-8 file; a missing file is `FILE_NOT_FOUND`, any other failure `INPUT_INVALID`. */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    const missing = (cause as { code?: string }).code === 'ENOENT';
    throw new PreflightError({
      code: missing ? 'FILE_NOT_FOUND' : 'INPUT_INVALID',
      message: missing
        ? `${what} not found: ${path}`
        : `Cannot read ${what} ${path}: ${String(cause)}`,
      cause,
      details: { path },
    });
  }
}

/** Parses JSON read from a file, naming the file in the error (`code` given by the caller). */
export function parseJsonFile(
  text: string,
  path: string,
  code: 'INPUT_INVALID' | 'KEY_INVALID' | 'TRUST_STORE_INVALID',
): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PreflightError({
      code,
      message: `${path} is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
      details: { path },
    });
  }
}
