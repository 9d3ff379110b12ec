import { describeError } from '../adapter/describe-error';
import type { ActionVariable, PermissionCheckRecord, PermissionVerifier } from '../guard/types';
import type { PolicyIR, Value } from '../policy/ir';
import { coerceValue } from './coerce-value';
import type { PermissionOffer } from './map-tool-call';
import { permissionVariables } from './permission-variables';

export interface ResolvePermissionsOptions {
  policy: PolicyIR;
  /** Values offered by trusted context (or trusted args) for permission-granting variables. */
  offers: Readonly<Record<string, PermissionOffer>>;
  /** When set, a value counts as provided only after `verify` says ok. Default: none. */
  verifier?: PermissionVerifier | undefined;
  tool: string;
  argsDigest: string;
  sessionId: string;
}

export interface ResolvedPermissions {
  /** One entry for every permission-granting variable of the policy: never unknown. */
  variables: Record<string, ActionVariable>;
  /** What the verifier said about each token it was shown. */
  checks: PermissionCheckRecord[];
}

/** A value counts as provided unless it is absent, null, false or a blank string. */
export function isProvided(raw: unknown): boolean {
  if (raw === undefined || raw === null || raw === false) return false;
  return typeof raw !== 'string' || raw.trim() !== '';
}

/**
 * Fixes every permission-granting variable (tokens, approver ids, exception conditions). The
 * trusted context is authoritative for them: a variable it does not provide is `false` (written
 * `not provided`), never unknown. With a verifier, a provided bool counts only once `verify` says
 * ok; a failed or throwing verification makes it `false`, with the reason in the note and in the
 * checks. A verified token's `grants` (e.g. `{ approver_id: true }`) then set further
 * permission-granting variables. Never throws.
 */
export async function resolvePermissions({
  policy,
  offers,
  verifier,
  tool,
  argsDigest,
  sessionId,
}: ResolvePermissionsOptions): Promise<ResolvedPermissions> {
  const granting = permissionVariables(policy);
  const variables: Record<string, ActionVariable> = {};
  const checks: PermissionCheckRecord[] = [];
  const grants: Array<{ name: string; value: Value; note: string }> = [];

  // Only verification is asynchronous: without a verifier (or a provided token) this loop does
  // all the work synchronously, with no promise per variable.
  const verifications: Promise<void>[] = [];
  for (const variable of policy.variables) {
    const name = variable.name;
    if (!granting.has(name)) continue;
    const offer = offers[name];
    const provenance = offer?.provenance ?? 'context';
    const baseNote = offer?.note || 'not in the trusted context';
    if (variable.type !== 'bool') {
      const coerced = offer === undefined ? undefined : coerceValue(variable, offer.raw, true);
      if (coerced?.ok) variables[name] = { value: coerced.value, provenance, note: baseNote };
      continue;
    }
    if (!isProvided(offer?.raw)) {
      variables[name] = { value: false, provenance, note: baseNote };
      continue;
    }
    if (verifier === undefined) {
      variables[name] = { value: true, provenance, note: baseNote };
      continue;
    }
    const request = { variable: name, token: offer?.raw, tool, argsDigest, sessionId };
    verifications.push(
      verifySafely(verifier, request).then((check) => {
        if (check.ok) {
          checks.push({
            variable: name,
            ok: true,
            tokenId: check.tokenId,
            approverId: check.approverId,
          });
          const note = `${baseNote}; verified token ${check.tokenId} from approver ${check.approverId}`;
          variables[name] = { value: true, provenance, note };
          for (const [granted, value] of Object.entries(check.grants ?? {})) {
            if (granting.has(granted)) {
              grants.push({
                name: granted,
                value,
                note: `granted by the verified ${name} token ${check.tokenId}`,
              });
            }
          }
        } else {
          checks.push({ variable: name, ok: false, reason: check.reason });
          const note = `${baseNote}; token failed verification: ${check.reason}`;
          variables[name] = { value: false, provenance, note };
        }
      }),
    );
  }
  if (verifications.length > 0) await Promise.all(verifications);
  // Verifications run in parallel; report them in policy order.
  if (checks.length > 1) {
    const order = policy.variables.map((variable) => variable.name);
    checks.sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));
  }
  for (const grant of grants) {
    variables[grant.name] = { value: grant.value, provenance: 'context', note: grant.note };
  }
  return { variables, checks };
}

async function verifySafely(
  verifier: PermissionVerifier,
  request: Parameters<PermissionVerifier['verify']>[0],
): ReturnType<PermissionVerifier['verify']> {
  try {
    const check = await verifier.verify(request);
    if (check === null || typeof check !== 'object' || typeof check.ok !== 'boolean') {
      return { ok: false, reason: 'the permission verifier returned no valid answer' };
    }
    return check;
  } catch (error) {
    const message = describeError(error);
    return { ok: false, reason: `the permission verifier failed: ${message}` };
  }
}
