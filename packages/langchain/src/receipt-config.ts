import type { RunnableConfig } from '@langchain/core/runnables';
import type { Decision } from '@preflight/core';
import { receiptMetadata } from './decision-record';

/** Metadata key under which an allowed call's tool run carries its receipt. */
export const RECEIPT_METADATA_KEY = 'preflight_receipt';

/**
 * The run config fields that put an allowed call's receipt on its tool run: metadata
 * `preflight_receipt` and the tag `preflight:allowed` (or `preflight:shadow-violation` when a
 * shadow-mode guard let through a call it would have blocked).
 */
export function receiptConfig(decision: Decision): {
  metadata: Record<string, unknown>;
  tags: string[];
} {
  const tag = decision.wouldAllow ? 'preflight:allowed' : 'preflight:shadow-violation';
  return { metadata: { [RECEIPT_METADATA_KEY]: receiptMetadata(decision) }, tags: [tag] };
}

/** `config` plus the receipt's metadata and tag (the caller's own metadata and tags are kept). */
export function withReceiptConfig<C extends RunnableConfig>(
  config: C | undefined,
  decision: Decision,
): C {
  const { metadata, tags } = receiptConfig(decision);
  return {
    ...(config ?? ({} as C)),
    metadata: { ...config?.metadata, ...metadata },
    tags: [...(config?.tags ?? []), ...tags],
  };
}
