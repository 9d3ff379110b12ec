import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../crypto';
import { PreflightError } from '../errors';

/** One compiled version of a policy on the ICME API. */
export const policyLockEntrySchema = z
  .object({
    /** ICME `policy_id` minted by `makeRules`. */
    policyId: z.string().min(1),
    /** `sha256:<hex>` of the policy file's UTF-8 text, as sent to `makeRules`. */
    textHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    /** Local policy IR hash (`policyHash`), or null when the text is outside the local grammar. */
    irHash: z.string().nullable(),
    /** When ICME compiled it (ISO 8601). */
    createdAt: z.string(),
    /** API base URL it was compiled on. */
    baseUrl: z.string().optional(),
    ruleCount: z.number().optional(),
    scenarioCount: z.number().optional(),
  })
  .strict();
export type PolicyLockEntry = z.infer<typeof policyLockEntrySchema>;

/** `<policy>.lock.json`: the current ICME version of a policy and every earlier one. */
export const policyLockSchema = z
  .object({
    version: z.literal('v1'),
    /** Policy file name, relative to the lock file. */
    policy: z.string(),
    current: policyLockEntrySchema,
    /** Earlier versions, newest first. */
    history: z.array(policyLockEntrySchema),
  })
  .strict();
export type PolicyLock = z.infer<typeof policyLockSchema>;

/** The lock file path of a policy file: `<policy>.lock.json`, next to it. */
export function policyLockPath(policyPath: string): string {
  return `${policyPath}.lock.json`;
}

/** `sha256:<hex>` of a policy's text, verifiable with `sha256sum` on the file. */
export function policyTextHash(text: string): string {
  return `sha256:${sha256Hex(text)}`;
}

/** Reads a policy's lock file; `undefined` when there is none. A damaged file is `INPUT_INVALID`. */
export async function readPolicyLock(policyPath: string): Promise<PolicyLock | undefined> {
  const lockPath = policyLockPath(policyPath);
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ENOENT') return undefined;
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `Cannot read ${lockPath}: ${String(cause)}`,
      cause,
      details: { path: lockPath },
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `${lockPath} is not valid JSON`,
      cause,
      details: { path: lockPath },
    });
  }
  const parsed = policyLockSchema.safeParse(json);
  if (!parsed.success) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `${lockPath} is not a policy lock file: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      details: { path: lockPath },
    });
  }
  return parsed.data;
}

/**
 * Records a new ICME version of a policy: it becomes `current` and the previous current moves
 * to the front of `history`. Written atomically (temp file + rename), so a crash never leaves a
 * half-written lock.
 */
export async function recordPolicyVersion(
  policyPath: string,
  entry: PolicyLockEntry,
): Promise<PolicyLock> {
  const previous = await readPolicyLock(policyPath);
  const lock: PolicyLock = {
    version: 'v1',
    policy: path.basename(policyPath),
    current: policyLockEntrySchema.parse(entry),
    history: previous ? [previous.current, ...previous.history] : [],
  };
  const lockPath = policyLockPath(policyPath);
  await mkdir(path.dirname(lockPath), { recursive: true });
  const temporary = `${lockPath}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify(lock, null, 2)}\n`, 'utf8');
  await rename(temporary, lockPath);
  return lock;
}
