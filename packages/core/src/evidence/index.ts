export {
  type BuildEvidenceBundleOptions,
  type BundleFile,
  buildEvidenceBundle,
} from './build-evidence-bundle';
export type { PolicyVersion } from './bundle-sections';
export { type Checkpoint, checkpointSchema, signCheckpoint } from './checkpoint';
export { ENTRY_HASH_TAG, entryHash } from './entry-hash';
export { entryJson, prepareEntryBody } from './entry-json';
export {
  type EntryBody,
  type EvidenceEntry,
  type EvidenceEntryKind,
  entryHashSchema,
  evidenceEntrySchema,
  publicJwkSchema,
} from './entry-schema';
export { type EvidenceCodec, resolveCodec } from './evidence-codec';
export {
  createEvidenceLogRecorder,
  type EvidenceRecorder,
  type PolicyActivation,
} from './evidence-recorder';
export type {
  AppendBatch,
  AppendOptions,
  EvidenceStore,
  QuarantinedTail,
  StoreUpdate,
} from './evidence-store';
export {
  type CommittedEntry,
  createEvidenceWriter,
  type Durability,
  type EntryBuilder,
  type EvidenceWriter,
  type EvidenceWriterOptions,
} from './evidence-writer';
export {
  type Iso42001Control,
  iso42001Mapping,
  renderIso42001MappingMarkdown,
} from './iso42001-mapping';
export type { LogHead } from './log-head';
export { createMemoryEvidenceStore, type MemoryEvidenceStore } from './memory-evidence-store';
export { MerkleFrontier } from './merkle-frontier';
export { EMPTY_TREE_ROOT, jwsLeafHash, merkleLeafHash, merkleNodeHash } from './merkle-hash';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './merkle-proof';
export { MerkleTree } from './merkle-tree';
export { parseCheckpointLine } from './parse-checkpoint-line';
export {
  formatEntryLine,
  type ParsedEntryLine,
  type ParseEntryLineOptions,
  parseEntryLine,
} from './parse-entry-line';
export { type ReportHtmlInput, renderReportHtml } from './report-html';
export { createMemoryKeyRing, type SigningKeyRing } from './signing-key-ring';
export type {
  EvidenceFailure,
  EvidenceFailureCode,
  VerificationReport,
} from './verification-report';
export { type VerifyEvidenceOptions, verifyEvidence } from './verify-evidence';
export { type VerifyEvidenceBundleOptions, verifyEvidenceBundle } from './verify-evidence-bundle';
export { type ViolationMetrics, type ViolationPeriod, violationMetrics } from './violation-metrics';
