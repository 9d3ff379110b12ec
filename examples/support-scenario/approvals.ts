// The app's approvals desk: one supervisor with a signing key, trusted for authorization tokens.
// When the guard blocks a change that an approval would allow, the app asks the supervisor, who
// signs a token bound to exactly that tool call (tool, args digest, session).
import {
  type ApprovalRequest,
  addApprover,
  approvalRequestFor,
  createTokenVerifier,
  createTrustStore,
  type Decision,
  emptyTrustStoreData,
  generateApproverKeyPair,
  issueApprovalToken,
  type PermissionVerifier,
} from '@preflight/core';
import { approverId } from './script';

export interface ApprovalsDesk {
  /** The guard's `permissionVerifier`: tokens must be signed by a trusted approver. */
  verifier: PermissionVerifier;
  /** The supervisor signs the approval a blocked decision asks for; undefined if none helps. */
  approve(
    decision: Decision,
    args: unknown,
  ): Promise<{ request: ApprovalRequest; token: string; tokenId: string } | undefined>;
}

export async function createApprovalsDesk(): Promise<ApprovalsDesk> {
  const approver = await generateApproverKeyPair();
  const trustStore = createTrustStore(
    addApprover(emptyTrustStoreData(), {
      id: approverId,
      publicKey: approver.publicJwk,
      name: 'M. Hayes (support supervisor)',
      variables: ['authorization_token'],
    }),
  );
  return {
    verifier: createTokenVerifier({ trustStore }),
    async approve(decision, args) {
      const request = approvalRequestFor(decision, { args, approverId });
      if (request === undefined) return undefined;
      const tokenId = `appr-${crypto.randomUUID()}`;
      const token = await issueApprovalToken({
        approverId,
        privateKey: approver.privateJwk,
        variable: 'authorization_token',
        tool: request.tool,
        argsDigest: request.argsDigest,
        sessionId: request.sessionId,
        tokenId,
      });
      return { request, token, tokenId };
    },
  };
}
