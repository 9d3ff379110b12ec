import type { Decision, DecisionResult } from '../../guard/types';
import type { PolicyIR } from '../../policy/ir';

/** A small policy IR, shaped like the compiler's output for a two-rule policy. */
export const samplePolicy: PolicyIR = {
  version: 'v1',
  rules: [
    {
      id: 1,
      text: 'Do not export customer records to an external destination unless an authorization token is provided.',
      shape: 'unless-provided',
      violation: {
        op: 'and',
        args: [
          { op: 'var', name: 'exports_customer_records' },
          { op: 'var', name: 'external_destination' },
          { op: 'not', arg: { op: 'var', name: 'authorization_token_provided' } },
        ],
      },
      exceptions: ['authorization_token_provided'],
    },
    {
      id: 2,
      text: 'Do not process more than 100 records in a single agent session unless an approval token is provided.',
      shape: 'count-limit',
      violation: { op: 'cmp', name: 'session_records', cmp: '>', value: 100 },
      exceptions: [],
    },
  ],
  variables: [],
  lists: [],
  counters: [],
  warnings: [],
};

export const samplePolicyHash = `sha256:${'a'.repeat(64)}`;

const results: DecisionResult[] = ['SAT', 'UNSAT', 'SAT', 'SATISFIABLE', 'SAT', 'ERROR'];

/** A plausible decision; `index` varies the result, the tool and whether ICME ran. */
export function makeDecision(index: number, overrides: Partial<Decision> = {}): Decision {
  const result = results[index % results.length] as DecisionResult;
  const screenedOut = index % 7 === 6;
  const allowed = screenedOut || result === 'SAT';
  const icme = index % 3 === 1;
  return {
    id: `dec-${index}`,
    allowed,
    wouldAllow: allowed,
    mode: 'enforce',
    result: screenedOut ? 'SAT' : result,
    violations: result === 'UNSAT' ? [{ id: 1, text: 'Do not export customer records...' }] : [],
    unknown: result === 'SATISFIABLE' ? ['authorization_token_provided'] : [],
    screenedOut,
    reason: allowed ? 'allowed by policy' : 'blocked: rule 1 is violated',
    ...(allowed ? {} : { code: 'POLICY_UNSAT' }),
    action: {
      tool: index % 2 === 0 ? 'export_records' : 'send_email',
      toolCallId: `call-${index}`,
      sessionId: `session-${index % 4}`,
      variables: {
        exports_customer_records: { value: true, provenance: 'derived' },
        external_destination: { value: index % 2 === 0, provenance: 'arg' },
        record_count: { value: index * 3, provenance: 'arg', note: 'from args.limit' },
      },
      description: `exports_customer_records: true\nexternal_destination: ${index % 2 === 0}\nrecord_count: ${index * 3}`,
      digest: `sha256:${index.toString(16).padStart(64, '0')}`,
      argsDigest: `sha256:${(index + 1).toString(16).padStart(64, '0')}`,
      assignment: { exports_customer_records: true },
    },
    verdicts: [
      {
        engine: icme ? 'icme' : 'local',
        result: screenedOut ? 'SAT' : result,
        violations: result === 'UNSAT' ? [{ id: 1, text: 'rule 1' }] : [],
        unknown: [],
        ...(icme
          ? {
              details: {
                check_id: `chk-${index}`,
                proof_id: `proof-${index}`,
                policy_id: 'icme-policy-1',
                z3_result: result === 'UNSAT' ? 'UNSAT' : 'SAT',
                ar_result: 'SAT',
                llm_result: 'SAT',
                raw: { anything: [1, 2, 3] },
              },
            }
          : {}),
      },
    ],
    policyHash: samplePolicyHash,
    timings: { totalMs: 0.4 },
    createdAt: new Date(
      Date.UTC(2026, 0, 1 + Math.floor(index / 10), 12, 0, index % 60),
    ).toISOString(),
    ...overrides,
  };
}
