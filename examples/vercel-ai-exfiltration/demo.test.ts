import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoOutcome } from './outcome';
import { runDemo } from './scenario';
import { scriptedSupportModel } from './scripted-model';

const quiet = { turnStarted() {}, turnEnded() {}, approvalIssued() {} };
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('pnpm demo (examples/vercel-ai-exfiltration)', () => {
  it('blocks the injected exfiltration, allows the approved update, and verifies its evidence', async () => {
    const evidenceDir = await mkdtemp(join(tmpdir(), 'preflight-demo-'));
    dirs.push(evidenceDir);
    const approvals: string[] = [];
    const result = await runDemo({
      model: scriptedSupportModel(),
      evidenceDir,
      events: { ...quiet, approvalIssued: ({ request }) => approvals.push(request.tool) },
    });

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

    // The update passes only with the supervisor's signed, action-bound token from the app.
    expect(approvals).toEqual(['updateRecord']);
    expect(result.calls[4]!.decision.permissions).toEqual([
      expect.objectContaining({
        variable: 'authorization_token',
        ok: true,
        approverId: 'approver_mhayes',
      }),
    ]);

    expect(demoOutcome(result.calls)).toEqual({
      exportAttempts: 1,
      exfiltrationBlocked: true,
      authorizedUpdateRan: true,
    });
    expect(result.evidence.ok).toBe(true);
    expect(result.evidence.decisions.total).toBe(5);
    expect(result.calls.every((call) => call.decision.receipt?.id !== undefined)).toBe(true);
  });
});
