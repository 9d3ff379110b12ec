import { type JsonValue, validateArgs } from '../action/validate-args';

/** A plain JSON copy of a tool input, read once, and its args digest. */
export type InputSnapshot = { ok: true; input: JsonValue; digest: string } | { ok: false };

// The guard applies its own (configurable) bounds; the snapshot only has to copy what it gets.
const unbounded = {
  maxStringLength: Number.MAX_SAFE_INTEGER,
  maxDepth: 1_000,
  maxNodes: Number.MAX_SAFE_INTEGER,
};

/**
 * Reads a tool input exactly once into a plain JSON copy, so that the guard decides on the same
 * value the tool then runs with (and a decision cache matches on): an input whose getters answer
 * differently on each read, that something mutates while the decision is pending, or that
 * imitates another input through `toJSON` cannot make the tool run with anything but what was
 * checked. `{ ok: false }` when the input is not plain JSON: the adapter then hands the guard the
 * original, which blocks it (ARGS_INVALID) with a reason that names the path. Never throws.
 * `undefined` becomes `{}`, as in the guard.
 *
 * @example
 * const snapshot = snapshotInput(input);
 * const checked = snapshot.ok ? snapshot.input : input;
 * const decision = await guard.check({ tool, args: checked }, context);
 * if (decision.allowed) await execute(checked);
 */
export function snapshotInput(input: unknown): InputSnapshot {
  const validation = validateArgs(input, unbounded);
  return validation.ok
    ? { ok: true, input: validation.args, digest: validation.digest }
    : { ok: false };
}
