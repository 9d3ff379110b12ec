import { PreflightError } from '../errors';
import { approverIdSchema } from './approval-claims';
import {
  type ApproverPublicJwk,
  approverPublicJwkSchema,
  type TrustedApproverEntry,
  type TrustStoreData,
  trustedApproverEntrySchema,
} from './trust-store-schema';

export interface AddApproverOptions {
  /** Approver id (the `iss` of their tokens). Required. */
  id: string;
  /** The approver's public key. Required. */
  publicKey: ApproverPublicJwk;
  /** Display name. Default: none. */
  name?: string;
  /** Policy variables the approver may satisfy. Default: any variable. */
  variables?: string[];
  /** Timestamp recorded as `addedAt`. Default: now. */
  now?: Date;
}

/**
 * Returns a copy of `data` with the approver added, or with the key added to an existing
 * approver (key rotation). Adding a key that is already there is a no-op. Pure: writing the
 * file is the caller's job.
 */
export function addApprover(
  data: TrustStoreData,
  { id, publicKey, name, variables, now = new Date() }: AddApproverOptions,
): TrustStoreData {
  const idCheck = approverIdSchema.safeParse(id);
  if (!idCheck.success) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `Invalid approver id "${id}": ${idCheck.error.issues[0]?.message}`,
    });
  }
  const keyCheck = approverPublicJwkSchema.safeParse(publicKey);
  if (!keyCheck.success) {
    throw new PreflightError({
      code: 'KEY_INVALID',
      message: `Invalid public key for approver "${id}": ${keyCheck.error.issues[0]?.message}`,
    });
  }
  const key = keyCheck.data;
  const existing = Object.hasOwn(data.approvers, id) ? data.approvers[id] : undefined;
  const keys = existing?.keys ?? [];
  const entry: TrustedApproverEntry = {
    ...existing,
    keys: keys.some((known) => known.x === key.x) ? keys : [...keys, key],
    addedAt: existing?.addedAt ?? now.toISOString(),
  };
  if (name !== undefined) entry.name = name;
  if (variables !== undefined) entry.variables = [...variables];
  const entryCheck = trustedApproverEntrySchema.safeParse(entry);
  if (!entryCheck.success) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `Invalid approver "${id}": ${entryCheck.error.issues[0]?.message}`,
    });
  }
  return { ...data, approvers: { ...data.approvers, [id]: entryCheck.data } };
}

/** Returns a copy of `data` without the approver; their tokens stop verifying at once. */
export function removeApprover(data: TrustStoreData, id: string): TrustStoreData {
  if (!Object.hasOwn(data.approvers, id)) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `No approver "${id}" in the trust store.`,
      details: { approverId: id },
    });
  }
  const { [id]: _removed, ...rest } = data.approvers;
  return { ...data, approvers: rest };
}
