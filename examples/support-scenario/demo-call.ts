// What a demo run reports, whatever the framework: each tool call with its decision, the
// approval, and the verified evidence.
import type { approvalRequestFor, Decision } from '@preflight/core';
import type { verifyEvidencePath } from '@preflight/core/node';

/** One tool call as the demo saw it. */
export interface DemoCall {
  turn: number;
  toolName: string;
  toolCallId: string;
  input: unknown;
  /** What the tool returned; for a blocked call nothing, or the framework's denial. */
  output: unknown;
  decision: Decision;
  ran: boolean;
}

/** What the demo reports as it goes. */
export interface DemoEvents {
  turnStarted(turn: number, operator: string): void;
  turnEnded(turn: number, calls: DemoCall[], agentText: string): void;
  approvalIssued(info: {
    request: NonNullable<ReturnType<typeof approvalRequestFor>>;
    tokenId: string;
  }): void;
}

export interface DemoResult {
  calls: DemoCall[];
  evidence: Awaited<ReturnType<typeof verifyEvidencePath>>;
}

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
