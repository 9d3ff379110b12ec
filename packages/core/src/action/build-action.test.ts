import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestJson } from '../crypto';
import type { ActionVariable } from '../guard/types';
import { actionDigest, actionDigestTag } from './build-action';

// The reference definition of the action digest: what receipts and verifiers recompute.
function reference(tool: string, variables: Record<string, ActionVariable>, argsDigest: string) {
  const facts: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(variables)) {
    facts[name] = { value: variable.value, provenance: variable.provenance };
  }
  return digestJson(actionDigestTag, { tool, variables: facts, argsDigest });
}

// Any UTF-16 text, lone surrogates included (fast-check's 'binary' unit is very slow to generate).
const anyText = (maxLength: number) =>
  fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
        fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
      ),
      { maxLength },
    )
    .map((units) => units.join(''));

const variable = fc.record({
  value: fc.oneof(fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string()),
  provenance: fc.constantFrom('arg', 'context', 'derived', 'session'),
  note: fc.string(),
});

describe('actionDigest', () => {
  it('equals digestJson over { tool, variables: { value, provenance }, argsDigest }', () => {
    fc.assert(
      fc.property(
        anyText(24),
        fc.dictionary(anyText(24), variable, { maxKeys: 12 }),
        fc.string(),
        (tool, variables, argsDigest) => {
          expect(actionDigest(tool, variables, argsDigest)).toBe(
            reference(tool, variables, argsDigest),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves notes out and covers value and provenance', () => {
    const base = { a: { value: true, provenance: 'context', note: 'one' } } as const;
    const digest = actionDigest('t', base, 'sha256:0');
    expect(actionDigest('t', { a: { ...base.a, note: 'two' } }, 'sha256:0')).toBe(digest);
    expect(actionDigest('t', { a: { ...base.a, value: false } }, 'sha256:0')).not.toBe(digest);
    expect(actionDigest('t', { a: { ...base.a, provenance: 'arg' } }, 'sha256:0')).not.toBe(digest);
    expect(actionDigest('t', base, 'sha256:1')).not.toBe(digest);
  });

  it('refuses a value JSON cannot say, as the reference does', () => {
    const bad = { a: { value: Number.NaN, provenance: 'derived' as const } };
    expect(() => actionDigest('t', bad, 'sha256:0')).toThrow();
  });
});
