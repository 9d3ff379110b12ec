import type { Value } from '../../policy/ir';
import { matchEnumLiteral } from './match-enum-literal';
import type { IcmeVariable } from './parse-smt-variables';

export interface ExpectedExtractionOptions {
  /** Our variables' known values (the action's). Required. */
  values: Readonly<Record<string, Value>>;
  /** Our variable name -> the compiled policy's (identical names included). Required. */
  icmeNames: ReadonlyMap<string, string>;
  /** The compiled policy's variables by name (sorts, enum codes). Default none. */
  icmeVariables?: ReadonlyMap<string, IcmeVariable>;
}

/** A variable whose value was sent but whose extraction cannot be checked, and why. */
export interface UnverifiableVariable {
  /** ICME's name. */
  variable: string;
  reason: string;
}

export interface ExpectedExtraction {
  /** ICME name -> what `checkIt` should report in `extracted`: booleans as booleans (a provided
   * permission is `true`), numbers as numbers, enum values as their integer codes. */
  values: Record<string, boolean | number>;
  unverifiable: UnverifiableVariable[];
}

/**
 * What ICME's `extracted` must hold for a SAT to be sound: every variable of the action with a
 * known value and a known ICME name, in ICME's encoding. A variable whose value cannot be
 * encoded (an enum value without a unique literal, a sort that does not fit our type, two of our
 * variables sent under one ICME name with different values) is listed as unverifiable instead.
 */
export function expectedExtraction({
  values,
  icmeNames,
  icmeVariables = new Map(),
}: ExpectedExtractionOptions): ExpectedExtraction {
  const expected: Record<string, boolean | number> = {};
  const unverifiable: UnverifiableVariable[] = [];
  const conflicting = new Set<string>();
  for (const [ours, value] of Object.entries(values)) {
    const theirs = icmeNames.get(ours);
    if (theirs === undefined) continue;
    const encoded = encode(value, icmeVariables.get(theirs));
    if (typeof encoded === 'string') {
      unverifiable.push({ variable: theirs, reason: `${ours}: ${encoded}` });
    } else if (Object.hasOwn(expected, theirs) && expected[theirs] !== encoded.value) {
      conflicting.add(theirs);
    } else {
      expected[theirs] = encoded.value;
    }
  }
  for (const theirs of conflicting) {
    delete expected[theirs];
    unverifiable.push({
      variable: theirs,
      reason: 'several of our variables with different values',
    });
  }
  return { values: expected, unverifiable };
}

/** ICME's encoding of one value, or why there is none. */
function encode(
  value: Value,
  variable: IcmeVariable | undefined,
): { value: boolean | number } | string {
  const sort = variable?.type;
  if (typeof value === 'boolean') {
    return sort === undefined || sort === 'Bool'
      ? { value }
      : `a boolean, but ICME declares ${sort}`;
  }
  if (typeof value === 'number') {
    return sort === undefined || sort === 'Int' || sort === 'Real'
      ? { value }
      : `a number, but ICME declares ${sort}`;
  }
  if (!variable?.enumValues) return `the enum value "${value}" has no known ICME code`;
  const literal = matchEnumLiteral(value, variable.enumValues);
  return literal === undefined
    ? `no single ICME literal matches the enum value "${value}"`
    : { value: variable.enumValues[literal]! };
}
