import type { IcmeVariable } from './parse-smt-variables';

/** A variable ICME extracted differently from what was sent, or not at all. */
export type ExtractionMismatch =
  | { variable: string; sent: boolean | number; missing: true }
  | { variable: string; sent: boolean | number; extracted: unknown };

export interface CompareExtractionOptions {
  /** ICME name -> the value sent (see `expectedExtraction`). Required. */
  expected: Readonly<Record<string, boolean | number>>;
  /** `checkIt`'s `extracted` (absent when ICME sent none). Required. */
  extracted: Readonly<Record<string, unknown>> | undefined;
  /** The compiled policy's variables by name: `Real` values compare with a tolerance. Default none. */
  icmeVariables?: ReadonlyMap<string, IcmeVariable>;
}

/** Relative tolerance for `Real` values (and non-integers of unknown sort): decimal text and
 * binary floats may round differently on the two sides. */
const relativeTolerance = 1e-9;

/**
 * Compares ICME's `extracted` with the values sent. Booleans must be booleans and equal; `Int`
 * values (and enum codes) equal exactly; `Real` values within a small relative tolerance. An
 * expected variable absent from `extracted` (or `null` there) is a mismatch: a SAT over an
 * unresolved variable proves nothing about the action. Extra variables in `extracted` are
 * ignored.
 */
export function compareExtraction({
  expected,
  extracted,
  icmeVariables = new Map(),
}: CompareExtractionOptions): ExtractionMismatch[] {
  const mismatches: ExtractionMismatch[] = [];
  for (const [variable, sent] of Object.entries(expected)) {
    const got = extracted && Object.hasOwn(extracted, variable) ? extracted[variable] : undefined;
    if (got === undefined || got === null) {
      mismatches.push({ variable, sent, missing: true });
    } else if (!same(sent, got, icmeVariables.get(variable)?.type)) {
      mismatches.push({ variable, sent, extracted: got });
    }
  }
  return mismatches;
}

function same(sent: boolean | number, got: unknown, sort: string | undefined): boolean {
  if (typeof sent === 'boolean') return got === sent;
  if (typeof got !== 'number' || !Number.isFinite(got)) return false;
  if (got === sent) return true;
  const tolerant = sort === 'Real' || (sort === undefined && !Number.isInteger(sent));
  return (
    tolerant && Math.abs(got - sent) <= relativeTolerance * Math.max(Math.abs(got), Math.abs(sent))
  );
}

/** One readable line: `approvalToken sent true, extracted nothing; ...`. */
export function describeMismatches(mismatches: readonly ExtractionMismatch[]): string {
  return mismatches
    .map((m) =>
      'missing' in m
        ? `${m.variable} sent ${m.sent}, extracted nothing`
        : `${m.variable} sent ${m.sent}, extracted ${shown(m.extracted)}`,
    )
    .join('; ');
}

// ICME's answer is untrusted input: keep what ends up in a reason short.
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
