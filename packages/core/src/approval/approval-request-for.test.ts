import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../guard/types';
import { approvalArgsDigest } from './approval-args-digest';
import { approvalRequestFor } from './approval-request-for';

const args = { note: "it's fine; rm -rf /", id: 7 };

function blocked(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 'decision-1',
    allowed: false,
    wouldAllow: false,
    mode: 'enforce',
    result: 'UNSAT',
    violations: [{ id: 2, text: 'Do not modify production records unless ...' }],
    unknown: [],
    screenedOut: false,
    reason: 'Blocked by rule 2.',
    code: 'POLICY_UNSAT',
    action: {
      tool: 'updateRecord',
      toolCallId: 'call-1',
      sessionId: 'session-1',
      variables: {},
      description: 'tool: updateRecord',
      digest: 'sha256:0',
      argsDigest: approvalArgsDigest(args),
      assignment: {},
    },
    verdicts: [],
    policyHash: 'sha256:1',
    wouldAllowWith: ['authorization_token', 'approver_id'],
    timings: { totalMs: 1 },
    createdAt: '2025-06-01T12:00:00.000Z',
    ...overrides,
  };
}

describe('approvalRequestFor', () => {
  it('lists the tokens to ask for (approver_id comes with any verified token)', () => {
    const request = approvalRequestFor(blocked());
    expect(request).toMatchObject({
      decisionId: 'decision-1',
      tool: 'updateRecord',
      toolCallId: 'call-1',
      sessionId: 'session-1',
      argsDigest: approvalArgsDigest(args),
      variables: ['authorization_token'],
      violations: [{ id: 2 }],
    });
    expect(request?.commands).toEqual([
      `pnpm preflight approve --approver '<approver-id>' --key '<key-file>' --variable authorization_token --tool updateRecord --args-digest ${approvalArgsDigest(args)} --session session-1`,
    ]);
  });

  it('shows the args in a command a shell passes through unchanged', () => {
    const request = approvalRequestFor(blocked(), {
      args,
      approverId: 'alice@example.com',
      keyFile: 'keys/alice.jwk.json',
      bindSession: false,
    });
    const command = request?.commands[0] ?? '';
    expect(command).not.toContain('--session');
    // The shell hands the quoted JSON back byte for byte: its digest is the action's.
    const echoed = execFileSync('sh', ['-c', `printf '%s' ${command.split(' --args ')[1]}`], {
      encoding: 'utf8',
    });
    expect(approvalArgsDigest(JSON.parse(echoed))).toBe(request?.argsDigest);
  });

  it('is undefined when no approval can help or none is needed', () => {
    expect(approvalRequestFor(blocked({ allowed: true, wouldAllow: true }))).toBeUndefined();
    expect(approvalRequestFor(blocked({ wouldAllowWith: undefined }))).toBeUndefined();
    expect(approvalRequestFor(blocked({ wouldAllowWith: ['approver_id'] }))).toBeUndefined();
    expect(approvalRequestFor(blocked({ action: undefined }))).toBeUndefined();
  });

  it('falls back to the digest when the args are not plain JSON', () => {
    const request = approvalRequestFor(blocked(), { args: { when: new Date(0) } });
    expect(request?.commands[0]).toContain('--args-digest');
  });
});
