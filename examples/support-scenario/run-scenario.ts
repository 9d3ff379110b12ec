// The scenario's run, whatever the framework: one guard over the shared CRM and mappings, three
// operator turns in one session, the supervisor's approval after turn 2, and the evidence check
// at the end. A demo adds only its agent: how one operator turn runs through its framework.
import { readFile } from 'node:fs/promises';
import { createGuard, type Decision, type Guard } from '@preflight/core';
import { createEvidenceRecorder, verifyEvidencePath } from '@preflight/core/node';
import { createApprovalsDesk } from './approvals';
import { type Customer, createCrm } from './crm';
import type { DemoCall, DemoEvents, DemoResult } from './demo-call';
import { operatorTurns, policyPath } from './script';
import { supportMappings } from './support-mappings';

/** What a framework's agent is built over. */
export interface SupportSetup {
  /** A fresh copy of the customer database, for the tools. */
  crm: Map<string, Customer>;
  /** The guard: the ISO/IEC 42001 policy, the support mappings, evidence, the approvals desk. */
  guard: Guard;
  /** The conversation's session (the AI SDK `sessionId`, the LangGraph thread id). */
  sessionId: string;
  /**
   * Trusted context: what the app (not the model) knows. Empty until a human approves; read a
   * copy at each run so that the approval given between turns counts.
   */
  trusted: Readonly<Record<string, string>>;
  /** The guard's decisions so far, by tool call id (see `demoCalls`). */
  decisions: ReadonlyMap<string, Decision>;
}

/** What one operator turn produced: the guarded tool calls, and the agent's final text. */
export interface TurnResult {
  calls: DemoCall[];
  text: string;
}

/** Runs one operator turn through the framework's agent. */
export type RunTurn = (turn: number, operator: string) => Promise<TurnResult>;

/** What each demo's `runDemo` takes. */
export interface RunDemoOptions<Model> {
  /** The framework's model: the scripted one, or a real one (it must support tool calling). */
  model: Model;
  /** The evidence directory. */
  evidenceDir: string;
  events: DemoEvents;
}

export interface RunSupportScenarioOptions extends Omit<RunDemoOptions<never>, 'model'> {
  /** Builds the framework's agent over the setup, and says how one turn runs through it. */
  agent: (setup: SupportSetup) => RunTurn;
}

/** A tool call the model made, as a framework reports it. */
export interface ModelToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
}

/**
 * The demo's view of a turn's tool calls: each call the guard decided, with the decision, what
 * the tool returned and whether it ran. Calls the guard never saw are left out.
 */
export function demoCalls(
  turn: number,
  toolCalls: readonly ModelToolCall[],
  decisions: ReadonlyMap<string, Decision>,
  result: { output(toolCallId: string): unknown; ran(toolCallId: string): boolean },
): DemoCall[] {
  return toolCalls.flatMap(({ toolCallId, toolName, input }): DemoCall[] => {
    const decision = decisions.get(toolCallId);
    if (decision === undefined) return [];
    return [
      {
        turn,
        toolName,
        toolCallId,
        input,
        output: result.output(toolCallId),
        decision,
        ran: result.ran(toolCallId),
      },
    ];
  });
}

/** Runs the three turns and verifies the evidence written on the way. */
export async function runSupportScenario({
  evidenceDir,
  events,
  agent,
}: RunSupportScenarioOptions): Promise<DemoResult> {
  const desk = await createApprovalsDesk();
  const recorder = createEvidenceRecorder({ dir: evidenceDir });
  const decisions = new Map<string, Decision>();
  const crm = createCrm();
  const guard = await createGuard({
    policy: await readFile(policyPath, 'utf8'),
    tools: supportMappings(crm),
    recorder,
    permissionVerifier: desk.verifier,
    onDecision: (decision) => {
      if (decision.action) decisions.set(decision.action.toolCallId, decision);
    },
  });
  const trusted: Record<string, string> = {};
  // One conversation: counters such as records processed add up across the turns.
  const sessionId = `support-${new Date().toISOString()}`;
  const runTurn = agent({ crm, guard, sessionId, trusted, decisions });

  const calls: DemoCall[] = [];
  try {
    for (const [index, operator] of operatorTurns.entries()) {
      const turn = index + 1;
      events.turnStarted(turn, operator);
      const { calls: turnCalls, text } = await runTurn(turn, operator);
      calls.push(...turnCalls);
      events.turnEnded(turn, turnCalls, text);

      // The app turns a blocked change into an approval request; the supervisor signs exactly
      // that change (tool + args + session), and the app puts the token in trusted context.
      const blockedUpdate = turnCalls.findLast(
        (call) => call.toolName === 'updateRecord' && !call.decision.allowed,
      );
      if (turn === 2 && blockedUpdate !== undefined) {
        const approval = await desk.approve(blockedUpdate.decision, blockedUpdate.input);
        if (approval !== undefined) {
          trusted['authorization_token'] = approval.token;
          events.approvalIssued({ request: approval.request, tokenId: approval.tokenId });
        }
      }
    }
  } finally {
    await recorder.close();
  }
  return { calls, evidence: await verifyEvidencePath(evidenceDir) };
}
