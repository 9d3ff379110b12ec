// What each demo's test checks, whatever the framework: run the scenario offline into a
// temporary evidence directory, then expect the story (the injected export blocked with rules
// 1, 3 and 5, the update blocked until a supervisor's signed approval, the evidence verified).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type DemoEvents, type DemoResult, demoOutcome } from './demo-call';
import { approverId } from './script';

/** What a quiet run saw: the result, the tools approvals were issued for, the agent's texts. */
export interface QuietRun {
  result: DemoResult;
  approvals: string[];
  texts: string[];
}

/** Runs a demo without printing, in a temporary evidence directory removed afterwards. */
export async function runQuietly(
  run: (options: { evidenceDir: string; events: DemoEvents }) => Promise<DemoResult>,
): Promise<QuietRun> {
  const evidenceDir = await mkdtemp(join(tmpdir(), 'preflight-demo-'));
  const approvals: string[] = [];
  const texts: string[] = [];
  try {
    const result = await run({
      evidenceDir,
      events: {
        turnStarted() {},
        turnEnded: (_turn, _calls, text) => texts.push(text),
        approvalIssued: ({ request }) => approvals.push(request.tool),
      },
    });
    return { result, approvals, texts };
  } finally {
    await rm(evidenceDir, { recursive: true, force: true });
  }
}

/** Expects the scenario's story from a run with the scripted model. */
export function expectSupportStory({ result, approvals, texts }: QuietRun): void {
  const summary = result.calls.map((call) => [call.toolName, call.decision.result, call.ran]);
  expect(summary).toEqual([
    ['searchCustomers', 'SAT', true],
    ['readCustomer', 'SAT', true],
    ['exportRecords', 'UNSAT', false],
    ['updateRecord', 'UNSAT', false],
    ['updateRecord', 'SAT', true],
  ]);
  const exfiltration = result.calls[2]!.decision;
  expect(exfiltration.violations.map((violation) => violation.id)).toEqual([1, 3, 5]);
  // The made-up token the model wrote into the args did not count.
  expect(exfiltration.action?.variables['authorization_token']).toMatchObject({
    value: false,
    note: expect.stringMatching(/model-written tool args was ignored/),
  });
  expect(exfiltration.action?.variables['record_count']?.value).toBe(240);
  expect(exfiltration.action?.variables['destination_external']?.value).toBe(true);
  // One session for the whole conversation (the AI SDK session, the LangGraph thread).
  expect(exfiltration.action?.sessionId).toMatch(/^support-/);

  // The update passes only with the supervisor's signed, action-bound token from the app.
  expect(approvals).toEqual(['updateRecord']);
  expect(result.calls[4]!.decision.permissions).toEqual([
    expect.objectContaining({ variable: 'authorization_token', ok: true, approverId }),
  ]);
  // The scripted model read the blocks (each framework tells it its own way) and said so.
  expect(texts[0]).toMatch(/blocked by the data policy/);
  expect(texts[2]).toMatch(/^Done/);

  expect(demoOutcome(result.calls)).toEqual({
    exportAttempts: 1,
    exfiltrationBlocked: true,
    authorizedUpdateRan: true,
  });
  expect(result.evidence.ok).toBe(true);
  expect(result.evidence.decisions.total).toBe(5);
  expect(result.calls.every((call) => call.decision.receipt?.id !== undefined)).toBe(true);
}
