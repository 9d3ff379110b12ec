import { PreflightError } from '../errors';
import {
  buildProhibition,
  type DraftRule,
  findRuleIssues,
  ParseFailure,
  parseRule,
  resolveRequirements,
  splitRules,
  TokenStream,
  tokenize,
  type UnparseableRule,
  unparseableError,
  VariableRegistry,
  variableName,
} from './compiler';
import { definePolicy } from './define-policy';
import type { Counter, PolicyIR, PolicyList, Rule, RuleShape } from './ir';
import { policyHash } from './policy-hash';
import { type VariableCatalogueEntry, variableCatalogue } from './variable-catalogue';

/** Options of {@link compilePolicy}. */
export interface CompilePolicyOptions {
  /** Most rules a policy may have. Default 50 (ICME's limit). */
  maxRules?: number;
  /** Most characters a policy text may have. Default 5,000 (ICME's limit). */
  maxCharacters?: number;
  /**
   * Throw POLICY_RULE_DUPLICATE / POLICY_RULE_CONTRADICTION for what are otherwise warnings
   * (duplicate or covered rules, rules that can never be violated). Default false.
   */
  warningsAsErrors?: boolean;
}

/** A compiled policy: the IR, its content hash (the policy version) and its variable catalogue. */
export interface CompiledPolicy {
  ir: PolicyIR;
  hash: string;
  catalogue: VariableCatalogueEntry[];
}

/**
 * Compiles a numbered controlled-English policy into the policy IR. Every rule becomes exactly
 * one IR rule (never dropped, never guessed); a rule outside the grammar is a
 * POLICY_RULE_UNPARSEABLE error naming each such rule, its column, what was expected and the
 * accepted shapes. See docs/policy-language.md.
 *
 * @example
 * const { ir, hash } = compilePolicy(
 *   '1. Do not delete invoices unless a deletion_ticket is provided.',
 * );
 */
export function compilePolicy(
  text: string,
  { maxRules = 50, maxCharacters = 5000, warningsAsErrors = false }: CompilePolicyOptions = {},
): CompiledPolicy {
  if (text.trim() === '') {
    throw new PreflightError({
      code: 'POLICY_EMPTY',
      message: 'The policy is empty: write at least one numbered rule, e.g. "1. Do not ...".',
    });
  }
  if (text.length > maxCharacters) {
    throw new PreflightError({
      code: 'POLICY_TOO_LARGE',
      message: `The policy has ${text.length} characters; the limit is ${maxCharacters}.`,
      details: { characters: text.length, limit: maxCharacters },
    });
  }
  const sources = splitRules(text);
  if (sources.length === 0) {
    throw new PreflightError({
      code: 'POLICY_EMPTY',
      message: 'The policy has no numbered rules (only comments).',
    });
  }
  if (sources.length > maxRules) {
    throw new PreflightError({
      code: 'POLICY_TOO_LARGE',
      message: `The policy has ${sources.length} rules; the limit is ${maxRules}.`,
      details: { rules: sources.length, limit: maxRules },
    });
  }

  const registry = new VariableRegistry();
  const failures: UnparseableRule[] = [];
  const drafts: (DraftRule & { text: string; shape: RuleShape })[] = [];
  const lists: PolicyList[] = [];
  const counters: Counter[] = [];
  for (const source of sources) {
    const located = { rule: source.number, line: source.line };
    let parsed: ReturnType<typeof parseRule>;
    try {
      parsed = parseRule(new TokenStream(tokenize(source.text, source.column)));
    } catch (error) {
      if (!(error instanceof ParseFailure)) throw error;
      failures.push({ ...located, ...error.failure });
      continue;
    }
    if (parsed.kind === 'requirement') {
      const also = registry.add(
        {
          name: variableName(parsed.also.words),
          type: 'bool',
          role: 'permission',
          description: `Whether ${parsed.also.words.join(' ')} is provided`,
          vocabulary: { phrase: parsed.also.words.join(' ').toLowerCase() },
        },
        source.number,
      );
      drafts.push({
        id: source.number,
        text: source.text,
        shape: 'requires-also',
        violation: { op: 'true' },
        exceptions: [also],
        requirement: { token: variableName(parsed.token.words), also, column: parsed.token.column },
      });
      continue;
    }
    const built = buildProhibition(parsed, source.number, registry);
    drafts.push({ id: source.number, text: source.text, ...built });
    for (const list of built.lists) {
      if (!lists.some((known) => known.variable === list.variable)) lists.push(list);
    }
    for (const counter of built.counters) {
      if (!counters.some((known) => known.sessionVariable === counter.sessionVariable))
        counters.push(counter);
    }
  }
  for (const { rule, failure } of resolveRequirements(drafts)) {
    const source = sources.find((candidate) => candidate.number === rule)!;
    failures.push({ rule, line: source.line, ...failure });
  }
  if (failures.length > 0) {
    throw unparseableError(failures.sort((a, b) => a.rule - b.rule));
  }
  if (registry.conflicts.length > 0) {
    throw new PreflightError({
      code: 'POLICY_RULE_CONTRADICTION',
      message: `Rules use the same name for different things: ${registry.conflicts.join('; ')}.`,
      details: { conflicts: [...registry.conflicts] },
    });
  }

  const rules: Rule[] = drafts.map(({ id, text: ruleText, shape, violation, exceptions }) => ({
    id,
    text: ruleText,
    shape,
    violation,
    exceptions,
  }));
  const issues = findRuleIssues(rules);
  const firstIssue = issues[0];
  if (warningsAsErrors && firstIssue !== undefined) {
    throw new PreflightError({
      code: firstIssue.code,
      message: issues.map((issue) => issue.message).join('\n'),
      details: { issues },
    });
  }
  const ir = definePolicy({
    version: 'v1',
    rules,
    variables: registry.list(),
    lists,
    counters,
    warnings: issues.map((issue) => issue.message),
  });
  return { ir, hash: policyHash(ir), catalogue: variableCatalogue(ir) };
}
