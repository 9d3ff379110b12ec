import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy';
import type { Expr, PolicyIR } from './ir';

const v = (name: string): Expr => ({ op: 'var', name });
const not = (arg: Expr): Expr => ({ op: 'not', arg });
const compile = (...rules: string[]): PolicyIR =>
  compilePolicy(rules.map((rule, index) => `${index + 1}. ${rule}`).join('\n')).ir;
const violation = (rule: string) => compile(rule).rules[0]!.violation;

describe('unless-provided', () => {
  it('accepts articles, "any", "is provided" with and without "in the action"', () => {
    for (const rule of [
      'Do not archive any ledgers unless an archive_token is provided in the action.',
      'Do not archive the ledgers unless the archive_token is provided.',
      'do NOT ARCHIVE ledgers UNLESS archive_token IS PROVIDED',
    ]) {
      expect(violation(rule)).toEqual({
        op: 'and',
        args: [v('archive_ledgers'), not(v('archive_token'))],
      });
    }
  });

  it('names a multi-word token from its words', () => {
    expect(violation('Do not rotate keys unless a signed change ticket is provided.')).toEqual({
      op: 'and',
      args: [v('rotate_keys'), not(v('signed_change_ticket'))],
    });
  });

  it('turns "to an <adjective> <noun>" into a qualifier named noun_adjectives', () => {
    const ir = compile(
      'Do not send reports to a public channel unless a publish_token is provided.',
    );
    expect(ir.rules[0]!.violation).toEqual({
      op: 'and',
      args: [v('send_reports'), v('channel_public'), not(v('publish_token'))],
    });
    expect(ir.variables.find((x) => x.name === 'channel_public')?.description).toBe(
      'Whether the channel is public',
    );
  });

  it('a generic verb with nothing else to narrow it still needs the thing (verb matches anything)', () => {
    const ir = compile('Do not access payroll files unless a payroll_token is provided.');
    expect(ir.rules[0]!.violation).toEqual({
      op: 'and',
      args: [v('access_payroll_files'), not(v('payroll_token'))],
    });
    expect(ir.variables[0]?.vocabulary).toEqual({ verb: 'access', noun: 'payroll file' });
  });

  it('reads "look up" as one verb and keeps compound nouns ending in -ing', () => {
    expect(
      violation('Do not look up customer billing records unless a lookup_token is provided.'),
    ).toEqual({
      op: 'and',
      args: [v('look_up_customer_billing_records'), not(v('lookup_token'))],
    });
  });
});

describe('count-limit', () => {
  it('a generic verb counts every unit; a session scope adds the session total', () => {
    const ir = compile(
      'Do not handle more than 3 tickets in a single agent session unless an escalation_token is provided.',
    );
    expect(ir.rules[0]!.violation).toEqual({
      op: 'and',
      args: [
        { op: 'cmp', name: 'session_ticket_count', cmp: '>', value: 3 },
        not(v('escalation_token')),
      ],
    });
    expect(ir.counters).toEqual([
      { unit: 'ticket', actionVariable: 'ticket_count', sessionVariable: 'session_ticket_count' },
    ]);
  });

  it('"in a single action" compares the per-action count and has no session counter', () => {
    const ir = compile(
      'Do not process more than 1,000 rows in a single action unless a bulk_token is provided.',
    );
    expect(ir.rules[0]!.violation).toEqual({
      op: 'and',
      args: [{ op: 'cmp', name: 'row_count', cmp: '>', value: 1000 }, not(v('bulk_token'))],
    });
    expect(ir.counters).toEqual([]);
    expect(ir.variables.map((x) => x.name)).toEqual(['row_count', 'bulk_token']);
  });

  it('combines with an attribute', () => {
    const ir = compile(
      'Do not access more than 10 records with classification "restricted" in a single agent session unless a bulk_token is provided.',
    );
    expect(ir.rules[0]).toMatchObject({
      shape: 'count-limit',
      violation: {
        op: 'and',
        args: [
          { op: 'in', name: 'classification', values: ['restricted'] },
          { op: 'cmp', name: 'session_record_count', cmp: '>', value: 10 },
          not(v('bulk_token')),
        ],
      },
    });
  });
});

describe('attribute', () => {
  it('accepts one, two ("or") and many (commas, "or") quoted values; unions values across rules', () => {
    const ir = compile(
      'Do not open tickets with priority "p1" unless a pager_token is provided.',
      'Do not close tickets with priority "p1" or "p2" unless a pager_token is provided.',
      'Do not edit tickets with priority "p2", "p3", or "p4" unless a pager_token is provided.',
    );
    expect(ir.rules.map((rule) => rule.violation)).toEqual([
      {
        op: 'and',
        args: [
          v('open_tickets'),
          { op: 'in', name: 'priority', values: ['p1'] },
          not(v('pager_token')),
        ],
      },
      {
        op: 'and',
        args: [
          v('close_tickets'),
          { op: 'in', name: 'priority', values: ['p1', 'p2'] },
          not(v('pager_token')),
        ],
      },
      {
        op: 'and',
        args: [
          v('edit_tickets'),
          { op: 'in', name: 'priority', values: ['p2', 'p3', 'p4'] },
          not(v('pager_token')),
        ],
      },
    ]);
    expect(ir.variables.find((x) => x.name === 'priority')).toMatchObject({
      values: ['p1', 'p2', 'p3', 'p4'],
    });
  });

  it('accepts curly quotes and multi-word attributes', () => {
    expect(
      violation('Do not access files with data class “internal” unless a read_token is provided.'),
    ).toEqual({
      op: 'and',
      args: [{ op: 'in', name: 'data_class', values: ['internal'] }, not(v('read_token'))],
    });
  });
});

describe('requires-also', () => {
  it('collects every rule that requires the token, whatever its position', () => {
    const ir = compile(
      'Every action that requires a refund_token must also include a manager_id.',
      'Do not refund orders unless a refund_token is provided.',
      'Do not void invoices unless a refund_token is provided.',
      'Do not pay vendors unless a payment_token is provided.',
    );
    expect(ir.rules[0]!.violation).toEqual({
      op: 'and',
      args: [{ op: 'or', args: [v('refund_orders'), v('void_invoices')] }, not(v('manager_id'))],
    });
    expect(ir.rules[0]!.exceptions).toEqual(['manager_id']);
  });

  it('follows chains of requirements, a cycle counting each rule once', () => {
    const ir = compile(
      'Do not refund orders unless a refund_token is provided.',
      'Every action that requires a refund_token must also include a manager_id.',
      'Every action that requires a manager_id must also include a witness_id.',
      'Every action that requires a witness_id must also include a refund_token.',
    );
    expect(ir.rules[2]!.violation).toEqual({
      op: 'and',
      args: [v('refund_orders'), not(v('witness_id'))],
    });
    expect(ir.rules[3]!.violation).toEqual({
      op: 'and',
      args: [v('refund_orders'), not(v('refund_token'))],
    });
    // Rule 4 asks for what rule 1 already asks: the compiler says so.
    expect(ir.warnings).toEqual([
      'Rule 4 duplicates rule 1: both are violated by exactly the same actions.',
    ]);
  });
});

describe('amount-without, without and list', () => {
  it('accepts amounts with and without commas, with decimals, after "above" or "over"', () => {
    for (const [amount, value] of [
      ['$10,000', 10000],
      ['$10000', 10000],
      ['$1,250.50', 1250.5],
    ] as const) {
      expect(
        violation(`Do not approve any refund over ${amount} without a second signature.`),
      ).toEqual({
        op: 'and',
        args: [
          v('approve_refund'),
          { op: 'cmp', name: 'refund_amount', cmp: '>', value },
          not(v('second_signature')),
        ],
      });
    }
  });

  it('drops "recorded/provided/included in the action" and keeps adjectives', () => {
    for (const tail of ['recorded in the action', 'included in the action', 'in the action', '']) {
      expect(violation(`Do not close accounts without a signed closure form ${tail}.`)).toEqual({
        op: 'and',
        args: [v('close_accounts'), not(v('signed_closure_form'))],
      });
    }
  });

  it('any -ing qualifier before an article works like "containing"', () => {
    expect(violation('Do not send a letter notifying a regulator without legal review.')).toEqual({
      op: 'and',
      args: [v('send_letter'), v('notifying_regulator'), not(v('legal_review'))],
    });
  });

  it('a list rule may also carry an exception', () => {
    const ir = compile(
      'Do not install packages not on the allowed package list unless an install_token is provided.',
    );
    expect(ir.rules[0]).toMatchObject({
      shape: 'list',
      exceptions: ['install_token'],
      violation: {
        op: 'and',
        args: [
          v('install_packages'),
          not(v('package_on_allowed_package_list')),
          not(v('install_token')),
        ],
      },
    });
  });
});

describe('plural and singular nouns', () => {
  it('share one activity variable across rules that write the noun differently', () => {
    const ir = compile(
      'Do not delete invoices unless a deletion_ticket is provided.',
      'Do not delete any invoice above $500 without a finance review.',
    );
    expect(ir.rules[1]!.violation).toEqual({
      op: 'and',
      args: [
        v('delete_invoices'),
        { op: 'cmp', name: 'invoice_amount', cmp: '>', value: 500 },
        not(v('finance_review')),
      ],
    });
    expect(ir.variables.filter((x) => x.role === 'activity').map((x) => x.name)).toEqual([
      'delete_invoices',
    ]);
  });

  it('name counters by the singular unit whether the rule says "1 file" or "5 files"', () => {
    const a = compile(
      'Do not process more than 1 file in a single agent session unless a t is provided.',
    );
    const b = compile(
      'Do not process more than 5 files in a single agent session unless a t is provided.',
    );
    expect(a.counters).toEqual(b.counters);
  });
});

describe('numbering and layout', () => {
  it('accepts "1)" numbering, blank lines, comments and indentation; never drops a rule', () => {
    const { ir } = compilePolicy(
      '# Finance policy\n\n  1) Do not pay vendors unless a payment_token is provided.\n\n2) Do not void invoices unless a void_token is provided.\r\n',
    );
    expect(ir.rules.map((rule) => [rule.id, rule.text])).toEqual([
      [1, 'Do not pay vendors unless a payment_token is provided.'],
      [2, 'Do not void invoices unless a void_token is provided.'],
    ]);
  });
});
