import type { Value } from '../policy';

/**
 * What one extraction step found out about one variable: a value, or (value undefined) why the
 * variable stays unknown. Steps return findings; `extractAssignment` merges them.
 */
export interface Finding {
  name: string;
  value: Value | undefined;
  /** Why, in a few words: what in the text gave the value, or why it stays unknown. */
  note: string;
}
