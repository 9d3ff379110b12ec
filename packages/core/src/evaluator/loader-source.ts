import { BOOL, ENUM, INT, type VariableDomain } from './variable-domain';

/** Longest comparison chain written inline; longer ones call `numericState` / a Map lookup. */
const INLINE_LIMIT = 8;

/** JavaScript source loading an assignment into the memory, and the constants it closes over. */
export interface LoaderSource {
  /**
   * Statements that, for each policy variable in turn, read `a[name]`, check it exactly as
   * `invalidValueReason` does (calling `bad(index, value)`, which throws, otherwise), and write
   * its state to local `x<index>` (`size` when unknown) and optionally to the memory (`s`, `k`),
   * setting `open` to 1 when a variable some rule reads is absent; then
   * count `a`'s enumerable keys and call `extra(a)` (which throws on a name the policy lacks)
   * when they outnumber the values found.
   */
  body: string;
  /** Sorted constants of the numeric variables with long chains, bound to `C0`, `C1`... */
  constants: number[][];
  /** State maps of the enum variables with many values, bound to `E0`, `E1`... */
  enums: Map<string, number>[];
}

/** Where a generated loader puts the states. */
export interface LoaderTarget {
  /** Also write the memory (`s`, `k`); the locals alone serve the fused fast path. */
  toMemory: boolean;
  /** Indices of the variables some rule reads: `open` is set to 1 when one of them is absent. */
  used: ReadonlySet<number>;
}

/**
 * Generates a loader specialised to the policy: one keyed read per variable by a literal name
 * (a monomorphic inline cache when callers build assignments alike), a type check specialised
 * to the variable's type and the state computed by an unrolled comparison chain.
 */
export function loaderSource(
  domains: readonly VariableDomain[],
  { toMemory, used }: LoaderTarget,
): LoaderSource {
  const constants: number[][] = [];
  const enums: Map<string, number>[] = [];
  const locals = domains.map(({ index }) => `x${index} = 0`);
  const lines = [`let found = 0, open = 0, v${locals.map((local) => `, ${local}`).join('')};`];
  for (const domain of domains) {
    const i = domain.index;
    const x = `x${i}`;
    const unknown = [
      ...(toMemory ? [`k[${i}] = 0;`] : []),
      `${x} = ${domain.size};`,
      ...(used.has(i) ? ['open = 1;'] : []),
    ];
    lines.push(`v = a[${JSON.stringify(domain.variable.name)}];`);
    lines.push(`if (v === undefined) { ${unknown.join(' ')} } else {`);
    if (domain.kind === BOOL) {
      // A comparison used as a number: no branch on the value to mispredict.
      lines.push(`if (typeof v !== 'boolean') bad(${i}, v);`, `${x} = (v === true) | 0;`);
    } else if (domain.kind === ENUM) {
      lines.push(`if (typeof v !== 'string') bad(${i}, v);`);
      lines.push(`${x} = ${enumState(domain, enums)};`);
    } else {
      // Finite (isInteger implies it), integral for int, at least min: invalidValueReason's rules.
      const finite = domain.kind === INT ? 'Number.isInteger(v)' : 'Number.isFinite(v)';
      const min = domain.min === Number.NEGATIVE_INFINITY ? '' : ` || v < ${literal(domain.min)}`;
      lines.push(`if (typeof v !== 'number' || !${finite}${min}) bad(${i}, v);`);
      lines.push(`${x} = ${numericState(domain.constants, constants)};`);
    }
    lines.push(toMemory ? `s[${i}] = ${x}; k[${i}] = 1; found++; }` : 'found++; }');
  }
  // Every key accounted for: no unknown names. for-in also sees inherited enumerable keys, so a
  // polluted prototype fails closed (as an unknown variable) rather than being ignored.
  lines.push('let keys = 0; for (const _ in a) keys++;', 'if (keys !== found) extra(a);');
  return { body: lines.join('\n'), constants, enums };
}

/** The state of string `v`: named values by an inline chain, others the catch-all (last). */
function enumState(domain: VariableDomain, enums: Map<string, number>[]): string {
  const other = domain.size - 1;
  // Exactly `enumStates.get(v) ?? other`: the entries mapping to the catch-all need no test.
  const named = [...domain.enumStates].filter(([, state]) => state !== other);
  if (named.length > INLINE_LIMIT) {
    enums.push(domain.enumStates);
    return `E${enums.length - 1}.get(v) ?? ${other}`;
  }
  return named.reduceRight(
    (rest, [value, state]) => `v === ${JSON.stringify(value)} ? ${state} : ${rest}`,
    String(other),
  );
}

/** The region of number `v` among sorted `cuts`, as `numericState` computes it. */
function numericState(cuts: readonly number[], constants: number[][]): string {
  if (cuts.length > INLINE_LIMIT) {
    constants.push([...cuts]);
    return `N(C${constants.length - 1}, v)`;
  }
  return cuts.reduceRight(
    (rest, cut, c) =>
      `v < ${literal(cut)} ? ${2 * c} : v === ${literal(cut)} ? ${2 * c + 1} : ${rest}`,
    String(2 * cuts.length),
  );
}

/** A number as JavaScript source; `String` round-trips every double exactly. */
function literal(value: number): string {
  return value < 0 ? `(${String(value)})` : String(value);
}
