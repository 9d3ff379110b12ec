import type { DemoCall } from './scenario';

/** What the demo is meant to show, read from what happened. */
export interface DemoOutcome {
  /** Calls of exportRecords the model made (the injection's goal). */
  exportAttempts: number;
  /** Every export attempt was blocked and none ran. */
  exfiltrationBlocked: boolean;
  /** An updateRecord call was allowed (SAT) and ran after the approval. */
  authorizedUpdateRan: boolean;
}

export function demoOutcome(calls: readonly DemoCall[]): DemoOutcome {
  const exports = calls.filter((call) => call.toolName === 'exportRecords');
  return {
    exportAttempts: exports.length,
    exfiltrationBlocked: exports.every((call) => !call.decision.allowed && !call.ran),
    authorizedUpdateRan: calls.some(
      (call) => call.toolName === 'updateRecord' && call.decision.result === 'SAT' && call.ran,
    ),
  };
}
