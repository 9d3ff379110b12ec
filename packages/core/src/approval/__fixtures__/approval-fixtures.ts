import { generateApproverKeyPair } from '../approver-keys';
import { createTokenVerifier, type TokenVerifierOptions } from '../create-token-verifier';
import { createTrustStore } from '../create-trust-store';
import { addApprover } from '../edit-trust-store';
import { type IssueApprovalTokenOptions, issueApprovalToken } from '../issue-approval-token';
import { emptyTrustStoreData } from '../trust-store-schema';

/** A fixed instant, so that expiry tests move a clock instead of waiting. */
export const T0 = new Date('2025-06-01T12:00:00Z');

/** A settable clock shared by issuer, verifier and replay store in a test. */
export function testClock(start = T0) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(seconds: number) {
      current += seconds * 1000;
    },
  };
}

/** Alice (trusted), plus a fresh verifier over a trust store that holds only her. */
export async function approvalFixture(options: Partial<TokenVerifierOptions> = {}) {
  const clock = testClock();
  const alice = await generateApproverKeyPair();
  const trustData = addApprover(emptyTrustStoreData(), {
    id: 'alice@example.com',
    publicKey: alice.publicJwk,
    now: T0,
  });
  const verifier = createTokenVerifier({
    trustStore: createTrustStore(trustData),
    now: clock.now,
    ...options,
  });
  const action = {
    variable: 'authorization_token',
    tool: 'updateRecord',
    args: { id: 42, status: 'closed' },
    sessionId: 'session-1',
  };
  function issue(overrides: Partial<IssueApprovalTokenOptions> = {}) {
    return issueApprovalToken({
      approverId: 'alice@example.com',
      privateKey: alice.privateJwk,
      variable: action.variable,
      tool: action.tool,
      args: action.args,
      sessionId: action.sessionId,
      now: clock.now,
      ...overrides,
    });
  }
  return { clock, alice, trustData, verifier, action, issue };
}
