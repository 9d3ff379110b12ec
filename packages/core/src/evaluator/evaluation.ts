import type { Violation } from '../guard/types';
import type { Assignment } from '../policy/ir';

/**
 * SAT: no rule is violated under any completion of the unknown variables (allowed).
 * UNSAT: every completion violates some rule. SATISFIABLE: it depends on the unknowns.
 */
export type EvaluationResult = 'SAT' | 'UNSAT' | 'SATISFIABLE';

/** The evaluator's answer for one assignment. Agrees with Z3 on the emitted SMT-LIB. */
export interface Evaluation {
  result: EvaluationResult;
  /** Rules violated under every completion (set for UNSAT; may be empty in exotic policies). */
  violations: Violation[];
  /**
   * Unknown variables the result depends on, sorted (set for SATISFIABLE, else empty): those on
   * the undecided paths of the rules that some completion violates.
   */
  unknown: string[];
}

/** A policy compiled for fast repeated decisions. Not re-entrant; cheap to create per policy. */
export interface Evaluator {
  /**
   * Decides one partial assignment (absent variables are unknown; `undefined` values count as
   * absent). Throws PreflightError EVALUATION_VARIABLE_UNKNOWN or EVALUATION_VALUE_INVALID on
   * bad input.
   */
  evaluate(assignment: Assignment): Evaluation;
  /**
   * A small set of exception variables (the rules' `exceptions`: tokens, approvals, conditions)
   * that, set to true on top of `assignment`, make the result SAT. `[]` when it already is SAT,
   * undefined when no such set exists (e.g. a list-membership rule is violated).
   */
  permissionsToAllow(assignment: Assignment): string[] | undefined;
}

/** Options of {@link createEvaluator}. */
export interface EvaluatorOptions {
  /**
   * Generate the per-decision code (loading the assignment, evaluating every rule) as JavaScript
   * specialised to the policy, with `new Function`. Where the runtime forbids that (a CSP
   * without 'unsafe-eval', some edge runtimes) the evaluator falls back to closures, which decide
   * identically but take several times longer. `false` always uses the closures.
   * Default `true`.
   */
  generateCode?: boolean;
}
