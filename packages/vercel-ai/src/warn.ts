import type { GuardToolsOptions, GuardWarning } from './guard-tools-options';

/** The warning sink of a set of options: `onWarning`, else `console.warn`. Never throws. */
export function warnerFor({ onWarning }: GuardToolsOptions): (warning: GuardWarning) => void {
  return function warn(warning) {
    try {
      if (onWarning !== undefined) onWarning(warning);
      else console.warn(`[preflight] ${warning.code}: ${warning.message}`);
    } catch {
      // A warning sink that throws must not break guarding.
    }
  };
}
