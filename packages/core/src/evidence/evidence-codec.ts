import { base64UrlDecode } from '../crypto/base64url';
import { portableSha256, type Sha256 } from '../crypto/sha256';

/**
 * The byte-level primitives that reading and writing a log spend their time in. The defaults are
 * portable; on Node spread `nodeEvidenceCodec` from `@preflight/core/node` into the options of
 * `verifyEvidence`, `parseEntryLine`, `buildEvidenceBundle` or the writer for native ones.
 */
export interface EvidenceCodec {
  /** SHA-256 for entry and leaf hashes. @default portableSha256 */
  sha256?: Sha256;
  /**
   * Strict base64url decoding (no padding, canonical; `undefined` when malformed), as
   * `base64UrlDecode`. @default base64UrlDecode
   */
  decodeBase64Url?: (text: string) => Uint8Array | undefined;
}

/** The codec with defaults filled in. */
export function resolveCodec({
  sha256 = portableSha256,
  decodeBase64Url = base64UrlDecode,
}: EvidenceCodec = {}): Required<EvidenceCodec> {
  return { sha256, decodeBase64Url };
}
