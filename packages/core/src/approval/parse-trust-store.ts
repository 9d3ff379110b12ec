import { z } from 'zod';
import { PreflightError } from '../errors';
import { type TrustStoreData, trustStoreDataSchema } from './trust-store-schema';

/**
 * Validates trust store JSON (already parsed) and reports every bad field at once.
 * Throws `TRUST_STORE_INVALID`.
 */
export function parseTrustStore(json: unknown, { source = 'trust store' } = {}): TrustStoreData {
  const parsed = trustStoreDataSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new PreflightError({
    code: 'TRUST_STORE_INVALID',
    message: `Invalid ${source}:\n${z.prettifyError(parsed.error)}`,
    details: { issues: parsed.error.issues },
  });
}
