import type { IcmeClientOptions } from '../engine/icme/icme-client';

/**
 * Reads `ICME_API_KEY` and `ICME_API_URL` and merges them under explicit options (options win).
 * The only place the ICME client looks at the environment.
 *
 * @example
 * const client = createIcmeClient(icmeClientOptionsFromEnv({ transport: createUndiciTransport() }));
 */
export function icmeClientOptionsFromEnv(
  options: IcmeClientOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): IcmeClientOptions {
  const apiKey = options.apiKey ?? nonEmpty(env['ICME_API_KEY']);
  const baseUrl = options.baseUrl ?? nonEmpty(env['ICME_API_URL']);
  return {
    ...options,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
