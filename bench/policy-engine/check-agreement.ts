import type { Assignment, Evaluator } from '@preflight/core';
import type { CedarEngine, CedarRequest } from './cedar-engine';
import type { Z3Decision, Z3Engine } from './z3-engine';

/** One decision input, prepared once for every engine. */
export type PreparedInput = {
  assignment: Assignment;
  cedar: CedarRequest;
  z3: Z3Decision;
};

/**
 * Asserts, outside any timing, that the evaluator, Cedar and Z3 (both ways of asking it) give
 * the same allow/deny on every input (Z3 asked both ways), and that the evaluator's violated rules are exactly the
 * forbids Cedar reports. A fully assigned input must never be SATISFIABLE. Returns how many
 * inputs are allowed, for the log.
 */
export async function checkAgreement(
  label: string,
  inputs: readonly PreparedInput[],
  engines: { evaluator: Evaluator; cedar: CedarEngine; z3: Z3Engine },
): Promise<{ allowed: number; denied: number }> {
  let allowed = 0;
  for (const [index, input] of inputs.entries()) {
    const ours = engines.evaluator.evaluate(input.assignment);
    const cedar = engines.cedar.decide(input.cedar);
    const z3Assuming = await engines.z3.checkAssuming(input.z3);
    const z3PushPop = await engines.z3.checkPushPop(input.z3);
    const oursAllowed = ours.result === 'SAT';
    const ourRules = ours.violations.map((violation) => `rule-${violation.id}`).sort();
    const cedarRules = [...cedar.forbids].sort();
    const problems: string[] = [];
    if (ours.result === 'SATISFIABLE') problems.push('evaluator says SATISFIABLE');
    if (oursAllowed !== cedar.allowed) problems.push(`cedar says ${cedar.allowed}`);
    if (oursAllowed !== z3Assuming) problems.push(`z3 (assumptions) says ${z3Assuming}`);
    if (oursAllowed !== z3PushPop) problems.push(`z3 (push/pop) says ${z3PushPop}`);
    if (ourRules.join() !== cedarRules.join()) {
      problems.push(`violated rules differ: ours [${ourRules}] cedar [${cedarRules}]`);
    }
    if (problems.length > 0) {
      throw new Error(
        `${label}: engines disagree on input ${index} (evaluator: ${ours.result}): ${problems.join('; ')}\n` +
          JSON.stringify(input.assignment),
      );
    }
    if (oursAllowed) allowed++;
  }
  return { allowed, denied: inputs.length - allowed };
}
