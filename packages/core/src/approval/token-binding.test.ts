import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateArgs } from '../action/validate-args';
import { canonicalJson } from '../crypto';
import { approvalFixture } from './__fixtures__/approval-fixtures';
import { approvalArgsDigest } from './approval-args-digest';

const toolName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/);
const toolArgs = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 5,
});
const action = fc.record({ tool: toolName, args: toolArgs });
/** Pairs of actions: unrelated ones, and near misses (same tool, one arg added or changed). */
const actionPair = fc.oneof(
  fc.tuple(action, action),
  fc
    .tuple(action, fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }))
    .map(([a, key, value]) => [a, { tool: a.tool, args: { ...a.args, [key]: value } }] as const),
);

/** Two actions are the same when tool and canonical args are equal (key order, -0 vs 0...). */
function sameAction(a: { tool: string; args: unknown }, b: { tool: string; args: unknown }) {
  const plainA = validateArgs(a.args);
  const plainB = validateArgs(b.args);
  if (!plainA.ok || !plainB.ok) throw new Error('generated args must be plain JSON');
  return a.tool === b.tool && canonicalJson(plainA.args) === canonicalJson(plainB.args);
}

describe('approval token binding (property)', () => {
  it('a token bound to action A never verifies for a different action B, and does for A', async () => {
    const fixture = await approvalFixture();
    await fc.assert(
      fc.asyncProperty(actionPair, async ([a, b]) => {
        fc.pre(!sameAction(a, b));
        const token = await fixture.issue({ tool: a.tool, args: a.args });
        const base = { variable: 'authorization_token', token, sessionId: 'session-1' };
        const forB = await fixture.verifier.verify({
          ...base,
          tool: b.tool,
          argsDigest: approvalArgsDigest(b.args),
        });
        expect(forB.ok).toBe(false);
        expect(forB.ok ? '' : forB.code).toMatch(/^wrong_(tool|action)$/);
        const forA = await fixture.verifier.verify({
          ...base,
          tool: a.tool,
          argsDigest: approvalArgsDigest(a.args),
        });
        expect(forA.ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a token bound to A verifies for a re-ordered copy of A (same canonical action)', async () => {
    const fixture = await approvalFixture();
    await fc.assert(
      fc.asyncProperty(action, async (a) => {
        const reordered = Object.fromEntries(Object.entries(a.args).reverse());
        const token = await fixture.issue({ tool: a.tool, args: a.args });
        const check = await fixture.verifier.verify({
          variable: 'authorization_token',
          token,
          tool: a.tool,
          argsDigest: approvalArgsDigest(reordered),
          sessionId: 'session-1',
        });
        expect(check.ok).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
