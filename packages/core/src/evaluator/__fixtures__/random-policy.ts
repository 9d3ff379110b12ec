import fc from 'fast-check';
import type { Assignment, Comparison, Expr, PolicyIR, Value, Variable } from '../../policy/ir';
import { ENUM_OTHER } from '../../policy/ir';

/**
 * fast-check arbitraries of random valid IR policies and partial assignments for the
 * differential tests against Z3. Names include SMT-LIB reserved words and our own rule symbols;
 * enum values include ones that sanitise alike, "other" and ENUM_OTHER itself; constants
 * include halves on int variables (to_real), negatives, -0 and huge or tiny magnitudes.
 */
const namePool = [
  'a',
  'b',
  'c',
  'd',
  'e',
  'x',
  'y',
  'token',
  'pi',
  'true',
  'and',
  'not',
  'let',
  'ite',
  'distinct',
  'violates_rule_1',
  'classification',
  'session_record_count',
];
const valuePool = ['restricted', 'confidential', 'a b', 'a_b', 'other', ENUM_OTHER, 'ü', 'x|y'];
const constantPool = [-3, -1, -0.5, 0, 1, 2, 2.5, 3, 10, 10.5, 11, 1e21, 1e-7, -0];

const variableArbitrary = (name: string): fc.Arbitrary<Variable> =>
  fc.oneof(
    fc.constant<Variable>({
      name,
      type: 'bool',
      role: 'permission',
      description: `${name}?`,
      vocabulary: {},
    }),
    fc.option(fc.integer({ min: -2, max: 3 }), { nil: undefined }).map(
      (min): Variable => ({
        name,
        type: 'int',
        min,
        role: 'counter',
        description: 'count',
        vocabulary: {},
      }),
    ),
    fc.option(fc.constantFrom(-1.5, 0, 0.5, 2), { nil: undefined }).map(
      (min): Variable => ({
        name,
        type: 'real',
        min,
        role: 'amount',
        description: 'amount',
        vocabulary: {},
      }),
    ),
    fc.uniqueArray(fc.constantFrom(...valuePool), { minLength: 1, maxLength: 3 }).map(
      (values): Variable => ({
        name,
        type: 'enum',
        values,
        role: 'attribute',
        description: 'enum\nline 2',
        vocabulary: {},
      }),
    ),
  );

function exprArbitrary(variables: Variable[], depth: number): fc.Arbitrary<Expr> {
  const leaves: fc.Arbitrary<Expr>[] = [fc.constantFrom<Expr>({ op: 'true' }, { op: 'false' })];
  const weighted: fc.Arbitrary<Expr>[] = [];
  for (const variable of variables) {
    const name = variable.name;
    if (variable.type === 'bool') weighted.push(fc.constant<Expr>({ op: 'var', name }));
    else if (variable.type === 'enum') {
      const domain = [...variable.values, ENUM_OTHER];
      weighted.push(
        fc
          .uniqueArray(fc.constantFrom(...domain), { minLength: 1, maxLength: 3 })
          .map((values): Expr => ({ op: 'in', name, values })),
      );
    } else {
      weighted.push(
        fc
          .record({
            cmp: fc.constantFrom<Comparison>('>', '>=', '<', '<=', '='),
            value: fc.constantFrom(...constantPool),
          })
          .map(({ cmp, value }): Expr => ({ op: 'cmp', name, cmp, value })),
      );
    }
  }
  const leaf =
    weighted.length > 0
      ? fc.oneof(
          { arbitrary: fc.oneof(...weighted), weight: 9 },
          { arbitrary: fc.oneof(...leaves), weight: 1 },
        )
      : fc.oneof(...leaves);
  if (depth <= 1) return leaf;
  const sub = exprArbitrary(variables, depth - 1);
  return fc.oneof(
    { arbitrary: leaf, weight: 2 },
    { arbitrary: sub.map((arg): Expr => ({ op: 'not', arg })), weight: 1 },
    {
      arbitrary: fc
        .array(sub, { minLength: 1, maxLength: 3 })
        .map((args): Expr => ({ op: 'and', args })),
      weight: 3,
    },
    {
      arbitrary: fc
        .array(sub, { minLength: 1, maxLength: 3 })
        .map((args): Expr => ({ op: 'or', args })),
      weight: 2,
    },
  );
}

export const policyArbitrary: fc.Arbitrary<PolicyIR> = fc
  .uniqueArray(fc.constantFrom(...namePool), { minLength: 1, maxLength: 6 })
  .chain((names) => fc.tuple(...names.map(variableArbitrary)))
  .chain((variables) => {
    const bools = variables
      .filter((variable) => variable.type === 'bool')
      .map((variable) => variable.name);
    const rule = fc.record({
      violation: fc.integer({ min: 1, max: 3 }).chain((depth) => exprArbitrary(variables, depth)),
      exceptions: bools.length > 0 ? fc.subarray(bools) : fc.constant<string[]>([]),
    });
    return fc.array(rule, { minLength: 1, maxLength: 8 }).map(
      (rules): PolicyIR => ({
        version: 'v1',
        variables,
        rules: rules.map((entry, index) => ({
          id: index + 1,
          text: `random rule ${index + 1}`,
          shape: 'custom',
          ...entry,
        })),
        lists: [],
        counters: [],
        warnings: [],
      }),
    );
  });

function valueArbitrary(variable: Variable): fc.Arbitrary<Value> {
  switch (variable.type) {
    case 'bool':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...variable.values, ENUM_OTHER, 'unnamed');
    case 'int': {
      const min = variable.min ?? -5;
      const near = constantPool.flatMap((c) => [
        Math.floor(c) - 1,
        Math.floor(c),
        Math.ceil(c) + 1,
      ]);
      return fc
        .oneof(fc.constantFrom(...near), fc.integer({ min, max: 15 }))
        .map((value) => Math.max(value, min));
    }
    case 'real': {
      const min = variable.min ?? -5;
      return fc
        .oneof(
          fc.constantFrom(...constantPool, 0.75, 10.25),
          fc.double({ min, max: 20, noNaN: true }),
        )
        .map((value) => Math.max(value, min));
    }
  }
}

/** A partial assignment: each variable assigned with probability `density`. */
export function assignmentArbitrary(ir: PolicyIR, density: number): fc.Arbitrary<Assignment> {
  return fc
    .tuple(
      ...ir.variables.map((variable) =>
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), valueArbitrary(variable)),
      ),
    )
    .map((entries) => {
      const assignment: Record<string, Value> = {};
      ir.variables.forEach((variable, index) => {
        const [roll, value] = entries[index] as [number, Value];
        if (roll < density) assignment[variable.name] = value;
      });
      return assignment;
    });
}

/** A policy with several assignments of mixed density (none, some, most, all assigned). */
export const caseArbitrary = policyArbitrary.chain((ir) =>
  fc
    .array(
      fc.constantFrom(0, 0.3, 0.6, 0.85, 1).chain((density) => assignmentArbitrary(ir, density)),
      {
        minLength: 4,
        maxLength: 4,
      },
    )
    .map((assignments) => ({ ir, assignments })),
);
