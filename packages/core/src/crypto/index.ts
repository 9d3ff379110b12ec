export { base64UrlDecode, base64UrlEncode } from './base64url';
export { canonicalJson } from './canonical-json';
export { digestJson, sha256Hex } from './digest';
export {
  type Ed25519PrivateJwk,
  type Ed25519PublicJwk,
  ed25519KeyId,
  generateEd25519Jwk,
  importEd25519SigningKey,
  importEd25519VerifyKey,
  isEd25519PublicJwk,
  signEd25519,
  toEd25519PublicJwk,
  verifyEd25519,
} from './ed25519';
export {
  createWebCryptoEd25519Verifier,
  type Ed25519BatchVerifier,
  type Ed25519Check,
  type WebCryptoEd25519VerifierOptions,
} from './ed25519-batch';
export { portableSha256, type Sha256 } from './sha256';
export { timingSafeEqual } from './timing-safe-equal';
