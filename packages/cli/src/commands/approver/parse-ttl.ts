import { PreflightError } from '@preflight/core';

/** Longest lifetime `approve` issues: the verifier's default maximum (24 hours). */
export const MAX_TTL_SECONDS = 86_400;

const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Parses a lifetime like `90s`, `15m`, `1h` (a bare number is seconds) into seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  const seconds = match
    ? Number(match[1]) * unitSeconds[(match[2] || 's') as keyof typeof unitSeconds]
    : Number.NaN;
  if (!(seconds > 0 && seconds <= MAX_TTL_SECONDS)) {
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `Invalid --ttl "${text}": give a duration from 1s to 24h, e.g. 90s, 15m, 1h.`,
    });
  }
  return seconds;
}
