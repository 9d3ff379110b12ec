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

  // Built field by field rather than with conditional spreads: this runs on every tool call,
  // and the key order (verdicts, action, permissions, then the rest) stays what it always was.
  private draft(
    wouldAllow: boolean,
    result: DecisionResult,
    code: DecisionCode | undefined,
    reason: string,
    screenedOut: boolean,
    violations: Violation[],
    unknown: string[],
  ): Draft {
    const draft = { verdicts: this.verdicts } as Draft;
    if (this.action !== undefined) draft.action = this.action;
    if (this.permissions !== undefined) draft.permissions = this.permissions;
    draft.wouldAllow = wouldAllow;
    draft.result = result;
    if (code !== undefined) draft.code = code;
    draft.reason = reason;
    draft.screenedOut = screenedOut;
    draft.violations = violations;
    draft.unknown = unknown;
    return draft;
  }

  /** Blocked: by the engine's verdict, or (no verdict) by the guard itself, result ERROR. */
  block(code: DecisionCode, reason: string, verdict?: EngineVerdict): Draft {
    return this.draft(
      false,
      verdict?.result ?? 'ERROR',
      code,
      reason,
      false,
      verdict?.violations ?? [],
      verdict?.unknown ?? [],
    );
  }

  allow(verdict: EngineVerdict, reason: string): Draft {
    return this.draft(
      true,
      verdict.result,
      undefined,
      reason,
      false,
      verdict.violations,
      verdict.unknown,
    );
  }

  /** Passed without a check: result SAT by convention, no verdicts, `screenedOut: true`. */
  screenOut(reason: string): Draft {
    return this.draft(true, 'SAT', undefined, reason, true, [], []);
  }
}
