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
const enumEntry = /([A-Za-z_][\w.]*)\s*=\s*(-?\d+)/g;

/**
 * Reads `; var name (Type): description` lines and `; name values: A = 0, B = 1` enum code maps
 * from the SMT-LIB that `GET /policy/{id}` returns. Lines in other shapes are ignored: this is
 * a best-effort aid for naming variables in action text, never a source of verdicts.
 */
export function parseSmtVariables(smt: string): IcmeVariable[] {
  const variables = new Map<string, IcmeVariable>();
  for (const rawLine of smt.split(/\r?\n/)) {
    const line = rawLine.trim();
    const declared = varLine.exec(line);
    if (declared) {
      const [, name, type, description] = declared;
      variables.set(name!, { name: name!, type: type!.trim(), description: description!.trim() });
      continue;
    }
    const values = valuesLine.exec(line);
    const variable = values ? variables.get(values[1]!) : undefined;
    if (values && variable) {
      const enumValues: Record<string, number> = {};
      for (const match of values[2]!.matchAll(enumEntry)) enumValues[match[1]!] = Number(match[2]);
      if (Object.keys(enumValues).length > 0) variable.enumValues = enumValues;
    }
  }
  return [...variables.values()];
}
