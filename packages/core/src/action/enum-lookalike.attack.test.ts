import { describe, expect, it } from 'vitest';
import { isoPolicy, isoTools } from '../guard/__fixtures__/iso42001';
import { createGuard } from '../guard/create-guard';
import { ENUM_OTHER, type Variable } from '../policy/ir';
import { coerceValue } from './coerce-value';

// Attack: spell "restricted" so that it does not match the policy's value and falls into the
// permissive "(other)" bucket, while a human (and the tool) still reads "restricted".
const classification = isoPolicy().ir.variables.find(
  (v) => v.name === 'classification',
) as Variable;

const spoofs = {
  'trailing space': 'Restricted ',
  'upper case': 'RESTRICTED',
  'Cyrillic і (U+0456)': 'restr\u0456cted',
  'Cyrillic е and с': 'r\u0435stri\u0441ted',
  'Greek ο in confidential': 'c\u03BFnfidential',
  fullwidth: 'ｒｅｓｔｒｉｃｔｅｄ',
  'zero-width space inside': 'restri\u200Bcted',
  'soft hyphen inside': 're\u00ADstricted',
  'bidi override around': '\u202Erestricted\u202C',
  'non-breaking space around': '\u00A0restricted\u00A0',
} as const;

describe('attack: enum look-alikes of a restricted value', () => {
  for (const [label, spoof] of Object.entries(spoofs)) {
    it(`"${label}" is not (other)`, () => {
      const coerced = coerceValue(classification, spoof, true);
      // Either recognised as the value it imitates, or refused (unknown, blocked by default).
      if (coerced.ok) expect(coerced.value).not.toBe(ENUM_OTHER);
    });
  }

  it('mixed-script words that imitate nothing the policy names are refused, not (other)', () => {
    expect(coerceValue(classification, 'p\u0430blic', true).ok).toBe(false);
  });

  it('genuine other values, in any script, stay (other)', () => {
    for (const value of ['public', 'internal', 'öffentlich', 'публичный', '公開']) {
      expect(coerceValue(classification, value, true)).toMatchObject({
        ok: true,
        value: ENUM_OTHER,
      });
    }
  });

  it('end to end: a look-alike "restricted" is never allowed without the approval token', async () => {
    const guard = await createGuard({ policy: isoPolicy(), tools: isoTools });
    for (const spoof of Object.values(spoofs)) {
      const decision = await guard.check({
        tool: 'readRecords',
        args: { ids: ['r1'], classification: spoof },
        toolCallId: 'c',
        sessionId: `enum-${spoof}`,
      });
      expect(decision.allowed, JSON.stringify(spoof)).toBe(false);
    }
  });
});
