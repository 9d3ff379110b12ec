export { buildDecisionReceipt } from './build-decision-receipt';
export { extractIcmeEvidence } from './icme-evidence';
export {
  decodeJwsHeader,
  decodeJwsPayload,
  encodeJwsHeader,
  type FlattenedJws,
  type JwsHeader,
  type JwsType,
  jwsSigningInput,
  jwsTypes,
  parseFlattenedJws,
  toCompactJws,
  verifyJwsSignature,
} from './jws-envelope';
export { createJwsSigner, type JwsSigner } from './jws-signer';
export {
  type DecisionReceipt,
  decisionReceiptSchema,
  decisionResultSchema,
  type IcmeEvidence,
  icmeEvidenceSchema,
  receiptVariableSchema,
  receiptVerdictSchema,
} from './receipt-schema';
