import type { DecisionResult } from '../guard/types';
import type { EvidenceEntry } from './entry-schema';

/** Decisions and rule violations in one period (a UTC day, or an hour for short spans). */
export interface ViolationPeriod {
  period: string;
  decisions: number;
  inScope: number;
  blocked: number;
  byResult: Record<DecisionResult, number>;
  /** Rule number → UNSAT decisions that violated it. */
  violationsByRule: Record<string, number>;
}

export interface ViolationMetrics {
  granularity: 'day' | 'hour';
  periods: ViolationPeriod[];
  /** Rule number → total violations in the range, with the rule text. */
  rules: Record<string, { text: string; violations: number }>;
}

type DecisionEntry = Extract<EvidenceEntry, { kind: 'decision' }>;

/** Rule-violation metrics over time, from the decisions in the bundle's range. */
export function violationMetrics(decisions: readonly DecisionEntry[]): ViolationMetrics {
  const times = decisions.map((entry) => Date.parse(entry.time)).filter(Number.isFinite);
  const span = times.length > 0 ? Math.max(...times) - Math.min(...times) : 0;
  const granularity = span > 2 * 24 * 3600_000 ? 'day' : 'hour';
  const length = granularity === 'day' ? 10 : 13;
  const periods = new Map<string, ViolationPeriod>();
  const rules: ViolationMetrics['rules'] = {};
  for (const entry of decisions) {
    const key =
      granularity === 'day' ? entry.time.slice(0, length) : `${entry.time.slice(0, length)}:00`;
    let period = periods.get(key);
    if (!period) {
      period = {
        period: key,
        decisions: 0,
        inScope: 0,
        blocked: 0,
        byResult: { SAT: 0, UNSAT: 0, SATISFIABLE: 0, ERROR: 0 },
        violationsByRule: {},
      };
      periods.set(key, period);
    }
    period.decisions++;
    if (!entry.screenedOut) period.inScope++;
    if (!entry.wouldAllow) period.blocked++;
    period.byResult[entry.result]++;
    for (const violation of entry.violations) {
      const id = String(violation.id);
      period.violationsByRule[id] = (period.violationsByRule[id] ?? 0) + 1;
      const rule = rules[id] ?? { text: violation.text, violations: 0 };
      rule.violations++;
      rules[id] = rule;
    }
  }
  return {
    granularity,
    periods: [...periods.values()].sort((a, b) => a.period.localeCompare(b.period)),
    rules,
  };
}
