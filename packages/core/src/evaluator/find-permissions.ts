import { FALSE, type Memory } from './compile-expr';
import type { CompiledRule } from './find-completion';

/** Above this many candidate exceptions, look for an inclusion-minimal set instead of a smallest. */
const EXHAUSTIVE_LIMIT = 12;

/**
 * Exception variables (indices) that, set true on top of the memory, make `isAllowed()` hold.
 * Candidates are the exceptions of every rule that is or may be violated, closed under setting
 * them (setting a token can bring in a rule such as "requires also"). Returns a smallest set
 * when there are few candidates, an inclusion-minimal one otherwise; undefined if even all of
 * them together do not allow the action. Leaves the memory modified.
 */
export function findPermissions(
  rules: readonly CompiledRule[],
  memory: Memory,
  isAllowed: () => boolean,
): number[] | undefined {
  const { state, known } = memory;
  if (isAllowed()) return [];
  const candidates: number[] = [];
  const original: { known: number; state: number }[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules) {
      if (rule.test() === FALSE) continue;
      for (const index of rule.exceptions) {
        if (known[index] === 1 && state[index] === 1) continue;
        candidates.push(index);
        original.push({ known: known[index] as number, state: state[index] as number });
        known[index] = 1;
        state[index] = 1;
        changed = true;
      }
    }
  }
  if (candidates.length === 0 || !isAllowed()) return undefined;

  const apply = (chosen: ReadonlySet<number>) => {
    candidates.forEach((index, k) => {
      const keep = original[k] as { known: number; state: number };
      known[index] = chosen.has(index) ? 1 : keep.known;
      state[index] = chosen.has(index) ? 1 : keep.state;
    });
    return isAllowed();
  };
  if (candidates.length <= EXHAUSTIVE_LIMIT) {
    for (let size = 1; size < candidates.length; size++) {
      for (const subset of subsetsOfSize(candidates, size))
        if (apply(new Set(subset))) return subset;
    }
    return candidates;
  }
  const chosen = new Set(candidates);
  for (const index of candidates) {
    chosen.delete(index);
    if (!apply(chosen)) chosen.add(index);
  }
  return [...chosen];
}

function* subsetsOfSize(items: readonly number[], size: number, from = 0): Generator<number[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let k = from; k <= items.length - size; k++) {
    for (const rest of subsetsOfSize(items, size - 1, k + 1)) yield [items[k] as number, ...rest];
  }
}
