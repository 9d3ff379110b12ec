import { PreflightError } from '../errors';
import type { Violation } from '../guard/types';
import type { Assignment, PolicyIR } from '../policy/ir';
import { compileExpr, FALSE, type Memory, TRUE, UNKNOWN } from './compile-expr';
import type { Evaluation, Evaluator, EvaluatorOptions } from './evaluation';
import {
  type CompiledRule,
  existsCompletion,
  groupByUnknowns,
  type SearchBudget,
} from './find-completion';
import { findPermissions } from './find-permissions';
import { DECIDED, type FastPath, generateFastPath } from './generate-fast-path';
import { invalidValue, loadAssignment, rejectUnknownNames } from './load-assignment';
import { MASK_BITS } from './rules-source';
import { buildDomains, type VariableDomain } from './variable-domain';

/**
 * Search nodes per decision before the evaluator answers conservatively (never SAT). Policies
 * in the controlled-English shapes need a handful; the cap only bounds adversarial IR.
 */
const SEARCH_BUDGET = 1_000_000;

/**
 * Compiles a policy into an evaluator for repeated decisions over partial assignments.
 *
 * Fast path: three-valued (Kleene) evaluation of every rule over the assigned variables; a rule
 * definitely violated gives UNSAT, every rule definitely satisfied gives SAT. Otherwise an exact
 * search over the finitely many distinguishable states of the unknown variables answers the two
 * questions Z3 answers on {@link smtQuery}: can every rule hold (no: UNSAT), can some rule be
 * violated (no: SAT; yes to both: SATISFIABLE). Throws POLICY_IR_INVALID on ill-formed IR.
 *
 * The fast path is generated as JavaScript specialised to the policy (`new Function`) unless
 * `generateCode` is false or the runtime forbids it; the closures it falls back to decide
 * identically. See docs/evaluation.md.
 *
 * @example
 * ```ts
 * const evaluator = createEvaluator(ir);
 * evaluator.evaluate({ modify_production_records: true, authorization_token: false });
 * // { result: 'UNSAT', violations: [{ id: 2, text: 'Do not modify ...' }], unknown: [] }
 * ```
 */
export function createEvaluator(
  ir: PolicyIR,
  { generateCode = true }: EvaluatorOptions = {},
): Evaluator {
  const domainsByName = buildDomains(ir);
  const domains: VariableDomain[] = [...domainsByName.values()];
  if (domains.length !== ir.variables.length) {
    throw new PreflightError({
      code: 'POLICY_IR_INVALID',
      message: 'The policy declares a variable twice.',
    });
  }
  const memory: Memory = {
    state: new Int32Array(domains.length),
    known: new Uint8Array(domains.length),
  };
  const rules = ir.rules.map((rule) => compileRule(rule, domainsByName, memory));
  if (new Set(ir.rules.map((rule) => rule.id)).size !== ir.rules.length) {
    throw new PreflightError({ code: 'POLICY_IR_INVALID', message: 'Two rules share an id.' });
  }
  const status = new Uint8Array(rules.length);
  const violationMasks = new Int32Array(Math.ceil(rules.length / MASK_BITS));
  const names = domains.map((domain) => domain.variable.name);
  const fast: FastPath | undefined = generateCode
    ? generateFastPath(ir, domainsByName, {
        memory,
        status,
        violationMasks,
        invalid: (index, value) => invalidValue(domains[index] as VariableDomain, value),
        unknownNames: (assignment) => rejectUnknownNames(assignment, domains),
      })
    : undefined;
  const load = (assignment: Assignment): void => {
    if (fast) fast.load(assignment);
    else loadAssignment(assignment, domains, memory);
  };

  /** Kleene truth of every rule into `status`; returns `1 << truth` or-ed over the rules. */
  function testRules(): number {
    if (fast) return fast.rules();
    let seen = 0;
    for (let r = 0; r < rules.length; r++) {
      const truth = (rules[r] as CompiledRule).test();
      status[r] = truth;
      seen |= 1 << truth;
    }
    return seen;
  }

  /** The decision when every rule is decided two-valued: the rules in `violationMasks`. */
  function decided(): Evaluation {
    let any = 0;
    for (let w = 0; w < violationMasks.length; w++) any |= violationMasks[w] as number;
    if (any === 0) return { result: 'SAT', violations: [], unknown: [] };
    const violations: Violation[] = [];
    for (let w = 0; w < violationMasks.length; w++) {
      // Lowest set bit first, so the rules come in policy order.
      for (let mask = violationMasks[w] as number; mask !== 0; mask &= mask - 1) {
        const bit = 31 - Math.clz32(mask & -mask);
        violations.push((rules[w * MASK_BITS + bit] as CompiledRule).violation);
      }
    }
    return { result: 'UNSAT', violations, unknown: [] };
  }

  /** Decides the assignment in memory, whose rule truths `testRules` has just written. */
  function decide(seen: number): Evaluation {
    if ((seen & (1 << UNKNOWN)) === 0) {
      if ((seen & (1 << TRUE)) === 0) return { result: 'SAT', violations: [], unknown: [] };
      // Every rule decided: the violated ones are exactly the rules found true.
      const violations: Violation[] = [];
      for (let r = 0; r < rules.length; r++) {
        if (status[r] === TRUE) violations.push((rules[r] as CompiledRule).violation);
      }
      return { result: 'UNSAT', violations, unknown: [] };
    }
    const budget: SearchBudget = { left: SEARCH_BUDGET };
    const openRules = rules.filter((_, r) => status[r] === UNKNOWN);
    if ((seen & (1 << TRUE)) !== 0) return unsat(openRules, budget);

    // Violated-query: some completion violates some rule iff some rule alone can be violated.
    const canBeViolated = openRules.filter(
      (rule) => existsCompletion([rule], TRUE, memory, domains, budget) !== false,
    );
    if (canBeViolated.length === 0) return { result: 'SAT', violations: [], unknown: [] };
    // Allowed-query: one completion must satisfy every rule; independent groups separately.
    for (const group of groupByUnknowns(openRules, memory)) {
      if (existsCompletion(group, FALSE, memory, domains, budget) !== true) {
        return unsat(openRules, budget);
      }
    }
    const unknown = new Set<string>();
    const report = (index: number) => unknown.add(names[index] as string);
    for (const rule of canBeViolated) rule.unknowns(report);
    return { result: 'SATISFIABLE', violations: [], unknown: [...unknown].sort() };
  }

  /** UNSAT: name the rules violated under every completion (decided or proved by search). */
  function unsat(openRules: CompiledRule[], budget: SearchBudget): Evaluation {
    const always = new Set<CompiledRule>(rules.filter((_, r) => status[r] === TRUE));
    for (const rule of openRules) {
      if (existsCompletion([rule], FALSE, memory, domains, budget) === false) always.add(rule);
    }
    const violations: Violation[] = [];
    for (const rule of rules) if (always.has(rule)) violations.push(rule.violation);
    return { result: 'UNSAT', violations, unknown: [] };
  }

  return {
    evaluate(assignment: Assignment): Evaluation {
      if (fast) {
        const seen = fast.loadAndTest(assignment);
        if (seen === DECIDED) return decided();
        // Undecided rules: the exact search works on the memory.
        if ((seen & (1 << UNKNOWN)) !== 0) fast.load(assignment);
        return decide(seen);
      }
      load(assignment);
      return decide(testRules());
    },
    permissionsToAllow(assignment: Assignment): string[] | undefined {
      load(assignment);
      const found = findPermissions(rules, memory, () => decide(testRules()).result === 'SAT');
      return found?.map((index) => names[index] as string).sort();
    },
  };
}

function compileRule(
  rule: PolicyIR['rules'][number],
  domains: ReadonlyMap<string, VariableDomain>,
  memory: Memory,
): CompiledRule {
  const used = new Set<number>();
  const { test, unknowns } = compileExpr(rule.violation, domains, memory, used);
  const exceptions: number[] = [];
  for (const name of rule.exceptions) {
    const domain = domains.get(name);
    if (domain === undefined) {
      throw new PreflightError({
        code: 'POLICY_IR_INVALID',
        message: `Rule ${rule.id} lists exception "${name}", which the policy does not declare.`,
        details: { rule: rule.id, variable: name },
      });
    }
    if (domain.variable.type === 'bool') exceptions.push(domain.index);
  }
  // Shared by every evaluation that names the rule, so frozen.
  const violation = Object.freeze({ id: rule.id, text: rule.text });
  return { violation, test, unknowns, vars: [...used], exceptions };
}
