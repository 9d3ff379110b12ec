import { buildAction } from '../action/build-action';
import { argsDigestTag } from '../action/validate-args';
import { describeError } from '../adapter/describe-error';
import { digestJson } from '../crypto';
import { PreflightError } from '../errors';
import type { PolicyIR } from '../policy/ir';
import { forbiddenAssignment } from './forbidden-assignment';
import type { ActionVariable, Engine } from './types';

export interface SelfTestOptions {
  policy: PolicyIR;
  engine: Engine;
  which: 'every-rule' | 'one-rule';
  maxDescriptionLength?: number;
}

/**
 * The guard's start-up self-test: for each rule (or the first), an action built to violate it
 * must come back UNSAT from the configured engine. A guard whose engine lets a known-forbidden
 * action through (miswired engine, wrong policy id, a fail-open bug) must not start. Throws
 * PreflightError GUARD_SELF_TEST_FAILED naming the rule and what the engine said.
 */
export async function runSelfTest({
  policy,
  engine,
  which,
  maxDescriptionLength,
}: SelfTestOptions): Promise<void> {
  const cases = policy.rules
    .map((rule) => ({ rule, assignment: forbiddenAssignment(policy, rule) }))
    .filter((entry) => entry.assignment !== undefined);
  if (cases.length === 0) {
    throw failed('no rule of the policy can be violated, so no forbidden action exists to test');
  }
  const selected = which === 'one-rule' ? cases.slice(0, 1) : cases;
  await Promise.all(
    selected.map(async ({ rule, assignment }) => {
      const variables: Record<string, ActionVariable> = {};
      for (const [name, value] of Object.entries(assignment ?? {})) {
        variables[name] = {
          value,
          provenance: 'derived',
          note: `self-test: violates rule ${rule.id}`,
        };
      }
      const args = { selfTestRule: rule.id };
      const built = buildAction({
        policy,
        tool: 'preflight-self-test',
        toolCallId: `self-test-rule-${rule.id}`,
        sessionId: 'preflight-self-test',
        variables,
        args,
        argsDigest: digestJson(argsDigestTag, args),
        ...(maxDescriptionLength === undefined ? {} : { maxDescriptionLength }),
      });
      if (!built.ok) throw failed(`rule ${rule.id}: ${built.reason}`);
      let verdict: Awaited<ReturnType<Engine['decide']>>;
      try {
        verdict = await engine.decide(built.action);
      } catch (error) {
        throw failed(`rule ${rule.id}: the engine threw: ${describeError(error)}`);
      }
      if (verdict?.result !== 'UNSAT') {
        const reason = verdict?.reason === undefined ? '' : ` (${verdict.reason})`;
        throw failed(
          `rule ${rule.id}: a forbidden action came back ${String(verdict?.result)}${reason}, not UNSAT`,
          { rule: rule.id, assignment, verdict },
        );
      }
    }),
  );
}

function failed(message: string, details: Record<string, unknown> = {}): PreflightError {
  return new PreflightError({
    code: 'GUARD_SELF_TEST_FAILED',
    message: `The guard's self-test failed, so it refuses to start: ${message}.`,
    details,
  });
}
