import { PreflightError } from '../errors';
import type { PolicyIR } from '../policy/ir';
import { coerceValue } from './coerce-value';
import { permissionVariables } from './permission-variables';
import type { ToolMapping, ToolMappings } from './tool-mapping';

/**
 * Checks a guard's tool mappings against its policy when the guard is created, so a typo in a
 * variable name fails at start-up instead of silently leaving a variable unknown. Returns the
 * mappings as a Map (a tool named `constructor` or `__proto__` never finds a prototype member).
 * Throws one PreflightError GUARD_CONFIG_INVALID listing every problem.
 */
export function validateToolMappings(
  policy: PolicyIR,
  tools: ToolMappings,
): Map<string, ToolMapping> {
  const problems: string[] = [];
  const mappings = new Map<string, ToolMapping>();
  if (tools === null || typeof tools !== 'object') {
    throw invalid(['`tools` must be an object of tool name -> mapping']);
  }
  const sessionVariables = new Set(policy.counters.map((counter) => counter.sessionVariable));
  const targets = new Set([
    ...policy.variables.map((variable) => variable.name),
    ...policy.lists.map((list) => list.subject),
  ]);
  const granting = permissionVariables(policy);
  const variables = new Map(policy.variables.map((variable) => [variable.name, variable]));

  for (const [tool, mapping] of Object.entries(tools)) {
    mappings.set(tool, mapping);
    const where = `tools.${tool}`;
    if (typeof mapping === 'function') continue;
    if (mapping === null || typeof mapping !== 'object') {
      problems.push(`${where} must be a function or a mapping object`);
      continue;
    }
    if (mapping.args !== undefined && typeof mapping.args?.safeParse !== 'function') {
      problems.push(`${where}.args must be a schema with safeParse (e.g. a zod schema)`);
    }
    if (mapping.map !== undefined && typeof mapping.map !== 'function') {
      problems.push(`${where}.map must be a function`);
    }
    if (mapping.nameMatching !== undefined && typeof mapping.nameMatching !== 'boolean') {
      problems.push(`${where}.nameMatching must be true or false`);
    }
    for (const [name, source] of Object.entries(mapping.variables ?? {})) {
      if (sessionVariables.has(name)) {
        problems.push(
          `${where}.variables.${name} is a session total; only the session store sets it`,
        );
      } else if (!targets.has(name)) {
        problems.push(`${where}.variables.${name} is neither a policy variable nor a list subject`);
      }
      const sourceProblem = checkSource(source);
      if (sourceProblem !== undefined) problems.push(`${where}.variables.${name} ${sourceProblem}`);
      const variable = variables.get(name);
      if (sourceProblem === undefined && variable !== undefined && isConst(source)) {
        const coerced = coerceValue(variable, source.const, false);
        if (!coerced.ok) problems.push(`${where}.variables.${name} const: ${coerced.reason}`);
      }
    }
    for (const name of mapping.trustArgs ?? []) {
      if (!granting.has(name)) {
        problems.push(
          `${where}.trustArgs names "${name}", which is not a permission-granting variable`,
        );
      }
    }
  }
  if (problems.length > 0) throw invalid(problems);
  return mappings;
}

function isConst(source: unknown): source is { const: unknown } {
  return typeof source === 'object' && source !== null && 'const' in source;
}

function checkSource(source: unknown): string | undefined {
  if (typeof source === 'string' || typeof source === 'function') return undefined;
  if (source === null || typeof source !== 'object')
    return 'must be an args path, a function or a source object';
  const record = source as Record<string, unknown>;
  if (record['from'] === 'arg' && typeof record['path'] === 'string') return undefined;
  if (record['from'] === 'context' && typeof record['key'] === 'string') return undefined;
  if (typeof record['count'] === 'string') return undefined;
  if ('const' in record) {
    const value = record['const'];
    if (
      typeof value === 'boolean' ||
      typeof value === 'string' ||
      (typeof value === 'number' && Number.isFinite(value))
    ) {
      return undefined;
    }
    return 'has a const that is not a boolean, finite number or string';
  }
  return "must be { from: 'arg', path }, { from: 'context', key }, { count: path } or { const: value }";
}

function invalid(problems: readonly string[]): PreflightError {
  return new PreflightError({
    code: 'GUARD_CONFIG_INVALID',
    message: `Invalid tool mappings: ${problems.join('; ')}.`,
    details: { problems: [...problems] },
  });
}
