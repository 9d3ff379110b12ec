import {
  type Assignment,
  applyCounters,
  createEvaluator,
  type DecisionResult,
  extractAssignment,
  type ListData,
  PreflightError,
  type SessionTotals,
  type Value,
  type Violation,
} from '@preflight/core';
import { z } from 'zod';
import type { LoadedPolicy } from './load-policy';

/** What one check decides, as `check --json` prints it. */
export interface CheckReport {
  result: DecisionResult;
  /** True exactly when the result is SAT. */
  allowed: boolean;
  violations: Violation[];
  /** Unknown variables the result depends on (SATISFIABLE). */
  unknown: string[];
  /** The assignment decided on (after session counters). */
  variables: Assignment;
  /** Per variable: where its value came from, or why it is unknown (text actions). */
  notes: Record<string, string>;
  engine: string;
  policyHash: string;
  /** The action text, when the check was given one. */
  action?: string;
  /** Why no decision was made (ERROR). */
  reason?: string;
}

/** What to check: action text or explicit variables. */
export interface CheckActionOptions {
  policy: LoadedPolicy;
  /** Hand-written action description; read with `extractAssignment`. */
  action?: string;
  /** Explicit variables (`--vars`); used as given. */
  vars?: Record<string, Value>;
  /** Named list data. Default: none. */
  lists?: ListData;
  /** Prior session totals of counter session variables. Default: none (a fresh session). */
  sessionTotals?: SessionTotals;
}

/** Explicit variables: names to booleans, numbers or strings. */
export const varsSchema = z.record(z.string(), z.union([z.boolean(), z.number(), z.string()]));

/** Parses `--vars` JSON; anything else is INPUT_INVALID. */
export function parseVars(json: string): Record<string, Value> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `--vars is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
  return validateVars(value, '--vars');
}

/** Validates an object of explicit variables. */
export function validateVars(value: unknown, where: string): Record<string, Value> {
  const parsed = varsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new PreflightError({
    code: 'INPUT_INVALID',
    message: `${where} must be an object of variable names to true/false, numbers or strings, e.g. {"authorization_token": false}.`,
    details: { issues: parsed.error.issues },
  });
}

/** Explicit variables must be the policy's: a typo would otherwise read as "unknown". */
function assertKnownVariables(policy: LoadedPolicy, vars: Record<string, Value>): void {
  const names = new Set(policy.ir.variables.map((variable) => variable.name));
  const unknown = Object.keys(vars).filter((name) => !names.has(name));
  if (unknown.length === 0) return;
  throw new PreflightError({
    code: 'EVALUATION_VARIABLE_UNKNOWN',
    message: `The policy has no variable ${unknown.map((name) => `"${name}"`).join(', ')}. Its variables: ${[...names].join(', ')}.`,
    details: { unknown },
  });
}

/**
 * Decides one action against a policy with the embedded evaluator: reads the action text (or
 * takes the explicit variables), adds session totals for counters, evaluates. Unknown variable
 * names or ill-typed values in explicit variables throw (input errors).
 */
export function checkAction({
  policy,
  action,
  vars,
  lists,
  sessionTotals,
}: CheckActionOptions): CheckReport {
  if (vars !== undefined) assertKnownVariables(policy, vars);
  const extracted =
    action !== undefined
      ? extractAssignment(policy.ir, action, { lists })
      : { assignment: vars ?? {}, notes: {} as Record<string, string> };
  const variables = applyCounters(policy.ir, extracted.assignment, sessionTotals);
  const notes: Record<string, string> = { ...extracted.notes };
  for (const counter of policy.ir.counters) {
    const total = variables[counter.sessionVariable];
    if (total === undefined || counter.sessionVariable in extracted.assignment) continue;
    const prior = sessionTotals?.[counter.sessionVariable] ?? 0;
    notes[counter.sessionVariable] =
      `session total: ${prior} before + ${String(variables[counter.actionVariable])} in this action`;
  }
  const evaluation = createEvaluator(policy.ir).evaluate(variables);
  return {
    result: evaluation.result,
    allowed: evaluation.result === 'SAT',
    violations: evaluation.violations,
    unknown: evaluation.unknown,
    variables,
    notes,
    engine: 'local',
    policyHash: policy.hash,
    ...(action === undefined ? {} : { action }),
  };
}
