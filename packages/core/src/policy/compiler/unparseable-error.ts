import { PreflightError } from '../../errors';
import { acceptedShapes, formatAcceptedShapes } from './accepted-shapes';
import type { RuleParseFailure } from './rule-ast';

/** One rule that fits no shape, located in the policy text. */
export interface UnparseableRule extends RuleParseFailure {
  rule: number;
  line: number;
}

/** `Rule 3, column 42: expected "unless ..." or "without ..." after the thing, found "if".` */
export function describeFailure(failure: UnparseableRule): string {
  const context = failure.context === undefined ? '' : ` ${failure.context}`;
  return `Rule ${failure.rule}, column ${failure.column}: expected ${failure.expected.join(' or ')}${context}, found ${failure.found}.`;
}

/**
 * One POLICY_RULE_UNPARSEABLE error for every rule that fits no shape, so an author fixes them
 * all in one pass. Details carry the first failure's fields and the whole list.
 */
export function unparseableError(failures: readonly UnparseableRule[]): PreflightError {
  const shapes = acceptedShapes.map(({ form }) => form);
  const lines = failures.map(describeFailure);
  const head =
    lines.length === 1
      ? lines[0]!
      : `${lines.length} rules are outside the policy grammar:\n${lines.map((line) => `  ${line}`).join('\n')}`;
  const first = failures[0]!;
  return new PreflightError({
    code: 'POLICY_RULE_UNPARSEABLE',
    message: `${head}\nAccepted shapes:\n${formatAcceptedShapes()}`,
    details: {
      rule: first.rule,
      line: first.line,
      column: first.column,
      expected: first.expected,
      found: first.found,
      errors: failures.map((failure) => ({ ...failure, message: describeFailure(failure) })),
      shapes,
    },
  });
}
