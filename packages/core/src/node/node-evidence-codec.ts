import type { EvidenceCodec } from '../evidence/evidence-codec';
import { nodeBase64UrlDecode } from './node-base64url';
import { nodeSha256 } from './node-sha256';

/**
 * Native SHA-256 and base64url for reading and writing evidence on Node: spread it into the
 * options of `verifyEvidence`, `parseEntryLine`, `buildEvidenceBundle` or a writer.
 *
 * @example
 * const report = await verifyEvidence({ entries, checkpoints, ...nodeEvidenceCodec, verifySignatures });
 */
export const nodeEvidenceCodec: Required<EvidenceCodec> = {
  sha256: nodeSha256,
  decodeBase64Url: nodeBase64UrlDecode,
};
