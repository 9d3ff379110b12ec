import { ENUM_OTHER, type Value, type Variable } from '../policy';
import { extractNumber } from './extract-number';

/** Values that say something is absent. Any of them makes a bool false. */
const absentValues: ReadonlySet<string> = new Set([
  'not provided',
  'not present',
  'not included',
  'not recorded',
  'not documented',
  'not given',
  'not supplied',
  'not attached',
  'not available',
  'none',
  'missing',
  'absent',
  'no',
  'false',
  'n/a',
  'na',
  'null',
  'nil',
  'empty',
  'pending',
  'requested',
  'denied',
  'rejected',
  'revoked',
  'expired',
  'invalid',
  '0',
  '-',
]);

/** Values that say something is present, for bools that are not tokens. */
const presentValues: ReadonlySet<string> = new Set([
  'yes',
  'true',
  'provided',
  'present',
  'included',
  'recorded',
  'documented',
  'given',
  'supplied',
  'attached',
  'approved',
  'granted',
  'completed',
  'done',
  'y',
  '1',
]);

/** Values that say nothing: the variable stays unknown. */
const unknownValues: ReadonlySet<string> = new Set(['unknown', '?', 'unspecified', 'tbd']);

/** What a written value means for one variable. */
export interface ReadValue {
  /** Undefined when the value does not determine the variable. */
  value?: Value;
  /** Why, in a few words. */
  reason: string;
}

/**
 * Reads the value of a `name: value` pair for a variable of the policy.
 * - bool: absent words (`not provided`, `none`, `missing`, `no`, `false`...) give false. For a
 *   permission or condition (a token, an approver id, a recorded approval) any other value gives
 *   true: a token string counts as provided at this layer; the guard verifies real tokens.
 *   Other bools need a yes-like word.
 * - int / real: a written number (`240`, `$12,500`); an int must be whole; both respect `min`.
 * - enum: the named value (case-insensitive), else {@link ENUM_OTHER} (the note keeps the text).
 */
export function extractValue(variable: Variable, written: string): ReadValue {
  const text = written.trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  if (unknownValues.has(lower)) return { reason: `"${text}" does not say` };
  switch (variable.type) {
    case 'bool': {
      if (absentValues.has(lower)) return { value: false, reason: `"${text}" means absent` };
      if (presentValues.has(lower)) return { value: true, reason: `"${text}" means present` };
      if (variable.role === 'permission' || variable.role === 'condition') {
        return { value: true, reason: `a value ("${text}") is provided` };
      }
      return { reason: `"${text}" is not a yes/no value` };
    }
    case 'int':
    case 'real': {
      const number = extractNumber(text);
      if (number === undefined) return { reason: `"${text}" is not a number` };
      if (variable.type === 'int' && !Number.isInteger(number)) {
        return { reason: `"${text}" is not a whole number` };
      }
      if (variable.min !== undefined && number < variable.min) {
        return { reason: `${number} is below the minimum ${variable.min}` };
      }
      return { value: number, reason: `written as "${text}"` };
    }
    case 'enum': {
      const named = variable.values.find((value) => value.toLowerCase() === lower);
      if (named !== undefined) return { value: named, reason: `written as "${text}"` };
      return { value: ENUM_OTHER, reason: `"${text}" is none of the policy's values` };
    }
  }
}
