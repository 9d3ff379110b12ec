import { describe, expect, it } from 'vitest';
import { isoPolicy } from './__fixtures__/policies';
import { compilePolicy } from './compile-policy';
import { definePolicy } from './define-policy';
import type { Expr } from './ir';
import { policyHash } from './policy-hash';

const v = (name: string): Expr => ({ op: 'var', name });
const not = (arg: Expr): Expr => ({ op: 'not', arg });

describe('compilePolicy: the ISO 42001 policy', () => {
  const { ir, hash, catalogue } = compilePolicy(isoPolicy);

  it('compiles every rule, in order, with its text and shape', () => {
    expect(ir.rules.map((rule) => [rule.id, rule.shape])).toEqual([
      [1, 'unless-provided'],
      [2, 'unless-provided'],
      [3, 'count-limit'],
      [4, 'attribute'],
      [5, 'requires-also'],
    ]);
    expect(ir.rules[0]!.text).toBe(
      'Do not transfer customer records to an external destination unless an authorization_token is provided in the action.',
    );
    expect(ir.warnings).toEqual([]);
  });

  it('gives each rule exactly the violation the language defines', () => {
    const cond1: Expr = {
      op: 'and',
      args: [v('transfer_customer_records'), v('destination_external')],
    };
    expect(ir.rules.map((rule) => rule.violation)).toEqual([
      {
        op: 'and',
        args: [...(cond1.op === 'and' ? cond1.args : []), not(v('authorization_token'))],
      },
      { op: 'and', args: [v('modify_production_records'), not(v('authorization_token'))] },
      {
        op: 'and',
        args: [
          { op: 'cmp', name: 'session_record_count', cmp: '>', value: 10 },
          not(v('re_authorization_token')),
        ],
      },
      {
        op: 'and',
        args: [
          { op: 'in', name: 'classification', values: ['restricted', 'confidential'] },
          not(v('approval_token')),
        ],
      },
      {
        op: 'and',
        args: [{ op: 'or', args: [cond1, v('modify_production_records')] }, not(v('approver_id'))],
      },
    ]);
    expect(ir.rules.map((rule) => rule.exceptions)).toEqual([
      ['authorization_token'],
      ['authorization_token'],
      ['re_authorization_token'],
      ['approval_token'],
      ['approver_id'],
    ]);
  });

  it('declares exactly the ISO variables with their types and roles', () => {
    expect(ir.variables.map((variable) => [variable.name, variable.type, variable.role])).toEqual([
      ['transfer_customer_records', 'bool', 'activity'],
      ['destination_external', 'bool', 'qualifier'],
      ['authorization_token', 'bool', 'permission'],
      ['modify_production_records', 'bool', 'activity'],
      ['record_count', 'int', 'counter'],
      ['session_record_count', 'int', 'counter'],
      ['re_authorization_token', 'bool', 'permission'],
      ['classification', 'enum', 'attribute'],
      ['approval_token', 'bool', 'permission'],
      ['approver_id', 'bool', 'permission'],
    ]);
    const byName = Object.fromEntries(ir.variables.map((variable) => [variable.name, variable]));
    expect(byName['classification']).toMatchObject({ values: ['restricted', 'confidential'] });
    expect(byName['record_count']).toMatchObject({ min: 0, vocabulary: { unit: 'record' } });
    expect(byName['session_record_count']).toMatchObject({ min: 0 });
    expect(byName['transfer_customer_records']?.vocabulary).toEqual({
      verb: 'transfer',
      noun: 'customer record',
    });
    expect(byName['destination_external']?.vocabulary).toEqual({ phrase: 'external destination' });
    expect(ir.counters).toEqual([
      { unit: 'record', actionVariable: 'record_count', sessionVariable: 'session_record_count' },
    ]);
    expect(ir.lists).toEqual([]);
  });

  it('has a catalogue entry per variable with the rules that use it', () => {
    expect(catalogue.map((entry) => entry.name)).toEqual(
      ir.variables.map((variable) => variable.name),
    );
    expect(catalogue.find((entry) => entry.name === 'classification')).toEqual({
      name: 'classification',
      type: 'enum',
      role: 'attribute',
      description: 'The classification of the record',
      values: ['restricted', 'confidential'],
      rules: [4],
    });
    expect(catalogue.find((entry) => entry.name === 'record_count')?.rules).toEqual([3]);
    expect(catalogue.find((entry) => entry.name === 'authorization_token')?.rules).toEqual([1, 2]);
    expect(catalogue.find((entry) => entry.name === 'transfer_customer_records')?.rules).toEqual([
      1, 5,
    ]);
    for (const entry of catalogue) expect(entry.description).not.toBe('');
  });

  it('passes definePolicy unchanged and is JSON-serialisable', () => {
    expect(definePolicy(ir)).toEqual(ir);
    expect(definePolicy(JSON.parse(JSON.stringify(ir)))).toEqual(ir);
  });

  it('has a stable, pinned content hash', () => {
    expect(hash).toBe(policyHash(ir));
    expect(compilePolicy(isoPolicy).hash).toBe(hash);
    // Pinned: a change here changes the policy version every receipt refers to. Update it only
    // for a deliberate change of the compiler's output (and say so in the changelog).
    expect(hash).toBe('sha256:2b3682b1a37c09493a6255ed9b95ada45fe99d98f5e7f1939b8ec394641009b6');
  });
});
