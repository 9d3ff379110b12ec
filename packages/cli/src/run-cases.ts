import { type CheckReport, checkAction } from './check-action';
import type { PolicyCase } from './load-cases';
import type { LoadedPolicy } from './load-policy';

/** The outcome of one case. */
export interface CaseResult {
  case: PolicyCase;
  report?: CheckReport;
  passed: boolean;
  /** Why it failed (result, violations or unknowns differ, or the case could not run). */
  problem?: string;
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}

/** Runs one case with the embedded evaluator and compares with what it expects. */
export function runCase(policy: LoadedPolicy, policyCase: PolicyCase): CaseResult {
  let report: CheckReport;
  try {
    report = checkAction({
      policy,
      ...(policyCase.action === undefined ? {} : { action: policyCase.action }),
      ...(policyCase.vars === undefined ? {} : { vars: policyCase.vars }),
      ...(policyCase.lists === undefined ? {} : { lists: policyCase.lists }),
      ...(policyCase.session === undefined ? {} : { sessionTotals: policyCase.session }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { case: policyCase, passed: false, problem: `could not run: ${message}` };
  }
  const ids = report.violations.map((violation) => violation.id);
  const problems: string[] = [];
  if (report.result !== policyCase.expect) {
    problems.push(`expected ${policyCase.expect}, got ${report.result}`);
  }
  if (policyCase.violations !== undefined && !sameSet(ids, policyCase.violations)) {
    problems.push(
      `expected violations [${policyCase.violations.join(', ')}], got [${ids.join(', ')}]`,
    );
  }
  if (policyCase.unknown !== undefined && !sameSet(report.unknown, policyCase.unknown)) {
    problems.push(
      `expected unknown [${policyCase.unknown.join(', ')}], got [${report.unknown.join(', ')}]`,
    );
  }
  return {
    case: policyCase,
    report,
    passed: problems.length === 0,
    ...(problems.length === 0 ? {} : { problem: problems.join('; ') }),
  };
}
