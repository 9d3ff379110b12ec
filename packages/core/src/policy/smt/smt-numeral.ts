/**
 * Writes a finite JS number as an exact SMT-LIB numeral or decimal. The shortest round-trip
 * decimal of a double (what `toString` gives) is injective and order-preserving, so comparing
 * the written decimals gives the same answers as comparing the doubles: the evaluator and Z3
 * see the same order between assigned values and policy constants.
 */
export function smtNumeral(value: number, sort: 'Int' | 'Real'): string {
  const digits = plainDecimal(Math.abs(value));
  const body = sort === 'Real' && !digits.includes('.') ? `${digits}.0` : digits;
  return value < 0 ? `(- ${body})` : body;
}

/** `toString` without exponent notation (`1e+21` -> `1000000000000000000000`). */
function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const intPart = match[1] ?? '';
  const fracPart = match[2] ?? '';
  const exponent = Number(match[3]);
  const allDigits = intPart + fracPart;
  const point = intPart.length + exponent;
  if (point <= 0) return `0.${'0'.repeat(-point)}${allDigits}`;
  if (point >= allDigits.length) return allDigits + '0'.repeat(point - allDigits.length);
  return `${allDigits.slice(0, point)}.${allDigits.slice(point)}`;
}
