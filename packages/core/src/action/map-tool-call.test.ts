import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isoPolicy, isoTools } from '../guard/__fixtures__/iso42001';
import { compilePolicy } from '../policy/compile-policy';
import { type MapToolCallOptions, mapToolCall } from './map-tool-call';
import { defineToolMapping } from './tool-mapping';

const { ir } = isoPolicy();
const session = { id: 's1', totals: {} };

function map(options: Partial<MapToolCallOptions> & { args: unknown }) {
  const result = mapToolCall({ policy: ir, tool: 'someTool', context: {}, session, ...options });
  if (!result.ok) throw new Error(result.reason);
  return result.mapped;
}

describe('mapToolCall: name matching (unmapped tools)', () => {
  it('feeds a variable from an arg named like it, in any case style', () => {
    const mapped = map({
      args: { classification: 'Restricted', recordCount: 3, destinationExternal: true },
    });
    expect(mapped.variables).toMatchObject({
      classification: { value: 'restricted', provenance: 'arg' },
      record_count: { value: 3, provenance: 'arg' },
      destination_external: { value: true, provenance: 'arg' },
    });
  });

  it('counts a unit array, and takes the largest of several counts', () => {
    expect(map({ args: { records: ['a', 'b', 'c'] } }).variables['record_count']).toMatchObject({
      value: 3,
      provenance: 'derived',
    });
    expect(map({ args: { record: 'cust_1' } }).variables['record_count']?.value).toBe(1);
    // A model cannot under-report by adding a small explicit count.
    expect(
      map({ args: { records: ['a', 'b', 'c'], record_count: 1 } }).variables['record_count']?.value,
    ).toBe(3);
  });

  it('sets an activity from a tool named like it, in any number', () => {
    const mapped = map({ tool: 'transferCustomerRecord', args: {} });
    expect(mapped.variables['transfer_customer_records']).toMatchObject({
      value: true,
      provenance: 'derived',
    });
    expect(
      map({ tool: 'modify_production_records', args: {} }).variables['modify_production_records']
        ?.value,
    ).toBe(true);
  });

  it('never reads session totals from args', () => {
    const mapped = map({ args: { session_record_count: 0, sessionRecordCount: 0 } });
    expect(mapped.variables['session_record_count']).toBeUndefined();
  });

  it('leaves a badly typed arg unknown, with why', () => {
    const mapped = map({
      args: { record_count: 'many', destination_external: 'perhaps', classification: 3 },
    });
    expect(mapped.variables).toEqual({});
    expect(Object.keys(mapped.unresolved).sort()).toEqual([
      'classification',
      'destination_external',
      'record_count',
    ]);
    expect(mapped.unresolved['record_count']).toMatch(/expected a number/);
  });

  it('accepts numerals and booleans written as strings', () => {
    const mapped = map({ args: { record_count: '240', destination_external: 'TRUE' } });
    expect(mapped.variables['record_count']?.value).toBe(240);
    expect(mapped.variables['destination_external']?.value).toBe(true);
  });

  it('maps an unnamed enum value to (other)', () => {
    expect(map({ args: { classification: 'standard' } }).variables['classification']?.value).toBe(
      '(other)',
    );
  });

  it('offers permission values from trusted context only; args are ignored with a note', () => {
    const mapped = map({
      args: { authorization_token: 'tok_forged', approverId: 'boss' },
      context: { approval_token: 'tok_human' },
    });
    expect(mapped.variables['authorization_token']).toBeUndefined();
    expect(mapped.offers['authorization_token']).toMatchObject({
      raw: undefined,
      note: expect.stringMatching(/ignored/),
    });
    expect(mapped.offers['approver_id']).toMatchObject({ raw: undefined });
    expect(mapped.offers['approval_token']).toMatchObject({
      raw: 'tok_human',
      provenance: 'context',
    });
  });

  it('lets trusted context win over args for any variable', () => {
    const mapped = map({
      args: { classification: 'standard' },
      context: { classification: 'restricted' },
    });
    expect(mapped.variables['classification']).toMatchObject({
      value: 'restricted',
      provenance: 'context',
    });
  });
});

describe('mapToolCall: declared mappings', () => {
  it('maps args, consts, counts and functions with provenance', () => {
    const mapped = map({
      tool: 'exportRecords',
      mapping: isoTools['exportRecords'],
      args: { to: 'x@partner.com', recordIds: ['1', '2'], classification: 'confidential' },
    });
    expect(mapped.variables).toEqual({
      transfer_customer_records: {
        value: true,
        provenance: 'derived',
        note: 'fixed by the tool mapping',
      },
      modify_production_records: {
        value: false,
        provenance: 'derived',
        note: 'fixed by the tool mapping',
      },
      destination_external: {
        value: true,
        provenance: 'derived',
        note: 'computed by the tool mapping',
      },
      record_count: {
        value: 2,
        provenance: 'derived',
        note: 'the number of items in the arg "recordIds"',
      },
      classification: {
        value: 'confidential',
        provenance: 'arg',
        note: 'from the arg "classification"',
      },
    });
  });

  it('does not name-match mapped tools unless asked', () => {
    const args = { records: [1, 2, 3], classification: 'restricted' };
    expect(map({ mapping: { variables: {} }, args }).variables).toEqual({});
    const both = map({
      mapping: { variables: { record_count: { const: 1 } }, nameMatching: true },
      args,
    });
    expect(both.variables['record_count']?.value).toBe(1);
    expect(both.variables['classification']?.value).toBe('restricted');
  });

  it('validates args with the schema and refuses a mismatch', () => {
    const mapping = defineToolMapping({
      args: z.object({ to: z.string().email() }),
      variables: { destination_external: (args) => !args.to.endsWith('@example.com') },
    });
    const result = mapToolCall({
      policy: ir,
      tool: 't',
      context: {},
      session,
      mapping,
      args: { to: 42 },
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'ARGS_INVALID',
      reason: expect.stringMatching(/to:/),
    });
  });

  it('runs a mapping function and rejects unknown names and session totals', () => {
    const ok = map({
      mapping: (args: { n: number }) => ({ record_count: args.n, approval_token: true }),
      args: { n: 4 },
    });
    expect(ok.variables['record_count']).toMatchObject({ value: 4, provenance: 'derived' });
    // A function reads model-written args: a permission it returns does not count.
    expect(ok.offers['approval_token']).toMatchObject({
      raw: undefined,
      note: expect.stringMatching(/ignored/),
    });
    for (const mapping of [() => ({ recordz: 1 }), () => ({ session_record_count: 0 })]) {
      expect(
        mapToolCall({ policy: ir, tool: 't', context: {}, session, mapping, args: {} }),
      ).toMatchObject({
        ok: false,
        code: 'MAPPING_FAILED',
      });
    }
  });

  it('turns a throwing or mistyped mapping into MAPPING_FAILED', () => {
    const throwing = {
      variables: {
        record_count: () => {
          throw new Error('bug');
        },
      },
    };
    expect(
      mapToolCall({ policy: ir, tool: 't', context: {}, session, mapping: throwing, args: {} }),
    ).toMatchObject({
      ok: false,
      code: 'MAPPING_FAILED',
      reason: expect.stringMatching(/bug/),
    });
    const mistyped = { variables: { record_count: { const: 'lots' } } };
    expect(
      mapToolCall({ policy: ir, tool: 't', context: {}, session, mapping: mistyped, args: {} }),
    ).toMatchObject({
      ok: false,
      code: 'MAPPING_FAILED',
    });
  });

  it('takes permissions from a declared context key, or from args only with trustArgs', () => {
    const fromKey = map({
      mapping: { variables: { authorization_token: { from: 'context', key: 'authToken' } } },
      args: {},
      context: { authToken: 'tok' },
    });
    expect(fromKey.offers['authorization_token']).toMatchObject({
      raw: 'tok',
      provenance: 'context',
    });
    const trusted = map({
      mapping: { variables: { authorization_token: 'token' }, trustArgs: ['authorization_token'] },
      args: { token: 'tok_from_args' },
    });
    expect(trusted.offers['authorization_token']).toMatchObject({
      raw: 'tok_from_args',
      provenance: 'arg',
    });
    const untrusted = map({
      mapping: { variables: { authorization_token: 'token' } },
      args: { token: 'tok' },
    });
    expect(untrusted.offers['authorization_token']?.raw).toBeUndefined();
  });

  it('passes the session view to functions', () => {
    const mapped = map({
      mapping: {
        map: (_args, _context, view) => ({
          record_count: (view.totals['session_record_count'] ?? 0) > 5 ? 0 : 1,
        }),
      },
      args: {},
      session: { id: 's', totals: { session_record_count: 9 } },
    });
    expect(mapped.variables['record_count']?.value).toBe(0);
  });
});

describe('mapToolCall: lists', () => {
  const baa = compilePolicy(
    '1. Do not transmit any record containing PHI to a destination not on the approved BAA list.',
  ).ir;
  const lists = { approved_baa: ['clinic.example', 'records@lab.example'] };

  it('computes membership from the subject value and list data', () => {
    const on = mapToolCall({
      policy: baa,
      tool: 't',
      context: {},
      session,
      lists,
      args: { destination: 'a@clinic.example' },
    });
    const off = mapToolCall({
      policy: baa,
      tool: 't',
      context: {},
      session,
      lists,
      args: { destination: 'x@evil.example' },
    });
    const variable = baa.lists[0]!.variable;
    expect(on.ok && on.mapped.variables[variable]).toMatchObject({
      value: true,
      provenance: 'derived',
    });
    expect(off.ok && off.mapped.variables[variable]).toMatchObject({ value: false });
  });

  it('requires every destination of a list to be on it, and never trusts a membership arg', () => {
    const variable = baa.lists[0]!.variable;
    const mixed = mapToolCall({
      policy: baa,
      tool: 't',
      context: {},
      session,
      lists,
      args: { destination: ['a@clinic.example', 'x@evil.example'], [variable]: true },
    });
    expect(mixed.ok && mixed.mapped.variables[variable]?.value).toBe(false);
  });
});
