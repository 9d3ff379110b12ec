import { digestJson } from '../crypto';
import type { PolicyIR } from './ir';

/** Domain tag of policy IR digests. */
export const policyIrDomainTag = 'preflight.policy-ir.v1';

/**
 * The policy version auditors ask about: `sha256:<hex>` of the IR's canonical JSON (RFC 8785)
 * under the domain tag `preflight.policy-ir.v1`. The same policy text always gives the same hash.
 */
export function policyHash(ir: PolicyIR): string {
  return digestJson(policyIrDomainTag, ir);
}
