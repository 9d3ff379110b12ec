/** A variable of an ICME-compiled policy, read from the comments in its SMT-LIB. */
export interface IcmeVariable {
  name: string;
  /** SMT sort as declared: `Bool`, `Int` or `Real`. */
  type: string;
  description: string;
  /** Enum literals and their integer codes, when the policy encodes an enum as `Int`. */
  enumValues?: Record<string, number>;
}

const varLine = /^;\s*var\s+([A-Za-z_][\w.]*)\s*\(([^)]+)\)\s*:\s*(.*)$/;
const valuesLine = /^;\s*([A-Za-z_][\w.]*)\s+values\s*:\s*(.*)$/;
const declareLine = /^\(\s*declare-(?:const|fun)\s+([^\s()]+)/;
const ruleLine = /^;\s*Rule\b/i;
// The legacy `values:` line names its variable, so any identifier is taken as a literal there.
const anyEntry = /(?<![\w.])([A-Za-z_][\w.]*)\s*=\s*(-?\d+)(?![\w.])/g;
// Elsewhere only the documented `<Enum>_<VALUE> = n` shape counts: descriptions are prose and
// may say "limit = 5" without meaning an enum code.
const enumEntry = /(?<![\w.])([A-Za-z][A-Za-z0-9]*_\w+)\s*=\s*(-?\d+)(?![\w.])/g;

/**
 * Reads the variables of a compiled policy from the SMT-LIB that `GET /policy/{id}` returns:
 * `; var name (Type): description` lines, and the enum code maps of `Int` variables, which are
 * found in three places:
 * - in the var line's own description (`...: where it goes. Dest_INSIDE = 0, Dest_OUTSIDE = 1`);
 * - on the comment lines after the var line (before or after its `declare-const`), up to the
 *   next var line, rule comment, assertion or declaration of another variable;
 * - on a `; name values: A = 0, B = 1` line anywhere.
 *
 * A literal listed twice keeps its first code. Lines in other shapes are ignored: this is a
 * best-effort aid for wording the action text and checking ICME's extraction, never a source of
 * verdicts.
 */
export function parseSmtVariables(smt: string): IcmeVariable[] {
  const variables = new Map<string, IcmeVariable>();
  // The variable whose comment block is open (codes on the following lines belong to it).
  let open: IcmeVariable | undefined;
  for (const rawLine of smt.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    const declared = varLine.exec(line);
    if (declared) {
      const [, name, type, description] = declared;
      open = { name: name!, type: type!.trim(), description: description!.trim() };
      variables.set(open.name, open);
      if (open.type === 'Int') addCodes(open, open.description, enumEntry);
      continue;
    }
    const values = valuesLine.exec(line);
    const named = values ? variables.get(values[1]!) : undefined;
    if (named) {
      addCodes(named, values![2]!, anyEntry);
      continue;
    }
    const declaration = declareLine.exec(line);
    if (declaration) {
      if (declaration[1] !== open?.name) open = undefined;
      continue;
    }
    if (!line.startsWith(';') || ruleLine.test(line)) {
      open = undefined;
      continue;
    }
    if (open?.type === 'Int') addCodes(open, line, enumEntry);
  }
  return [...variables.values()];
}

function addCodes(variable: IcmeVariable, text: string, pattern: RegExp): void {
  for (const match of text.matchAll(pattern)) {
    variable.enumValues ??= {};
    variable.enumValues[match[1]!] ??= Number(match[2]);
  }
}
