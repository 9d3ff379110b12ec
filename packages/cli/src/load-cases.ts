import { dirname, resolve } from 'node:path';
import { type ListData, PreflightError, type SessionTotals, type Value } from '@preflight/core';
import { z } from 'zod';
import { varsSchema } from './check-action';
import { listDataSchema, loadListFile } from './load-lists';
import { parseDataFile, readInputFile } from './read-input-file';

const expectedSchema = z.enum(['SAT', 'UNSAT', 'SATISFIABLE']);

const listsFieldSchema = z.union([z.string().min(1), listDataSchema]);

/** One expected-result case, as written in a cases file. */
export const policyCaseSchema = z
  .object({
    name: z.string().min(1),
    /** The action as plain-English text... */
    action: z.string().min(1).optional(),
    /** ...or as explicit variables. */
    vars: varsSchema.optional(),
    /** List data: a path (relative to the cases file) or the data inline. */
    lists: listsFieldSchema.optional(),
    /** Prior session totals of counter session variables (default: a fresh session). */
    session: z.record(z.string(), z.number().int().min(0)).optional(),
    expect: expectedSchema,
    /** The violated rule numbers, when given, must be exactly these. */
    violations: z.array(z.number().int().positive()).optional(),
    /** The unknown variables, when given, must be exactly these. */
    unknown: z.array(z.string()).optional(),
  })
  .strict()
  .refine((entry) => (entry.action === undefined) !== (entry.vars === undefined), {
    message: 'each case needs exactly one of "action" or "vars"',
  });

/** A cases file: a list of cases, or `{ lists?, cases }` with default list data for every case. */
export const casesFileSchema = z.union([
  z.array(policyCaseSchema).min(1),
  z
    .object({ lists: listsFieldSchema.optional(), cases: z.array(policyCaseSchema).min(1) })
    .strict(),
]);

/** A case ready to run: lists resolved to data. */
export interface PolicyCase {
  name: string;
  action?: string;
  vars?: Record<string, Value>;
  lists?: ListData;
  session?: SessionTotals;
  expect: z.infer<typeof expectedSchema>;
  violations?: number[];
  unknown?: string[];
}

async function resolveLists(
  field: z.infer<typeof listsFieldSchema> | undefined,
  baseDir: string,
): Promise<ListData | undefined> {
  if (field === undefined) return undefined;
  return typeof field === 'string' ? loadListFile(resolve(baseDir, field), baseDir) : field;
}

/**
 * Reads a cases file (YAML or JSON). List paths are relative to the cases file. A case without
 * lists uses the file's `lists`, else `fallbackLists` (lists.json next to the policy).
 */
export async function loadCases(
  path: string,
  cwd: string,
  fallbackLists: ListData | undefined,
): Promise<PolicyCase[]> {
  const absolute = resolve(cwd, path);
  const parsed = casesFileSchema.safeParse(parseDataFile(await readInputFile(path, cwd), path));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  - ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
    );
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `${path} is not a valid cases file:\n${problems.join('\n')}`,
      details: { issues: parsed.error.issues },
    });
  }
  const baseDir = dirname(absolute);
  const file = Array.isArray(parsed.data) ? { cases: parsed.data } : parsed.data;
  const fileLists = (await resolveLists(file.lists, baseDir)) ?? fallbackLists;
  const cases: PolicyCase[] = [];
  for (const entry of file.cases) {
    const lists = (await resolveLists(entry.lists, baseDir)) ?? fileLists;
    cases.push({
      name: entry.name,
      expect: entry.expect,
      ...(entry.action === undefined ? {} : { action: entry.action }),
      ...(entry.vars === undefined ? {} : { vars: entry.vars }),
      ...(lists === undefined ? {} : { lists }),
      ...(entry.session === undefined ? {} : { session: entry.session }),
      ...(entry.violations === undefined ? {} : { violations: entry.violations }),
      ...(entry.unknown === undefined ? {} : { unknown: entry.unknown }),
    });
  }
  return cases;
}
