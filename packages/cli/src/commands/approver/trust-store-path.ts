import { isAbsolute, resolve } from 'node:path';
import { DEFAULT_TRUST_STORE_PATH } from '@preflight/core/node';
import type { ArgDef } from 'citty';
import type { CliContext } from '../../cli-context';

/** The `--trust-store` flag shared by `approve` and `approver *`. */
export const trustStoreArgs = {
  'trust-store': {
    type: 'string',
    description: `Trust store file (default: $PREFLIGHT_TRUST_STORE or ${DEFAULT_TRUST_STORE_PATH})`,
  },
} as const satisfies Record<string, ArgDef>;

/** The trust store path: the flag, else PREFLIGHT_TRUST_STORE, else the default; from cwd. */
export function trustStorePath(flag: string | undefined, context: CliContext): string {
  const path = flag ?? context.env.PREFLIGHT_TRUST_STORE ?? DEFAULT_TRUST_STORE_PATH;
  return isAbsolute(path) ? path : resolve(context.cwd, path);
}
