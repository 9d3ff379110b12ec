import { base64url, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { approvalFixture, T0 } from './__fixtures__/approval-fixtures';
import { approvalArgsDigest } from './approval-args-digest';
import { APPROVAL_TOKEN_TYPE } from './approval-claims';
import { generateApproverKeyPair, importApproverPrivateKey } from './approver-keys';
import { createTokenVerifier } from './create-token-verifier';
import { createTrustStore } from './create-trust-store';
import { addApprover } from './edit-trust-store';
import { createMemoryReplayStore } from './replay-store';

async function setup() {
  const fixture = await approvalFixture();
  const { action } = fixture;
  const request = (token: unknown, overrides: Record<string, unknown> = {}) => ({
    variable: action.variable,
    token,
    tool: action.tool,
    argsDigest: approvalArgsDigest(action.args),
    sessionId: action.sessionId,
    ...overrides,
  });
  return { ...fixture, request };
}

describe('createTokenVerifier', () => {
  it('accepts a valid token and grants approver_id from the verified token', async () => {
    const { verifier, issue, request } = await setup();
    const token = await issue({ tokenId: 'token-0001' });
    const check = await verifier.verify(request(token));
    expect(check).toMatchObject({
      ok: true,
      tokenId: 'token-0001',
      approverId: 'alice@example.com',
      grants: { approver_id: true },
      claims: { pfv: 'authorization_token', tool: 'updateRecord', sid: 'session-1' },
    });
  });

  it('accepts a session-less token in any session', async () => {
    const { verifier, issue, request } = await setup();
    const token = await issue({ sessionId: undefined });
    expect((await verifier.verify(request(token, { sessionId: 'other' }))).ok).toBe(true);
  });

  it.each([
    ['wrong_variable', { variable: 'approval_token' }],
    ['wrong_tool', { tool: 'deleteRecord' }],
    ['wrong_action', { argsDigest: approvalArgsDigest({ id: 43, status: 'closed' }) }],
    ['wrong_session', { sessionId: 'session-2' }],
  ])('refuses a token offered for another binding: %s', async (code, overrides) => {
    const { verifier, issue, request } = await setup();
    const check = await verifier.verify(request(await issue(), overrides));
    expect(check).toMatchObject({ ok: false, code });
    expect(check.ok || check.reason.startsWith(`${code}: `)).toBe(true);
  });

  it('refuses an expired token, tolerating the clock skew', async () => {
    const { verifier, issue, request, clock } = await setup();
    const token = await issue({ ttlSeconds: 60 });
    clock.advance(60 + 29);
    expect((await verifier.verify(request(token))).ok).toBe(true);
    const second = await issue({ ttlSeconds: 60 });
    clock.advance(60 + 30);
    expect(await verifier.verify(request(second))).toMatchObject({ ok: false, code: 'expired' });
  });

  it('refuses a token issued in the future beyond the clock skew', async () => {
    const { verifier, issue, request } = await setup();
    const later = new Date(T0.getTime() + 31_000);
    const check = await verifier.verify(request(await issue({ now: () => later })));
    expect(check).toMatchObject({ ok: false, code: 'not_yet_valid' });
  });

  it('refuses a token whose lifetime exceeds the maximum', async () => {
    const { verifier, issue, request } = await setup();
    const check = await verifier.verify(request(await issue({ ttlSeconds: 86_401 })));
    expect(check).toMatchObject({ ok: false, code: 'lifetime_too_long' });
  });

  it('accepts a token once: the second use is a replay', async () => {
    const { verifier, issue, request } = await setup();
    const token = await issue();
    expect((await verifier.verify(request(token))).ok).toBe(true);
    expect(await verifier.verify(request(token))).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('does not spend a token on a failed check', async () => {
    const { verifier, issue, request } = await setup();
    const token = await issue();
    expect((await verifier.verify(request(token, { tool: 'other' }))).ok).toBe(false);
    expect((await verifier.verify(request(token))).ok).toBe(true);
  });

  it('lets exactly one of many concurrent uses of a token through', async () => {
    const { verifier, issue, request } = await setup();
    const token = await issue();
    const checks = await Promise.all(
      Array.from({ length: 8 }, () => verifier.verify(request(token))),
    );
    expect(checks.filter((check) => check.ok)).toHaveLength(1);
  });

  it('refuses a token signed by a key the approver does not hold (forged)', async () => {
    const { verifier, issue, request } = await setup();
    const mallory = await generateApproverKeyPair();
    const check = await verifier.verify(request(await issue({ privateKey: mallory.privateJwk })));
    expect(check).toMatchObject({
      ok: false,
      code: 'bad_signature',
      claimedApproverId: 'alice@example.com',
    });
  });

  it('refuses a token from an approver not in the trust store', async () => {
    const { verifier, issue, request } = await setup();
    const mallory = await generateApproverKeyPair();
    const token = await issue({ approverId: 'mallory', privateKey: mallory.privateJwk });
    expect(await verifier.verify(request(token))).toMatchObject({
      ok: false,
      code: 'unknown_approver',
    });
  });

  it('refuses a token whose claims were edited after signing', async () => {
    const { verifier, issue, request, action } = await setup();
    const [header, payload, signature] = (await issue()).split('.') as [string, string, string];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    const otherArgs = { ...action.args, id: 1000 };
    claims.args_digest = approvalArgsDigest(otherArgs);
    const tampered = [header, base64url.encode(JSON.stringify(claims)), signature].join('.');
    const check = await verifier.verify(request(tampered, { argsDigest: claims.args_digest }));
    expect(check).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it('refuses a token whose approver id was swapped for another trusted approver', async () => {
    const fixture = await setup();
    const bob = await generateApproverKeyPair();
    const trustData = addApprover(fixture.trustData, { id: 'bob', publicKey: bob.publicJwk });
    const verifier = createTokenVerifier({
      trustStore: createTrustStore(trustData),
      now: fixture.clock.now,
    });
    const [header, payload, signature] = (await fixture.issue()).split('.') as [
      string,
      string,
      string,
    ];
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    claims.iss = 'bob';
    const tampered = [header, base64url.encode(JSON.stringify(claims)), signature].join('.');
    expect(await verifier.verify(fixture.request(tampered))).toMatchObject({
      ok: false,
      code: 'bad_signature',
    });
  });

  it.each([
    ['a plain string', 'yes'],
    ['true', true],
    ['a number', 1],
    ['an object', { token: 'x' }],
    ['three dots', 'a.b.c'],
    ['a huge string', 'x'.repeat(10_000)],
  ])('refuses %s as malformed', async (_name, token) => {
    const { verifier, request } = await setup();
    expect(await verifier.verify(request(token))).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('refuses an unsigned (alg none) token', async () => {
    const { verifier, request, action } = await setup();
    const token = new UnsecuredJWT({
      pfv: action.variable,
      tool: action.tool,
      args_digest: approvalArgsDigest(action.args),
    })
      .setIssuer('alice@example.com')
      .setIssuedAt(Math.floor(T0.getTime() / 1000))
      .setExpirationTime(Math.floor(T0.getTime() / 1000) + 60)
      .setJti('unsigned-token')
      .encode();
    expect(await verifier.verify(request(token))).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('refuses a JWT of another type signed by a trusted key', async () => {
    const { verifier, request, alice, action } = await setup();
    const key = await importApproverPrivateKey(alice.privateJwk);
    const seconds = Math.floor(T0.getTime() / 1000);
    const token = await new SignJWT({
      pfv: action.variable,
      tool: action.tool,
      args_digest: approvalArgsDigest(action.args),
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setIssuer('alice@example.com')
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + 60)
      .setJti('login-token-1')
      .sign(key);
    expect(await verifier.verify(request(token))).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('refuses a signed token with a missing binding claim', async () => {
    const { verifier, request, alice, action } = await setup();
    const key = await importApproverPrivateKey(alice.privateJwk);
    const seconds = Math.floor(T0.getTime() / 1000);
    const token = await new SignJWT({ pfv: action.variable, tool: action.tool })
      .setProtectedHeader({ alg: 'EdDSA', typ: APPROVAL_TOKEN_TYPE })
      .setIssuer('alice@example.com')
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + 60)
      .setJti('no-args-digest')
      .sign(key);
    const check = await verifier.verify(request(token));
    expect(check).toMatchObject({ ok: false, code: 'malformed' });
    expect(check.ok || check.reason).toContain('args_digest');
  });

  it('refuses an approver trusted for other variables only', async () => {
    const fixture = await setup();
    const trustData = addApprover(fixture.trustData, {
      id: 'alice@example.com',
      publicKey: fixture.alice.publicJwk,
      variables: ['approval_token'],
    });
    const verifier = createTokenVerifier({
      trustStore: createTrustStore(trustData),
      now: fixture.clock.now,
    });
    expect(await verifier.verify(fixture.request(await fixture.issue()))).toMatchObject({
      ok: false,
      code: 'approver_not_allowed',
    });
  });

  it('accepts a token signed by any of the approver keys (rotation)', async () => {
    const fixture = await setup();
    const next = await generateApproverKeyPair();
    const trustData = addApprover(fixture.trustData, {
      id: 'alice@example.com',
      publicKey: next.publicJwk,
    });
    expect(trustData.approvers['alice@example.com']?.keys).toHaveLength(2);
    const verifier = createTokenVerifier({
      trustStore: createTrustStore(trustData),
      now: fixture.clock.now,
    });
    const token = await fixture.issue({ privateKey: next.privateJwk });
    expect((await verifier.verify(fixture.request(token))).ok).toBe(true);
  });

  it('fails closed when the trust store or the replay store fails', async () => {
    const fixture = await setup();
    const broken = createTokenVerifier({
      trustStore: { getApprover: () => Promise.reject(new Error('disk gone')) },
      now: fixture.clock.now,
    });
    expect(await broken.verify(fixture.request(await fixture.issue()))).toMatchObject({
      ok: false,
      code: 'unavailable',
    });
    const noReplay = createTokenVerifier({
      trustStore: createTrustStore(fixture.trustData),
      replayStore: { consume: () => Promise.reject(new Error('redis down')) },
      now: fixture.clock.now,
    });
    expect(await noReplay.verify(fixture.request(await fixture.issue()))).toMatchObject({
      ok: false,
      code: 'unavailable',
    });
  });

  it('shares single use across verifiers through one replay store', async () => {
    const fixture = await setup();
    const replayStore = createMemoryReplayStore({ now: fixture.clock.now });
    const make = () =>
      createTokenVerifier({
        trustStore: createTrustStore(fixture.trustData),
        replayStore,
        now: fixture.clock.now,
      });
    const token = await fixture.issue();
    expect((await make().verify(fixture.request(token))).ok).toBe(true);
    expect(await make().verify(fixture.request(token))).toMatchObject({ code: 'replayed' });
  });

  it('grants nothing extra when approverVariable is null', async () => {
    const fixture = await approvalFixture({ approverVariable: null });
    const token = await fixture.issue();
    const check = await fixture.verifier.verify({
      variable: fixture.action.variable,
      token,
      tool: fixture.action.tool,
      argsDigest: approvalArgsDigest(fixture.action.args),
      sessionId: fixture.action.sessionId,
    });
    expect(check).toMatchObject({ ok: true, grants: {} });
  });
});
