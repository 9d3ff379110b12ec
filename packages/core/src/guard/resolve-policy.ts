import { PreflightError } from '../errors';
import { type CompiledPolicy, compilePolicy } from '../policy/compile-policy';
import { definePolicy } from '../policy/define-policy';
import type { PolicyIR, PolicyIRInput } from '../policy/ir';
import { policyHash } from '../policy/policy-hash';

/** A policy as a guard takes it: policy text, a compiled policy, or IR written in TypeScript. */
export type GuardPolicy = string | CompiledPolicy | PolicyIR | PolicyIRInput;

/**
 * The IR and version hash of a guard's policy. Text is compiled; a compiled policy or IR is
 * validated again (it may have been edited or deserialised since), and the hash recomputed, so
 * a receipt's policy hash always matches the IR the guard enforces. Throws the compiler's or
 * `definePolicy`'s PreflightError (POLICY_*) on a bad policy.
 */
export function resolvePolicy(policy: GuardPolicy): { ir: PolicyIR; hash: string } {
  if (typeof policy === 'string') {
    const compiled = compilePolicy(policy);
    return { ir: compiled.ir, hash: compiled.hash };
  }
  if (policy === null || typeof policy !== 'object') {
    throw new PreflightError({
      code: 'GUARD_CONFIG_INVALID',
      message: 'createGuard needs `policy`: policy text, a compiled policy or a policy IR.',
    });
  }
  const input = 'ir' in policy && 'hash' in policy ? policy.ir : (policy as PolicyIRInput);
  const ir = definePolicy(input);
  return { ir, hash: policyHash(ir) };
}
