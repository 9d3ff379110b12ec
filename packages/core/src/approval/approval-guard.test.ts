import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../guard';
import { compilePolicy } from '../policy';
import { approvalFixture } from './__fixtures__/approval-fixtures';
import { approvalRequestFor } from './approval-request-for';
import { generateApproverKeyPair } from './approver-keys';
import { issueApprovalToken } from './issue-approval-token';

const policyText = readFileSync(
  new URL('../../../../examples/iso42001/policy.txt', import.meta.url),
  'utf8',
);

/** The ISO 42001 policy, a verifier trusting Alice, and one production update to approve. */
async function setup() {
  const fixture = await approvalFixture();
  const guard = await createGuard({
    policy: compilePolicy(policyText),
    permissionVerifier: fixture.verifier,
    clock: fixture.clock.now,
    tools: {
      updateRecord: {
        variables: {
          modify_production_records: { const: true },
          record_count: { const: 1 },
          classification: { const: 'internal' },
        },
      },
    },
  });
  const call = {
    tool: fixture.action.tool,
    args: fixture.action.args,
    toolCallId: 'call-1',
    sessionId: fixture.action.sessionId,
  };
  return { ...fixture, guard, call };
}

describe('approvals through the guard (ISO 42001 policy)', () => {
  it('blocks without a token, asks for exactly the approval, and allows the retry with it', async () => {
    const { guard, call, issue } = await setup();
    const blocked = await guard.check(call, {});
    expect(blocked).toMatchObject({ allowed: false, result: 'UNSAT' });
    const request = approvalRequestFor(blocked, {
      args: call.args,
      approverId: 'alice@example.com',
    });
    expect(request).toMatchObject({
      tool: 'updateRecord',
      sessionId: 'session-1',
      variables: ['authorization_token'],
      argsDigest: blocked.action?.argsDigest,
    });
    expect(request?.commands[0]).toContain(
      '--variable authorization_token --tool updateRecord --args \'{"id":42,"status":"closed"}\'',
    );

    const token = await issue();
    const allowed = await guard.check(call, { authorization_token: token });
    expect(allowed).toMatchObject({ allowed: true, result: 'SAT' });
    expect(allowed.action?.variables.approver_id).toMatchObject({ value: true });
    expect(allowed.permissions).toEqual([
      {
        variable: 'authorization_token',
        ok: true,
        tokenId: expect.any(String),
        approverId: 'alice@example.com',
      },
    ]);
  });

  it.each([
    [
      'expired',
      async (f: Awaited<ReturnType<typeof setup>>) => {
        const token = await f.issue({ ttlSeconds: 60 });
        f.clock.advance(120);
        return token;
      },
    ],
    [
      'wrong_action',
      (f: Awaited<ReturnType<typeof setup>>) => f.issue({ args: { id: 43, status: 'closed' } }),
    ],
    ['wrong_tool', (f: Awaited<ReturnType<typeof setup>>) => f.issue({ tool: 'deleteRecord' })],
    [
      'bad_signature',
      async (f: Awaited<ReturnType<typeof setup>>) => {
        const forger = await generateApproverKeyPair();
        return f.issue({ privateKey: forger.privateJwk });
      },
    ],
    [
      'unknown_approver',
      async (f: Awaited<ReturnType<typeof setup>>) => {
        const stranger = await generateApproverKeyPair();
        return issueApprovalToken({
          approverId: 'mallory',
          privateKey: stranger.privateJwk,
          variable: 'authorization_token',
          tool: f.action.tool,
          args: f.action.args,
          now: f.clock.now,
        });
      },
    ],
    [
      'bad_signature',
      async (f: Awaited<ReturnType<typeof setup>>) => {
        const [header, , signature] = (await f.issue()).split('.');
        const { base64url } = await import('jose');
        const forgedClaims = base64url.encode(
          JSON.stringify({ iss: 'alice@example.com', pfv: 'authorization_token' }),
        );
        return `${header}.${forgedClaims}.${signature}`;
      },
    ],
    ['malformed', async () => 'approved-by-alice'],
  ])('blocks with a %s token, saying why', async (code, makeToken) => {
    const fixture = await setup();
    const token = await makeToken(fixture);
    const decision = await fixture.guard.check(fixture.call, { authorization_token: token });
    expect(decision).toMatchObject({ allowed: false, result: 'UNSAT' });
    expect(decision.action?.variables.authorization_token).toMatchObject({ value: false });
    expect(decision.permissions?.[0]).toMatchObject({ variable: 'authorization_token', ok: false });
    expect(decision.permissions?.[0]?.reason).toMatch(new RegExp(`^${code}: `));
    expect(decision.reason).toContain(code);
  });

  it('blocks a replayed token: one approval, one action', async () => {
    const { guard, call, issue } = await setup();
    const token = await issue();
    expect((await guard.check(call, { authorization_token: token })).allowed).toBe(true);
    const again = await guard.check(
      { ...call, toolCallId: 'call-2' },
      { authorization_token: token },
    );
    expect(again.allowed).toBe(false);
    expect(again.permissions?.[0]?.reason).toMatch(/^replayed: /);
  });

  it('ignores a token the model wrote into the tool args', async () => {
    const { guard, call, issue } = await setup();
    const token = await issue();
    const decision = await guard.check(
      {
        ...call,
        args: { ...call.args, authorization_token: token, approver_id: 'alice@example.com' },
      },
      {},
    );
    expect(decision.allowed).toBe(false);
    expect(decision.action?.variables.authorization_token).toMatchObject({ value: false });
    expect(decision.action?.variables.approver_id).toMatchObject({ value: false });

    // An unmapped tool is mapped by arg names: the token arg is seen, and ignored as untrusted.
    const byName = await guard.check(
      {
        tool: 'patchRecords',
        toolCallId: 'call-3',
        sessionId: 'session-1',
        args: {
          modify_production_records: true,
          record_count: 1,
          classification: 'internal',
          authorization_token: await issue({ tool: 'patchRecords', args: {} }),
        },
      },
      {},
    );
    expect(byName.allowed).toBe(false);
    expect(byName.action?.variables.authorization_token).toMatchObject({ value: false });
    expect(byName.action?.variables.authorization_token?.note).toMatch(/ignored/);
  });

  it('does not take approver_id from what the app typed', async () => {
    const { guard, call } = await setup();
    const decision = await guard.check(call, {
      authorization_token: 'yes',
      approver_id: 'alice@example.com',
    });
    expect(decision.allowed).toBe(false);
    expect(decision.action?.variables.approver_id).toMatchObject({ value: false });
  });
});
