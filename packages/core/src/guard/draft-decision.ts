import type { DecisionCode } from './decision-code';
import type {
  Action,
  DecisionResult,
  EngineVerdict,
  PermissionCheckRecord,
  Violation,
} from './types';

/** An enforce-mode outcome of the pipeline, before mode, recording and timings are applied. */
export interface Draft {
  wouldAllow: boolean;
  result: DecisionResult;
  code?: DecisionCode;
  reason: string;
  screenedOut: boolean;
  violations: Violation[];
  unknown: string[];
  verdicts: EngineVerdict[];
  action?: Action;
  wouldAllowWith?: string[];
  permissions?: PermissionCheckRecord[];
}

/** Collects what the pipeline learns as it goes, and turns it into a {@link Draft}. */
export class DraftDecision {
  action?: Action;
  verdicts: EngineVerdict[] = [];
  permissions?: PermissionCheckRecord[];
  readonly timings: { mapMs?: number; decideMs?: number } = {};

  private base(): Pick<Draft, 'verdicts'> & Partial<Pick<Draft, 'action' | 'permissions'>> {
    return {
      verdicts: this.verdicts,
      ...(this.action === undefined ? {} : { action: this.action }),
      ...(this.permissions === undefined ? {} : { permissions: this.permissions }),
    };
  }

  /** Blocked: by the engine's verdict, or (no verdict) by the guard itself, result ERROR. */
  block(code: DecisionCode, reason: string, verdict?: EngineVerdict): Draft {
    return {
      ...this.base(),
      wouldAllow: false,
      result: verdict?.result ?? 'ERROR',
      code,
      reason,
      screenedOut: false,
      violations: verdict?.violations ?? [],
      unknown: verdict?.unknown ?? [],
    };
  }

  allow(verdict: EngineVerdict, reason: string): Draft {
    return {
      ...this.base(),
      wouldAllow: true,
      result: verdict.result,
      reason,
      screenedOut: false,
      violations: verdict.violations,
      unknown: verdict.unknown,
    };
  }

  /** Passed without a check: result SAT by convention, no verdicts, `screenedOut: true`. */
  screenOut(reason: string): Draft {
    return {
      ...this.base(),
      wouldAllow: true,
      result: 'SAT',
      reason,
      screenedOut: true,
      violations: [],
      unknown: [],
    };
  }
}
