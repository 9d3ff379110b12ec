import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PreflightError } from '../errors';
import { compilePolicy } from './compile-policy';
import { definePolicy } from './define-policy';

// Made-up words: the grammar must not depend on any particular vocabulary.
const word = fc
  .stringMatching(/^[a-z]{3,8}$/)
  // The plural the rules write (`${word}s`) must not be a reserved word either ("doe" -> "does").
  .filter((text) => !reserved.has(text) && !reserved.has(`${text}s`) && !text.endsWith('ing'));
const reserved = new Set(
  (
    'to with unless without above over exceeding not no never is are was were be been being must can ' +
    'could should may might will would shall do does did has have had if when whenever while because ' +
    'until except but or and nor so then where which that who whose whom although though once since ' +
    'provided any all every the per more list action'
  ).split(' '),
);
const token = fc.tuple(word, word).map(([a, b]) => `${a}_${b}`);

const rule = fc.oneof(
  fc
    .tuple(word, word, token)
    .map(([verb, thing, t]) => `Do not ${verb} ${thing}s unless a ${t} is provided.`),
  fc
    .tuple(word, fc.nat(1000), word, token)
    .map(
      ([verb, n, unit, t]) =>
        `Do not ${verb} more than ${n} ${unit}s in a single agent session unless a ${t} is provided in the action.`,
    ),
  fc
    .tuple(word, word, word, fc.array(word, { minLength: 1, maxLength: 3 }), token)
    .map(
      ([verb, thing, attribute, values, t]) =>
        `Do not ${verb} ${thing}s with ${attribute} ${values.map((value) => `"${value}"`).join(' or ')} unless a ${t} is provided.`,
    ),
  fc
    .tuple(word, word, fc.integer({ min: 1, max: 99_999 }), word, word)
    .map(
      ([verb, thing, amount, a, b]) =>
        `Do not ${verb} any ${thing} above $${amount.toLocaleString('en-US')} without ${a} ${b} recorded in the action.`,
    ),
  fc
    .tuple(word, word, word, word)
    .map(
      ([verb, thing, subject, list]) =>
        `Do not ${verb} ${thing}s to a ${subject} not on the ${list} list.`,
    ),
  fc
    .tuple(word, word, word, word)
    .map(([verb, thing, a, b]) => `Do not ${verb} a ${thing} without a ${a} ${b}.`),
);

describe('compilePolicy properties', () => {
  it('compiles every generated rule: one IR rule per line, in order, passing definePolicy', () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 12 }), (rules) => {
        const text = rules.map((text, index) => `${index + 1}. ${text}`).join('\n');
        const { ir } = compilePolicy(text);
        expect(ir.rules.map((entry) => entry.id)).toEqual(rules.map((_, index) => index + 1));
        expect(ir.rules.map((entry) => entry.text)).toEqual(rules);
        expect(definePolicy(ir)).toEqual(ir);
      }),
      { numRuns: 300 },
    );
  });

  it('never drops a rule: damaged policies compile whole or fail with a coded error', () => {
    const damage = fc.tuple(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.nat(), word);
    fc.assert(
      fc.property(damage, ([rules, at, extra]) => {
        const words = rules.join('\n').split(' ');
        words.splice(at % (words.length + 1), 0, extra);
        const lines = words.join(' ').split('\n');
        const text = lines.map((text, index) => `${index + 1}. ${text}`).join('\n');
        try {
          expect(compilePolicy(text).ir.rules).toHaveLength(lines.length);
        } catch (error) {
          expect(PreflightError.isInstance(error)).toBe(true);
          expect((error as PreflightError).code).toMatch(/^POLICY_/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
