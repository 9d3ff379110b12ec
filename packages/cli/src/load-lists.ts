import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type ListData, PreflightError } from '@preflight/core';
import { z } from 'zod';
import { parseDataFile, readInputFile } from './read-input-file';

/** List data: list key -> entries. */
export const listDataSchema = z.record(z.string(), z.array(z.string()));

/** Validates list data from a file or an inline case field. */
export function parseListData(value: unknown, where: string): ListData {
  const parsed = listDataSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new PreflightError({
    code: 'INPUT_INVALID',
    message: `${where}: list data must map each list key to an array of strings, e.g. {"approved_baa": ["lab.example.com"]}.`,
    details: { issues: parsed.error.issues },
  });
}

/** Reads a lists file (JSON or YAML). */
export async function loadListFile(path: string, cwd: string): Promise<ListData> {
  return parseListData(parseDataFile(await readInputFile(path, cwd), path), path);
}

/**
 * The list data for a policy: the `--lists` file when given, else `lists.json` next to the policy
 * file when present, else none.
 */
export async function loadListsFor(
  policyPath: string,
  listsPath: string | undefined,
  cwd: string,
): Promise<ListData | undefined> {
  if (listsPath !== undefined) return loadListFile(listsPath, cwd);
  const beside = join(dirname(resolve(cwd, policyPath)), 'lists.json');
  try {
    await access(beside);
  } catch {
    return undefined;
  }
  return loadListFile(beside, cwd);
}
