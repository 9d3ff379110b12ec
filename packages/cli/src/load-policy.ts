import { compilePolicy, definePolicy, type PolicyIR, policyHash } from '@preflight/core';
import { parseDataFile, readInputFile } from './read-input-file';

/** A policy read from a file: compiled controlled English (.txt) or IR JSON (.json). */
export interface LoadedPolicy {
  path: string;
  ir: PolicyIR;
  /** The policy version: content hash of the IR. */
  hash: string;
  /** The policy text, for .txt policies. */
  text?: string;
}

/**
 * Reads and compiles a policy file. `.json` files hold the IR (validated with `definePolicy`);
 * anything else is controlled-English text. Compile errors are thrown as PreflightError.
 */
export async function loadPolicy(path: string, cwd: string): Promise<LoadedPolicy> {
  const text = await readInputFile(path, cwd);
  if (/\.json$/i.test(path)) {
    const ir = definePolicy(parseDataFile(text, path) as Parameters<typeof definePolicy>[0]);
    return { path, ir, hash: policyHash(ir) };
  }
  const compiled = compilePolicy(text);
  return { path, ir: compiled.ir, hash: compiled.hash, text };
}
