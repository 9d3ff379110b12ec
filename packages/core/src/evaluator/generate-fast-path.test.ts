import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreflightError } from '../errors';
import type { Assignment, Expr, PolicyIR, Value, Variable } from '../policy/ir';
import { isoIr } from './__fixtures__/iso42001-ir';
import { assignmentArbitrary, caseArbitrary } from './__fixtures__/random-policy';
import { createEvaluator } from './create-evaluator';
import { generateFastPath } from './generate-fast-path';
import { buildDomains } from './variable-domain';

// The generated code (the default) and the closures (generateCode: false, and the fallback where
// `new Function` is forbidden) must decide identically; the Z3 tests hold both to Z3.

/** Whether the policy's fast path compiles (it would silently fall back to closures if not). */
function generates(ir: PolicyIR): boolean {
  const domains = buildDomains(ir);
  const memory = { state: new Int32Array(domains.size), known: new Uint8Array(domains.size) };
  const fast = generateFastPath(ir, domains, {
    memory,
    status: new Uint8Array(ir.rules.length),
    violationMasks: new Int32Array(Math.ceil(ir.rules.length / 30)),
    invalid: () => {
      throw new Error('invalid');
    },
    unknownNames: () => {},
  });
  return fast !== undefined;
}

/** The evaluation, or the thrown error's code and message. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return PreflightError.isInstance(error) ? [error.code, error.message] : error;
  }
}

function expectSameDecisions(ir: PolicyIR, assignments: readonly Assignment[]): void {
  const generated = createEvaluator(ir);
  const closures = createEvaluator(ir, { generateCode: false });
  for (const assignment of assignments) {
    expect(outcome(() => generated.evaluate(assignment))).toEqual(
      outcome(() => closures.evaluate(assignment)),
    );
    expect(outcome(() => generated.permissionsToAllow(assignment))).toEqual(
      outcome(() => closures.permissionsToAllow(assignment)),
    );
  }
}

/**
 * A policy wide enough to take every branch of the generator: an enum with more values than the
 * inline chain, numbers with more constants than the inline chain and than fit a packed or
 * 30-bit mask, and more rules than one 30-bit violation mask holds.
 */
const wideVariables: Variable[] = [
  { name: 'flag_a', type: 'bool', role: 'permission', description: 'a', vocabulary: {} },
  { name: 'flag_b', type: 'bool', role: 'activity', description: 'b', vocabulary: {} },
  {
    name: 'color',
    type: 'enum',
    role: 'attribute',
    description: 'c',
    values: Array.from({ length: 12 }, (_, i) => `c${i}`),
    vocabulary: {},
  },
  { name: 'amount', type: 'real', role: 'amount', description: 'n', vocabulary: {} },
  { name: 'count', type: 'int', role: 'amount', description: 'k', min: 0, vocabulary: {} },
];
const cuts = Array.from({ length: 20 }, (_, i) => i * 2.5 - 10);
const atomArbitrary: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom<Expr>({ op: 'var', name: 'flag_a' }, { op: 'var', name: 'flag_b' }),
  fc
    .uniqueArray(fc.constantFrom('c0', 'c5', 'c9', 'c11', '(other)'), { minLength: 1 })
    .map((values): Expr => ({ op: 'in', name: 'color', values })),
  fc
    .record({
      name: fc.constantFrom('amount', 'count'),
      cmp: fc.constantFrom('>' as const, '>=' as const, '<' as const, '<=' as const, '=' as const),
      value: fc.constantFrom(...cuts),
    })
    .map((cmp): Expr => ({ op: 'cmp', ...cmp })),
);
const wideExpr: fc.Arbitrary<Expr> = fc.oneof(
  atomArbitrary,
  atomArbitrary.map((arg): Expr => ({ op: 'not', arg })),
  fc
    .tuple(
      fc.constantFrom('and' as const, 'or' as const),
      fc.array(atomArbitrary, { minLength: 1, maxLength: 3 }),
    )
    .map(([op, args]): Expr => ({ op, args })),
);
const widePolicy: fc.Arbitrary<PolicyIR> = fc
  .array(wideExpr, { minLength: 31, maxLength: 45 })
  .map((violations) => ({
    version: 'v1',
    variables: wideVariables,
    rules: violations.map((violation, index) => ({
      id: index + 1,
      text: `wide rule ${index + 1}`,
      shape: 'custom',
      violation,
      exceptions: ['flag_a'],
    })),
    lists: [],
    counters: [],
    warnings: [],
  }));

describe('generated fast path', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('compiles and decides like the closures on random policies', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ ir, assignments }) => {
        expect(generates(ir)).toBe(true);
        expectSameDecisions(ir, assignments);
      }),
      { numRuns: 400 },
    );
  });

  it('decides like the closures on wide policies (long chains, tables, two mask words)', () => {
    const wideCase = widePolicy.chain((ir) =>
      fc.record({
        ir: fc.constant(ir),
        assignments: fc.array(
          fc.constantFrom(0, 0.6, 1).chain((density) => assignmentArbitrary(ir, density)),
          { minLength: 4, maxLength: 4 },
        ),
      }),
    );
    fc.assert(
      fc.property(wideCase, ({ ir, assignments }) => {
        expect(generates(ir)).toBe(true);
        const values: Assignment[] = [
          ...assignments,
          // Exactly on, between and beyond the cuts, and a named enum past the inline limit.
          { flag_a: false, flag_b: true, color: 'c11', amount: 37.5, count: 40 },
          { flag_a: false, flag_b: false, color: 'c3', amount: -10, count: 0 },
          { flag_a: true, flag_b: true, color: 'zzz', amount: -11, count: 7 },
        ];
        expectSameDecisions(ir, values);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects the same inputs with the same errors', () => {
    const invalid: Record<string, Value | null | object | undefined>[] = [
      { nonsense: true },
      { approval_token: 'yes' },
      { approval_token: 1 },
      { approval_token: null },
      { session_record_count: Number.NaN },
      { session_record_count: Number.POSITIVE_INFINITY },
      { session_record_count: Number.NEGATIVE_INFINITY },
      { session_record_count: 2.5 },
      { session_record_count: -1 },
      { session_record_count: '3' },
      { classification: 3 },
      { classification: {} },
      { approval_token: true, nonsense: undefined },
      { approval_token: true, nonsense: false },
    ];
    expectSameDecisions(isoIr, invalid as Assignment[]);
    for (const assignment of invalid.slice(0, -2)) {
      expect(outcome(() => createEvaluator(isoIr).evaluate(assignment as Assignment))).toEqual([
        expect.stringMatching(/^EVALUATION_(VALUE_INVALID|VARIABLE_UNKNOWN)$/),
        expect.any(String),
      ]);
    }
  });

  it('rejects infinities for a real without min (both paths)', () => {
    const ir: PolicyIR = {
      version: 'v1',
      variables: [{ name: 'x', type: 'real', role: 'amount', description: 'x', vocabulary: {} }],
      rules: [
        {
          id: 1,
          text: 'x above 3',
          shape: 'custom',
          violation: { op: 'cmp', name: 'x', cmp: '>', value: 3 },
          exceptions: [],
        },
      ],
      lists: [],
      counters: [],
      warnings: [],
    };
    for (const generateCode of [true, false]) {
      const evaluator = createEvaluator(ir, { generateCode });
      for (const x of [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NaN]) {
        expect(outcome(() => evaluator.evaluate({ x }))).toEqual([
          'EVALUATION_VALUE_INVALID',
          'Invalid value for "x": expected a finite number.',
        ]);
      }
    }
  });

  it('falls back to the closures where code generation is forbidden', () => {
    vi.stubGlobal(
      'Function',
      new Proxy(Function, {
        construct() {
          throw new EvalError('Code generation from strings disallowed for this context');
        },
      }),
    );
    expect(generates(isoIr)).toBe(false);
    const evaluator = createEvaluator(isoIr);
    vi.unstubAllGlobals();
    const reference = createEvaluator(isoIr, { generateCode: false });
    fc.assert(
      fc.property(assignmentArbitrary(isoIr, 0.7), (assignment) => {
        expect(evaluator.evaluate(assignment)).toEqual(reference.evaluate(assignment));
      }),
      { numRuns: 200 },
    );
  });
});
