import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../guard';
import { compilePolicy } from '../policy';
import { approvalFixture } from './__fixtures__/approval-fixtures';

// Attack: make one human approval satisfy more than exactly one action, once.
const policyText = readFileSync(
  new URL('../../../../examples/iso42001/policy.txt', import.meta.url),
  'utf8',
);

async function setup(options: Parameters<typeof approvalFixture>[0] = {}) {
  const fixture = await approvalFixture(options);
  const guard = await createGuard({
    policy: compilePolicy(policyText),
    permissionVerifier: fixture.verifier,
    clock: fixture.clock.now,
    tools: {
      updateRecord: {
        variables: {
          modify_production_records: { const: true },
          transfer_customer_records: { const: false },
          record_count: { const: 1 },
          // The record's classification comes from the app's data, keyed by the record id.
          classification: (args: { id: number }) => (args.id === 7 ? 'restricted' : 'internal'),
        },
      },
    },
  });
  const call = (sessionId = fixture.action.sessionId, args: unknown = fixture.action.args) => ({
    tool: fixture.action.tool,
    args,
    toolCallId: `call-${sessionId}`,
    sessionId,
  });
  return { ...fixture, guard, call };
}

describe('attack: stretching one approval token', () => {
  it('a token is refused for a variable it was not issued for', async () => {
    const f = await setup();
    const token = await f.issue();
    // Offered only as approval_token: it does not satisfy it, and authorization_token is absent.
    const decision = await f.guard.check(f.call(), { approval_token: token });
    expect(decision).toMatchObject({ allowed: false, result: 'UNSAT' });
    expect(decision.permissions).toEqual([
      expect.objectContaining({
        variable: 'approval_token',
        ok: false,
        reason: expect.stringMatching(/^wrong_variable/),
      }),
    ]);
  });

  it('the same token offered for two variables satisfies only the one it names', async () => {
    const f = await setup();
    const token = await f.issue();
    const decision = await f.guard.check(f.call(), {
      authorization_token: token,
      re_authorization_token: token,
      approval_token: token,
    });
    expect(decision.action?.assignment).toMatchObject({
      authorization_token: true,
      re_authorization_token: false,
      approval_token: false,
    });
    expect(decision.permissions?.filter((p) => p.ok)).toHaveLength(1);
  });

  it('parallel calls racing with one token: exactly one is allowed', async () => {
    const f = await setup();
    const token = await f.issue();
    const decisions = await Promise.all(
      Array.from({ length: 8 }, () => f.guard.check(f.call(), { authorization_token: token })),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(1);
    const refused = decisions.filter((d) => !d.allowed);
    for (const decision of refused) expect(decision.reason).toMatch(/replayed/);
  });

  it('a token without a session binding is still single use across sessions', async () => {
    const f = await setup();
    const token = await f.issue({ sessionId: undefined });
    const first = await f.guard.check(f.call('session-a'), { authorization_token: token });
    const second = await f.guard.check(f.call('session-b'), { authorization_token: token });
    expect(first.allowed).toBe(true);
    expect(second).toMatchObject({ allowed: false });
    expect(second.reason).toMatch(/replayed/);
  });

  it('a session-bound token cannot be spent in another session, and stays usable in its own', async () => {
    const f = await setup();
    const token = await f.issue();
    const elsewhere = await f.guard.check(f.call('other'), { authorization_token: token });
    expect(elsewhere.reason).toMatch(/wrong_session/);
    const home = await f.guard.check(f.call(), { authorization_token: token });
    expect(home.allowed).toBe(true);
  });

  it('expiry honours the clock skew exactly, on both sides of the boundary', async () => {
    const f = await setup({ clockSkewSeconds: 30 });
    const lastGood = await f.issue({ ttlSeconds: 60 });
    const tooLate = await f.issue({ ttlSeconds: 60 });
    f.clock.advance(60 + 29);
    expect((await f.guard.check(f.call(), { authorization_token: lastGood })).allowed).toBe(true);
    f.clock.advance(1);
    const expired = await f.guard.check(f.call(), { authorization_token: tooLate });
    expect(expired.allowed).toBe(false);
    expect(expired.reason).toMatch(/expired/);
  });

  it('a token issued in the future beyond the skew is refused', async () => {
    const f = await setup({ clockSkewSeconds: 30 });
    const future = new Date(f.clock.now().getTime() + 120_000);
    const token = await f.issue({ now: () => future });
    const decision = await f.guard.check(f.call(), { authorization_token: token });
    expect(decision.reason).toMatch(/not_yet_valid/);
  });

  it('changed args, even a look-alike spelling of a value, are another action', async () => {
    const f = await setup();
    const token = await f.issue();
    const changed = { ...f.action.args, status: 'cl\u043Esed' }; // Cyrillic о
    const decision = await f.guard.check(f.call(undefined, changed), {
      authorization_token: token,
    });
    expect(decision.reason).toMatch(/wrong_action/);
    // The refused token was not spent: the approved action still runs with it.
    expect((await f.guard.check(f.call(), { authorization_token: token })).allowed).toBe(true);
  });

  it('a token for a blocked tool call is spent even when another rule blocks (by design)', async () => {
    const f = await setup();
    const restricted = { ...f.action.args, id: 7 };
    const token = await f.issue({ args: restricted });
    const blocked = await f.guard.check(f.call(undefined, restricted), {
      authorization_token: token,
    });
    expect(blocked).toMatchObject({
      allowed: false,
      violations: [expect.objectContaining({ id: 4 })],
    });
    const again = await f.guard.check(f.call(undefined, restricted), {
      authorization_token: token,
      approval_token: 'x',
    });
    expect(again.reason).toMatch(/replayed/);
  });
});
