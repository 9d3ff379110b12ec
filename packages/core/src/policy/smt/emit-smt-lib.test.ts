import { describe, expect, it } from 'vitest';
import { PreflightError } from '../../errors';
import { type PolicyIR, policyIrSchema } from '../ir';
import { emitSmtLib } from './emit-smt-lib';
import { smtNumeral } from './smt-numeral';
import { smtQuery } from './smt-query';

const ir: PolicyIR = policyIrSchema.parse({
  version: 'v1',
  rules: [
    {
      id: 1,
      text: 'Do not access records with classification "restricted"\nunless approved.',
      shape: 'attribute',
      violation: {
        op: 'and',
        args: [
          { op: 'in', name: 'classification', values: ['restricted', '(other)'] },
          { op: 'not', arg: { op: 'var', name: 'true' } },
        ],
      },
    },
    {
      id: 2,
      text: 'amounts',
      shape: 'custom',
      violation: {
        op: 'or',
        args: [
          { op: 'cmp', name: 'amount', cmp: '>', value: 1e21 },
          { op: 'cmp', name: 'count', cmp: '>=', value: 2.5 },
          { op: 'cmp', name: 'count', cmp: '=', value: -3 },
        ],
      },
    },
  ],
  variables: [
    {
      name: 'classification',
      type: 'enum',
      values: ['restricted', 'top secret', 'other'],
      role: 'attribute',
      description: 'Classification.',
    },
    {
      name: 'true',
      type: 'bool',
      role: 'permission',
      description: 'A token named like a keyword.',
    },
    { name: 'amount', type: 'real', min: 0.5, role: 'amount', description: 'Amount in USD.' },
    { name: 'count', type: 'int', min: -5, role: 'counter', description: 'Count.' },
  ],
});

describe('emitSmtLib', () => {
  const smt = emitSmtLib(ir);

  it('writes a variable catalogue in ICME format with declarations and bounds', () => {
    expect(smt).toContain(
      '; var amount (Real, min 0.5): Amount in USD.\n(declare-const amount Real)\n(assert (>= amount 0.5))',
    );
    expect(smt).toContain(
      '; var count (Int, min -5): Count.\n(declare-const count Int)\n(assert (>= count (- 5)))',
    );
  });

  it('declares enums as datatypes with one constructor per value plus a catch-all', () => {
    expect(smt).toContain(
      '(declare-datatype Enum_classification ((classification.restricted) (classification.top_secret) (classification.other_2) (classification.other)))',
    );
    expect(smt).toContain(';   classification.other = any other value');
    expect(smt).toContain(';   classification.top_secret = "top secret"');
  });

  it('escapes variable names that SMT-LIB reserves', () => {
    expect(smt).toContain('(declare-const true$v Bool)');
    expect(smt).toContain('(not true$v)');
  });

  it('defines one function per rule under a one-line comment with the rule text', () => {
    expect(smt).toContain(
      '; rule 1: Do not access records with classification "restricted" unless approved.\n(define-fun violates_rule_1 () Bool',
    );
    expect(smt).toContain(
      '(define-fun violates_rule_2 () Bool (or (> amount 1000000000000000000000.0) (>= (to_real count) 2.5) (= count (- 3))))',
    );
    expect(smt).not.toContain('(check-sat)');
  });

  it('rejects ill-formed IR with POLICY_IR_INVALID', () => {
    const bad = {
      ...ir,
      rules: [{ ...ir.rules[0], violation: { op: 'var', name: 'missing' } }],
    } as PolicyIR;
    expect(() => emitSmtLib(bad)).toThrow(PreflightError);
    const duplicate = { ...ir, rules: [ir.rules[0], ir.rules[0]] } as PolicyIR;
    expect(() => emitSmtLib(duplicate)).toThrow(/appears twice/);
  });
});

describe('smtQuery', () => {
  it('fixes the assigned variables and asks the query', () => {
    const assignment = { classification: 'public', true: false, amount: 12.5, count: 3 };
    const allowed = smtQuery(ir, assignment, 'allowed');
    expect(allowed.startsWith(emitSmtLib(ir))).toBe(true);
    expect(allowed).toContain('(assert (= classification classification.other))');
    expect(allowed).toContain('(assert (not true$v))');
    expect(allowed).toContain('(assert (= amount 12.5))');
    expect(allowed).toContain('(assert (= count 3))');
    expect(allowed).toContain('(assert (not (or violates_rule_1 violates_rule_2)))\n(check-sat)\n');
    expect(smtQuery(ir, {}, 'violated')).toContain(
      '(assert (or violates_rule_1 violates_rule_2))\n(check-sat)\n',
    );
  });

  it('rejects the same bad input as the evaluator', () => {
    const codeOf = (assignment: Record<string, unknown>) => {
      try {
        smtQuery(ir, assignment as never, 'allowed');
      } catch (error) {
        return PreflightError.isInstance(error) ? error.code : undefined;
      }
    };
    expect(codeOf({ nope: 1 })).toBe('EVALUATION_VARIABLE_UNKNOWN');
    expect(codeOf({ count: 1.5 })).toBe('EVALUATION_VALUE_INVALID');
    expect(codeOf({ amount: 0.25 })).toBe('EVALUATION_VALUE_INVALID');
    expect(codeOf({ amount: Number.NaN })).toBe('EVALUATION_VALUE_INVALID');
  });
});

describe('smtNumeral', () => {
  it('writes exact decimals without exponents', () => {
    expect(smtNumeral(1e21, 'Int')).toBe('1000000000000000000000');
    expect(smtNumeral(1e-7, 'Real')).toBe('0.0000001');
    expect(smtNumeral(-2.5e-3, 'Real')).toBe('(- 0.0025)');
    expect(smtNumeral(1.5e22, 'Real')).toBe('15000000000000000000000.0');
    expect(smtNumeral(-0, 'Real')).toBe('0.0');
    expect(smtNumeral(10, 'Real')).toBe('10.0');
  });
});
