export {
  type ApproverPrivateKeyFile,
  readApproverPrivateKeyFile,
  readApproverPublicKeyFile,
  writeApproverPrivateKeyFile,
} from './approver-key-file';
export {
  type CreateEvidenceRecorderOptions,
  createEvidenceRecorder,
  DEFAULT_EVIDENCE_DIR,
} from './create-evidence-recorder';
export {
  type EvidenceDirectoryContents,
  type ExportEvidenceBundleOptions,
  exportEvidenceBundle,
  readEvidenceDirectory,
  type VerifyEvidencePathOptions,
  verifyEvidencePath,
} from './evidence-bundle-files';
export {
  acquireEvidenceLock,
  createEvidenceLock,
  type EvidenceLock,
  type EvidenceLockOptions,
} from './evidence-file-lock';
export {
  createFileEvidenceStore,
  evidenceFiles,
  type FileEvidenceStoreOptions,
} from './file-evidence-store';
export { createFileKeyRing, type FileKeyRingOptions, readPublicKeys } from './file-key-ring';
export { icmeClientOptionsFromEnv } from './icme-client-from-env';
export {
  type IcmeStandIn,
  type IcmeStandInOptions,
  type StandInCheck,
  type StandInFault,
  type StandInVerdict,
  startIcmeStandIn,
} from './icme-stand-in';
export {
  createUndiciTransport,
  type UndiciTransport,
  type UndiciTransportOptions,
} from './icme-undici-transport';
export { nodeBase64UrlDecode } from './node-base64url';
export {
  createNodeEd25519Verifier,
  type NodeEd25519Verifier,
  type NodeEd25519VerifierOptions,
} from './node-ed25519-verifier';
export { nodeEvidenceCodec } from './node-evidence-codec';
export { createNodeJwsSigner } from './node-jws-signer';
export { nodeSha256 } from './node-sha256';
export {
  type PolicyLock,
  type PolicyLockEntry,
  policyLockEntrySchema,
  policyLockPath,
  policyLockSchema,
  policyTextHash,
  readPolicyLock,
  recordPolicyVersion,
} from './policy-lock';
export {
  createFileTrustStore,
  DEFAULT_TRUST_STORE_PATH,
  type FileTrustStoreOptions,
  readTrustStoreFile,
  writeTrustStoreFile,
} from './trust-store-file';
