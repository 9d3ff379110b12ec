import { validateArgs } from '../action/validate-args';
import { PreflightError } from '../errors';

/**
 * The args digest an approval token binds to: exactly the guard's `Action.argsDigest` for these
 * tool args (same validation, same canonical JSON, same `preflight.tool-args.v1` domain tag),
 * because it is computed by the guard's own function. Throws `INPUT_INVALID` for args the guard
 * would refuse anyway (not plain JSON, too large).
 */
export function approvalArgsDigest(args: unknown): string {
  const validation = validateArgs(args);
  if (validation.ok) return validation.digest;
  throw new PreflightError({
    code: 'INPUT_INVALID',
    message: `Cannot digest the tool args at ${validation.path}: ${validation.reason}`,
    details: { path: validation.path },
  });
}
