import { ENUM_OTHER, type Value, type Variable } from '../policy/ir';

export type Coercion = { ok: true; value: Value; note?: string } | { ok: false; reason: string };

const numeral = /^\s*\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*$/;

/**
 * Turns a raw value (from args, context or a mapping) into a value of the variable's type.
 * `lenient` (model-written args) also accepts `"true"`/`"false"` for bools and numerals such as
 * `"240"` or `"$12,500.00"` for numbers; numbers must be finite, integers for `int`, and at least
 * the variable's `min`. An enum takes a policy value (any case) or, for any other string,
 * `(other)`. Anything else is `{ ok: false, reason }`: the caller leaves the variable unknown or
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
      return { ok: true, value: ENUM_OTHER, note: 'a value the policy does not name' };
    }
  }
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
