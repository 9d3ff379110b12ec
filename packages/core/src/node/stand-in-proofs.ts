import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** The proof endpoints of the stand-in; see {@link createStandInProofs}. */
export interface StandInProofs {
  /** Records the proof of a `checkIt` whose verdict is `result`; returns its new id. */
  issue(result: string): string;
  /** Answers `getProof`, `downloadProof` or `verifyProof` for `proofId`. */
  answer(
    endpoint: string,
    proofId: string,
    res: ServerResponse,
    json: (status: number, value: unknown) => void,
  ): void;
}

/**
 * The stand-in's proof lifecycle: `GET /proof/{id}` answers 404 `proofPendingPolls` times before
 * the proof is ready, and a proof is single use (download or verify it once; then 409).
 */
export function createStandInProofs(proofPendingPolls: number): StandInProofs {
  const proofs = new Map<string, { polls: number; consumed: boolean; result: string }>();
  return {
    issue(result) {
      const proofId = randomUUID();
      proofs.set(proofId, { polls: 0, consumed: false, result });
      return proofId;
    },
    answer(endpoint, proofId, res, json) {
      const proof = proofs.get(proofId);
      if (!proof) return json(404, { error: 'proof not found' });
      if (endpoint === 'getProof') {
        if (proof.polls++ < proofPendingPolls) return json(404, { error: 'proof not ready' });
        return json(200, {
          proof_id: proofId,
          policy_hash: '0'.repeat(64),
          claimed_result: proof.result === 'UNSAT' ? 1 : 0,
          result: proof.result,
          valid: true,
          used: proof.consumed,
          proof_bytes_len: 32,
          created_at: new Date().toISOString(),
        });
      }
      if (proof.consumed) return json(409, { error: 'proof already consumed' });
      proof.consumed = true;
      if (endpoint === 'verifyProof')
        return json(200, { valid: true, claimed_result: proof.result, verify_ms: 1, used: true });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from(`proof:${proofId}`));
    },
  };
}
