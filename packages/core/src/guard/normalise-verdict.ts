import type { EngineVerdict, Violation } from './types';

const results = new Set(['SAT', 'UNSAT', 'SATISFIABLE', 'ERROR']);

function errorVerdict(engine: string, reason: string): EngineVerdict {
  return { engine, result: 'ERROR', violations: [], unknown: [], reason };
}

/**
 * An engine's answer as a well-formed {@link EngineVerdict}: anything not shaped like a verdict
 * (no object, a result outside SAT / UNSAT / SATISFIABLE / ERROR, including a lower-case one)
 * becomes an ERROR verdict named after `engine`; malformed violations and unknowns are dropped.
 * Whatever admits or combines verdicts (the guard, the dual engine) reads them through this, so
 * an unknown result can never rank as harmless. Never throws on plain data.
 */
export function normaliseVerdict(raw: unknown, engine: string): EngineVerdict {
  if (raw === null || typeof raw !== 'object')
    return errorVerdict(engine, 'the engine returned no verdict');
  const verdict = raw as Partial<EngineVerdict>;
  if (typeof verdict.result !== 'string' || !results.has(verdict.result)) {
    return errorVerdict(
      engine,
      `the engine returned an unknown result ${describeResult(verdict.result)}`,
    );
  }
  const violations = Array.isArray(verdict.violations)
    ? verdict.violations.filter(
        (v): v is Violation => typeof v?.id === 'number' && typeof v?.text === 'string',
      )
    : [];
  const unknown = Array.isArray(verdict.unknown)
    ? verdict.unknown.filter((name): name is string => typeof name === 'string')
    : [];
  const normalised: EngineVerdict = {
    ...verdict,
    engine: typeof verdict.engine === 'string' ? verdict.engine : engine,
    result: verdict.result,
    violations,
    unknown,
  };
  if (normalised.result === 'ERROR' && typeof normalised.reason !== 'string') {
    normalised.reason = 'the engine gave no reason';
  }
  return normalised;
}

// A result that is not a string may be any object, even one String() throws on.
function describeResult(result: unknown): string {
  if (typeof result === 'string') return JSON.stringify(result).slice(0, 60);
  return result === null || typeof result === 'object' || typeof result === 'function'
    ? `of type ${result === null ? 'null' : typeof result}`
    : JSON.stringify(String(result)).slice(0, 60);
}
