import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PreflightError } from '@preflight/core';
import { parse as parseYaml } from 'yaml';

/** Reads a text file given on the command line; a missing file is FILE_NOT_FOUND (exit 2). */
export async function readInputFile(path: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, path);
  try {
    return await readFile(absolute, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new PreflightError({
      code: code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'INPUT_INVALID',
      message:
        code === 'ENOENT' ? `File not found: ${path}` : `Cannot read ${path}: ${String(cause)}`,
      cause,
      details: { path: absolute },
    });
  }
}

/** Parses JSON, or YAML for .yaml/.yml paths; a syntax error is INPUT_INVALID with the file named. */
export function parseDataFile(text: string, path: string): unknown {
  try {
    return /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${reason}`,
      cause,
      details: { path },
    });
  }
}
