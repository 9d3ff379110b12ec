import type { PreflightErrorCode } from '../../errors';
import type { Expr, Rule } from '../ir';
import { conjuncts, exprKey } from './expressions';

/** A compiler warning with the error code it becomes under `warningsAsErrors`. */
export interface RuleIssue {
  code: Extract<PreflightErrorCode, 'POLICY_RULE_DUPLICATE' | 'POLICY_RULE_CONTRADICTION'>;
  message: string;
}

/**
 * Finds rules that repeat or are covered by another rule, and rules that can never be violated
 * (their exception is also their condition). These are warnings: the policy still means what it
 * says, but an author probably meant something else.
 */
export function findRuleIssues(rules: readonly Rule[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const rule of rules) {
    if (neverViolated(rule.violation)) {
      issues.push({
        code: 'POLICY_RULE_CONTRADICTION',
        message: `Rule ${rule.id} can never be violated: it requires a variable to be both true and false.`,
      });
    }
  }
  // Keys are computed once: comparing canonical JSON pairwise would be quadratic in JSON work.
  const keys = rules.map((rule) => exprKey(rule.violation));
  const parts = rules.map((rule) =>
    conjuncts(rule.violation).map((part) => ({ part, key: exprKey(part) })),
  );
  rules.forEach((rule, index) => {
    const earlier = keys.indexOf(keys[index]!);
    if (earlier < index) {
      issues.push({
        code: 'POLICY_RULE_DUPLICATE',
        message: `Rule ${rule.id} duplicates rule ${rules[earlier]!.id}: both are violated by exactly the same actions.`,
      });
      return;
    }
    const covering = rules.findIndex(
      (_, other) => keys[other] !== keys[index] && implies(parts[index]!, parts[other]!),
    );
    if (covering >= 0) {
      const other = rules[covering]!;
      issues.push({
        code: 'POLICY_RULE_DUPLICATE',
        message: `Rule ${rule.id} is covered by rule ${other.id}: every action that violates rule ${rule.id} also violates rule ${other.id}.`,
      });
    }
  });
  return issues;
}

function neverViolated(expr: Expr): boolean {
  const parts = conjuncts(expr);
  const positive = new Set(parts.filter((part) => part.op === 'var').map((part) => part.name));
  return parts.some(
    (part) =>
      part.op === 'false' ||
      (part.op === 'not' && part.arg.op === 'var' && positive.has(part.arg.name)),
  );
}

type KeyedPart = { part: Expr; key: string };

/** Whether conjunction `a` implies conjunction `b`: each part of `b` follows from a part of `a`. */
function implies(a: readonly KeyedPart[], b: readonly KeyedPart[]): boolean {
  return b.every((goal) =>
    a.some((part) => part.key === goal.key || partImplies(part.part, goal.part)),
  );
}

function partImplies(part: Expr, goal: Expr): boolean {
  if (part.op === 'in' && goal.op === 'in' && part.name === goal.name) {
    return part.values.every((value) => goal.values.includes(value));
  }
  if (part.op === 'cmp' && goal.op === 'cmp' && part.name === goal.name) {
    // x > p implies x > g when p >= g (likewise for >=, and for a >= p implying > g when p > g).
    if ((part.cmp === '>' || part.cmp === '>=') && (goal.cmp === '>' || goal.cmp === '>=')) {
      return part.cmp === goal.cmp || part.cmp === '>'
        ? part.value >= goal.value
        : part.value > goal.value;
    }
  }
  return false;
}
