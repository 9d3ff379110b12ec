import { describe, expect, it } from 'vitest';
import { otherWordsPolicy, sectorRules } from './__fixtures__/policies';
import { compilePolicy } from './compile-policy';
import type { Expr } from './ir';

const v = (name: string): Expr => ({ op: 'var', name });
const not = (arg: Expr): Expr => ({ op: 'not', arg });
const one = (rule: string) => compilePolicy(`1. ${rule}`).ir;

describe('compilePolicy: the sector rules of issue 2', () => {
  it('HIPAA: a participle qualifier and a destination list', () => {
    const ir = one(sectorRules.hipaa);
    expect(ir.rules[0]).toMatchObject({
      shape: 'list',
      exceptions: [],
      violation: {
        op: 'and',
        args: [
          v('transmit_record'),
          v('containing_phi'),
          not(v('destination_on_approved_baa_list')),
        ],
      },
    });
    expect(ir.lists).toEqual([
      {
        name: 'approved BAA',
        key: 'approved_baa',
        variable: 'destination_on_approved_baa_list',
        subject: 'destination',
      },
    ]);
    expect(ir.variables.find((x) => x.name === 'containing_phi')).toMatchObject({
      role: 'qualifier',
      vocabulary: { phrase: 'containing phi' },
    });
  });

  it('payments: an amount and a recorded condition', () => {
    const ir = one(sectorRules.payments);
    expect(ir.rules[0]).toMatchObject({
      shape: 'amount-without',
      exceptions: ['dual_approval'],
      violation: {
        op: 'and',
        args: [
          v('initiate_transfer'),
          { op: 'cmp', name: 'transfer_amount', cmp: '>', value: 10000 },
          not(v('dual_approval')),
        ],
      },
    });
    expect(ir.variables.map((x) => [x.name, x.type, x.role])).toEqual([
      ['initiate_transfer', 'bool', 'activity'],
      ['transfer_amount', 'real', 'amount'],
      ['dual_approval', 'bool', 'condition'],
    ]);
    expect(ir.variables[1]).toMatchObject({ min: 0 });
  });

  it('decisions: a participle with an article and a hyphenated condition', () => {
    const ir = one(sectorRules.decisions);
    expect(ir.rules[0]).toMatchObject({
      shape: 'without',
      exceptions: ['documented_human_review_step'],
      violation: {
        op: 'and',
        args: [
          v('produce_final_decision'),
          v('affecting_individual'),
          not(v('documented_human_review_step')),
        ],
      },
    });
  });

  it('vendors: the things themselves must be on the list', () => {
    const ir = one(sectorRules.vendors);
    expect(ir.rules[0]).toMatchObject({
      shape: 'list',
      exceptions: [],
      violation: {
        op: 'and',
        args: [v('call_third_party_apis'), not(v('third_party_api_on_approved_vendor_list'))],
      },
    });
    expect(ir.lists).toEqual([
      {
        name: 'approved-vendor',
        key: 'approved_vendor',
        variable: 'third_party_api_on_approved_vendor_list',
        subject: 'third_party_api',
      },
    ]);
  });

  it('all four compile together into one policy', () => {
    const text = Object.values(sectorRules)
      .map((rule, index) => `${index + 1}. ${rule}`)
      .join('\n');
    const { ir } = compilePolicy(text);
    expect(ir.rules).toHaveLength(4);
    expect(ir.lists.map((list) => list.key)).toEqual(['approved_baa', 'approved_vendor']);
    expect(ir.warnings).toEqual([]);
  });
});

describe('compilePolicy: other activities, units, attributes and tokens', () => {
  const { ir } = compilePolicy(otherWordsPolicy);

  it('compiles each rule to the expected IR', () => {
    expect(ir.rules.map((rule) => [rule.shape, rule.violation, rule.exceptions])).toEqual([
      [
        'unless-provided',
        { op: 'and', args: [v('delete_invoices'), not(v('deletion_ticket'))] },
        ['deletion_ticket'],
      ],
      [
        'count-limit',
        {
          op: 'and',
          args: [
            v('export_files'),
            { op: 'cmp', name: 'session_export_file_count', cmp: '>', value: 5 },
            not(v('bulk_export_token')),
          ],
        },
        ['bulk_export_token'],
      ],
      [
        'attribute',
        {
          op: 'and',
          args: [
            v('share_documents'),
            { op: 'in', name: 'sensitivity', values: ['secret'] },
            not(v('clearance_token')),
          ],
        },
        ['clearance_token'],
      ],
      [
        'amount-without',
        {
          op: 'and',
          args: [
            v('wire_payment'),
            { op: 'cmp', name: 'payment_amount', cmp: '>', value: 2500 },
            not(v('treasurer_sign_off')),
          ],
        },
        ['treasurer_sign_off'],
      ],
      [
        'list',
        {
          op: 'and',
          args: [
            v('upload_file'),
            v('containing_pii'),
            not(v('bucket_on_sanctioned_storage_list')),
          ],
        },
        [],
      ],
    ]);
  });

  it('names counters after the verb and the singular unit', () => {
    expect(ir.counters).toEqual([
      {
        unit: 'file',
        actionVariable: 'export_file_count',
        sessionVariable: 'session_export_file_count',
      },
    ]);
    expect(ir.variables.find((x) => x.name === 'export_file_count')).toMatchObject({
      type: 'int',
      role: 'counter',
      min: 0,
      vocabulary: { unit: 'file', verb: 'export' },
    });
    expect(ir.variables.find((x) => x.name === 'sensitivity')).toMatchObject({
      type: 'enum',
      values: ['secret'],
      vocabulary: { attribute: 'sensitivity' },
    });
    expect(ir.lists).toEqual([
      {
        name: 'sanctioned storage',
        key: 'sanctioned_storage',
        variable: 'bucket_on_sanctioned_storage_list',
        subject: 'bucket',
      },
    ]);
  });
});
