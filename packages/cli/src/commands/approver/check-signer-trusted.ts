import { readTrustStoreFile } from '@preflight/core/node';

/**
 * A warning when the signing key would not verify against the local trust store (approver not
 * in it, or with other keys); undefined when it would, or when there is no local trust store
 * (the approver may sign on another machine than the one that verifies).
 */
export async function checkSignerTrusted({
  path,
  approverId,
  publicX,
}: {
  path: string;
  approverId: string;
  publicX: string;
}): Promise<string | undefined> {
  let data: Awaited<ReturnType<typeof readTrustStoreFile>>;
  try {
    data = await readTrustStoreFile(path);
  } catch {
    return undefined;
  }
  const entry = Object.hasOwn(data.approvers, approverId) ? data.approvers[approverId] : undefined;
  if (entry === undefined)
    return `approver ${approverId} is not in ${path}; the token will not verify there`;
  if (!entry.keys.some((key) => key.x === publicX)) {
    return `this key is not one of ${approverId}'s keys in ${path}; the token will not verify there`;
  }
  return undefined;
}
