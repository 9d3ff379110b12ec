import type { DecisionResult } from '../guard/types';
import type { EvidenceEntry } from './entry-schema';
import type { VerificationReport } from './verification-report';

type Summary = Pick<VerificationReport, 'entriesByKind' | 'decisions' | 'outcomes' | 'timeSpan'>;

/** Counts what a log holds, for the verification summary. */
export class EvidenceStats {
  private readonly kinds: Record<string, number> = {};
  private readonly byResult: Record<DecisionResult, number> = {
    SAT: 0,
    UNSAT: 0,
    SATISFIABLE: 0,
    ERROR: 0,
  };
  private decisions = 0;
  private allowed = 0;
  private screenedOut = 0;
  private shadow = 0;
  private outcomes = 0;
  private ran = 0;
  private failed = 0;
  private first: string | null = null;
  private last: string | null = null;

  add(entry: EvidenceEntry): void {
    this.kinds[entry.kind] = (this.kinds[entry.kind] ?? 0) + 1;
    if (this.first === null || entry.time < this.first) this.first = entry.time;
    if (this.last === null || entry.time > this.last) this.last = entry.time;
    if (entry.kind === 'decision') {
      this.decisions++;
      this.byResult[entry.result]++;
      if (entry.allowed) this.allowed++;
      if (entry.screenedOut) this.screenedOut++;
      if (entry.mode === 'shadow') this.shadow++;
    } else if (entry.kind === 'outcome') {
      this.outcomes++;
      if (entry.ran) this.ran++;
      if (entry.ran && !entry.ok) this.failed++;
    }
  }

  summary(): Summary {
    return {
      entriesByKind: { ...this.kinds },
      decisions: {
        total: this.decisions,
        byResult: { ...this.byResult },
        allowed: this.allowed,
        blocked: this.decisions - this.allowed,
        screenedOut: this.screenedOut,
        shadow: this.shadow,
      },
      outcomes: {
        total: this.outcomes,
        ran: this.ran,
        failed: this.failed,
        notRun: this.outcomes - this.ran,
      },
      timeSpan: { first: this.first, last: this.last },
    };
  }
}
