import { ENUM_OTHER, type Value, type Variable } from '../policy/ir';
import { foldLookalikes, mixesScripts } from './fold-lookalikes';

export type Coercion = { ok: true; value: Value; note?: string } | { ok: false; reason: string };

const numeral = /^\s*\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*$/;

/**
 * Turns a raw value (from args, context or a mapping) into a value of the variable's type.
 * `lenient` (model-written args) also accepts `"true"`/`"false"` for bools and numerals such as
 * `"240"` or `"$12,500.00"` for numbers; numbers must be finite, integers for `int`, and at least
 * the variable's `min`. An enum takes a policy value (any case, or a look-alike spelling of it:
 * see `foldLookalikes`) or, for any other string, `(other)`; a mixed-script spoof is refused. Anything else is `{ ok: false, reason }`: the caller leaves the variable unknown or
 * fails the mapping.
 */
export function coerceValue(variable: Variable, raw: unknown, lenient: boolean): Coercion {
  switch (variable.type) {
    case 'bool': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (lenient && typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) {
        return { ok: true, value: raw.trim().toLowerCase() === 'true' };
      }
      return { ok: false, reason: `expected a boolean, got ${describe(raw)}` };
    }
    case 'int':
    case 'real': {
      const number = toNumber(raw, lenient);
      if (number === undefined)
        return { ok: false, reason: `expected a number, got ${describe(raw)}` };
      if (variable.type === 'int' && !Number.isInteger(number)) {
        return { ok: false, reason: `expected a whole number, got ${number}` };
      }
      if (variable.min !== undefined && number < variable.min) {
        return { ok: false, reason: `${number} is below the minimum ${variable.min}` };
      }
      return { ok: true, value: number };
    }
    case 'enum': {
      if (typeof raw !== 'string') {
        return { ok: false, reason: `expected a string, got ${describe(raw)}` };
      }
      const wanted = raw.trim().toLowerCase();
      const match = variable.values.find((value) => value.toLowerCase() === wanted);
      if (match !== undefined) return { ok: true, value: match };
      return lookalikeOrOther(variable.values, raw);
    }
  }
}

// `(other)` is usually the permissive bucket (rules name the restricted values), so a spelling
// that only looks different (`restrіcted` with a Cyrillic і, fullwidth, zero-width characters,
// punctuation) must not land there: it counts as the value it imitates. A word that mixes Latin
// with another script and imitates nothing is refused (the variable stays unknown).
function lookalikeOrOther(values: readonly string[], raw: string): Coercion {
  const skeleton = foldLookalikes(raw);
  const imitated =
    skeleton === '' ? undefined : values.find((value) => foldLookalikes(value) === skeleton);
  if (imitated !== undefined) {
    return { ok: true, value: imitated, note: `a look-alike spelling of "${imitated}"` };
  }
  if (mixesScripts(raw)) {
    return { ok: false, reason: 'a value mixing Latin and look-alike letters of another script' };
  }
  return { ok: true, value: ENUM_OTHER, note: 'a value the policy does not name' };
}

function toNumber(raw: unknown, lenient: boolean): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (!lenient || typeof raw !== 'string' || !numeral.test(raw)) return undefined;
  const number = Number(raw.replace(/[\s$,]/g, ''));
  return Number.isFinite(number) ? number : undefined;
}

function describe(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'an array';
  return `a value of type ${typeof raw}`;
}
