import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../evaluator';
import { compilePolicy } from '../policy';
import { applyCounters } from './apply-counters';
import { extractAssignment } from './extract-assignment';
import type { ListData } from './list-membership';

const iso = compilePolicy(
  [
    '1. Do not transfer customer records to an external destination unless an authorization_token is provided in the action.',
    '2. Do not modify production records unless an authorization_token is provided in the action.',
    '3. Do not process more than 10 records in a single agent session unless a re_authorization_token is provided.',
    '4. Do not access records with classification "restricted" or "confidential" unless an approval_token is provided in the action.',
    '5. Every action that requires an authorization_token must also include an approver_id.',
  ].join('\n'),
).ir;

function decide(ir: typeof iso, text: string, lists?: ListData) {
  const { assignment, notes } = extractAssignment(ir, text, lists === undefined ? {} : { lists });
  const evaluation = createEvaluator(ir).evaluate(applyCounters(ir, assignment));
  return { assignment, notes, ...evaluation, ids: evaluation.violations.map((rule) => rule.id) };
}

describe('extractAssignment on the seed actions (ISO 42001 policy)', () => {
  it('reads the external transfer of 240 records as UNSAT on rules 1 and 3', () => {
    const seed =
      'Transfer 240 customer records to vendor-analytics@partner-firm.com (external destination). authorization_token: not provided. re_authorization_token: not provided.';
    const { assignment, result, ids } = decide(iso, seed);
    expect(assignment).toEqual({
      transfer_customer_records: true,
      destination_external: true,
      authorization_token: false,
      modify_production_records: false,
      record_count: 240,
      re_authorization_token: false,
    });
    expect(result).toBe('UNSAT');
    expect(ids).toEqual([1, 3]);
  });

  it('reads the restricted read of 35 records as UNSAT on rules 3 and 4', () => {
    const seed =
      'Read 35 records with classification "restricted" to summarize quarterly trends. approval_token: not provided. re_authorization_token: not provided.';
    const { assignment, result, ids } = decide(iso, seed);
    expect(assignment).toMatchObject({
      record_count: 35,
      classification: 'restricted',
      approval_token: false,
      re_authorization_token: false,
      transfer_customer_records: false,
      modify_production_records: false,
    });
    expect(result).toBe('UNSAT');
    expect(ids).toEqual([3, 4]);
  });

  it('reads the authorized single-record update as SAT', () => {
    const seed =
      'Update billing address on customer record cust_4421 (classification: standard). authorization_token: tok_a91f3c. approver_id: approver_mhayes.';
    const { assignment, notes, result } = decide(iso, seed);
    expect(assignment).toEqual({
      transfer_customer_records: false,
      authorization_token: true,
      record_count: 1,
      classification: '(other)',
      approver_id: true,
    });
    // The verb matches "modify" but the thing is a customer record, not a production record.
    expect(notes.modify_production_records).toMatch(/not named/);
    expect(notes.classification).toMatch(/standard/);
    expect(result).toBe('SAT');
  });
});

describe('extractAssignment details', () => {
  it('counts the 10/11 record boundary and a single record', () => {
    const tail = 'classification: public. re_authorization_token: not provided.';
    expect(decide(iso, `Read 10 records. ${tail}`).result).toBe('SAT');
    expect(decide(iso, `Read 11 records. ${tail}`).ids).toEqual([3]);
    expect(decide(iso, 'Read 11 records. classification: public.').result).toBe('SATISFIABLE');
    expect(decide(iso, 'Read a single record.').assignment.record_count).toBe(1);
    expect(decide(iso, 'Read one record.').assignment.record_count).toBe(1);
    expect(decide(iso, 'Read 1,200 records.').assignment.record_count).toBe(1200);
  });

  it('leaves a plural without a number unknown', () => {
    const { assignment, notes, result } = decide(iso, 'Read records from the warehouse.');
    expect(assignment.record_count).toBeUndefined();
    expect(notes.record_count).toMatch(/without a number/);
    expect(result).toBe('SATISFIABLE');
  });

  it('does not count nouns that are not the unit', () => {
    const { assignment } = decide(iso, 'Update 3 fields on record cust_1.');
    expect(assignment.record_count).toBe(1);
  });

  it('reads each way of writing an attribute', () => {
    for (const text of [
      'Read records with classification "confidential".',
      'Read records with classification confidential.',
      'Read records (classification: Confidential).',
      'Read a "confidential" classification record.',
    ]) {
      expect(decide(iso, text).assignment.classification).toBe('confidential');
    }
    expect(decide(iso, 'Read records with classification levels.').assignment.classification).toBe(
      undefined,
    );
  });

  it('reads qualifier phrases, their negation and their opposite', () => {
    expect(
      decide(iso, 'Send customer records to x (external destination).').assignment,
    ).toMatchObject({ destination_external: true, transfer_customer_records: true });
    expect(
      decide(iso, 'Send customer records to an internal destination.').assignment
        .destination_external,
    ).toBe(false);
    expect(
      decide(iso, 'Send customer records to a non-external destination.').assignment
        .destination_external,
    ).toBe(false);
  });

  it('leaves an activity unknown for a generic or unknown leading verb', () => {
    const generic = decide(iso, 'Process customer records.');
    expect(generic.assignment.transfer_customer_records).toBeUndefined();
    const unknown = decide(iso, 'Frobnicate customer records.');
    expect(unknown.assignment.transfer_customer_records).toBeUndefined();
  });

  it('reads name: value pairs by variable name or words, and missing approvals', () => {
    const { assignment, result, ids } = decide(
      iso,
      'Update production record prod_7. Authorization token: tok_1. Approver ID: missing.',
    );
    expect(assignment).toMatchObject({
      modify_production_records: true,
      authorization_token: true,
      approver_id: false,
    });
    expect(result).toBe('UNSAT');
    expect(ids).toEqual([5]);
  });

  it('keeps a longer token name from feeding a shorter one', () => {
    const { assignment } = decide(iso, 'Read a record. re_authorization_token: tok_9.');
    expect(assignment.re_authorization_token).toBe(true);
    expect(assignment.authorization_token).toBeUndefined();
  });
});

describe('extractAssignment on sector policies', () => {
  const lists: ListData = {
    approved_baa: ['partner-clinic.org'],
    approved_vendor: ['maps.example.com', 'Acme Geocoder'],
  };

  it('HIPAA: PHI to a destination on or off the approved BAA list', () => {
    const { ir } = compilePolicy(
      '1. Do not transmit any record containing PHI to a destination not on the approved BAA list.',
    );
    const off = decide(
      ir,
      'Transmit patient record containing PHI to results@other-lab.com.',
      lists,
    );
    expect(off.assignment).toEqual({
      transmit_record: true,
      containing_phi: true,
      destination_on_approved_baa_list: false,
    });
    expect(off.result).toBe('UNSAT');
    expect(
      decide(ir, 'Transmit a record containing PHI to intake@partner-clinic.org.', lists).result,
    ).toBe('SAT');
    expect(decide(ir, 'Send records containing no PHI to a@b.com.', lists).result).toBe('SAT');
    const noData = decide(ir, 'Transmit a record containing PHI to x@partner-clinic.org.');
    expect(noData.notes.destination_on_approved_baa_list).toMatch(/no data/);
    expect(noData.result).toBe('SATISFIABLE');
  });

  it('payments: amounts above the limit need dual approval', () => {
    const { ir } = compilePolicy(
      '1. Do not initiate any transfer above $10,000 without dual approval recorded in the action.',
    );
    expect(decide(ir, 'Initiate a transfer of $12,500 to ACME-001.').assignment).toMatchObject({
      initiate_transfer: true,
      transfer_amount: 12500,
    });
    expect(decide(ir, 'Initiate a transfer of $12,500. dual_approval: not recorded.').result).toBe(
      'UNSAT',
    );
    expect(decide(ir, 'Initiate a transfer of $12,500. Dual approval: recorded.').result).toBe(
      'SAT',
    );
    expect(decide(ir, 'Initiate a transfer of $10,000.').result).toBe('SAT');
    expect(decide(ir, 'Wire $2.5k to a supplier.').assignment.transfer_amount).toBe(2500);
    expect(decide(ir, 'Initiate a transfer of $15,000 without dual approval.').result).toBe(
      'UNSAT',
    );
  });

  it('human review: final decisions affecting an individual', () => {
    const { ir } = compilePolicy(
      '1. Do not produce a final decision affecting an individual without a documented human-review step.',
    );
    expect(
      decide(
        ir,
        'Produce a final decision affecting an individual. documented_human_review_step: not provided.',
      ).result,
    ).toBe('UNSAT');
    expect(
      decide(
        ir,
        'Produce a final decision affecting an individual with a documented human-review step.',
      ).result,
    ).toBe('SAT');
    expect(decide(ir, 'Produce a final decision affecting no individual.').result).toBe('SAT');
  });

  it('approved vendors: the thing itself is looked up', () => {
    const { ir } = compilePolicy(
      '1. Do not call third-party APIs not on the approved-vendor list.',
    );
    expect(decide(ir, 'Call third-party API api.weather-co.com.', lists).result).toBe('UNSAT');
    expect(decide(ir, 'Call third-party API maps.example.com.', lists).result).toBe('SAT');
    expect(decide(ir, 'Call the third-party API named "Acme Geocoder".', lists).result).toBe('SAT');
    expect(decide(ir, 'Read a local file.', lists).result).toBe('SAT');
  });
});

describe('extractAssignment on a non-ISO vocabulary', () => {
  const { ir } = compilePolicy(
    [
      '1. Do not delete invoices unless a deletion_ticket is provided.',
      '2. Do not export more than 500 invoices in a single agent session unless a bulk_export_token is provided.',
      '3. Do not share documents with sensitivity "secret" or "top secret" unless a clearance_code is provided in the action.',
      '4. Every action that requires a deletion_ticket must also include a manager_id.',
      '5. Do not upload any file containing source code to a host not on the trusted storage list.',
      '6. Do not issue any refund above $500 without a supervisor sign-off.',
    ].join('\n'),
  );
  const lists: ListData = { trusted_storage: ['s3.corp.internal'] };

  it('decides each rule from its own words', () => {
    expect(
      decide(ir, 'Delete invoice INV-1. deletion_ticket: DT-9. manager_id: not provided.').ids,
    ).toEqual([4]);
    expect(
      decide(ir, 'Delete 3 invoices. deletion ticket: DT-9. manager id: m_jones.').result,
    ).toBe('SAT');
    expect(decide(ir, 'Export 600 invoices. bulk_export_token: none.').ids).toEqual([2]);
    const verbCounter = decide(
      ir,
      'Issue a refund of $750 to c_19. supervisor sign-off: recorded.',
    );
    // A verb-bound counter is 0 for an action of another verb class.
    expect(verbCounter.assignment.export_invoice_count).toBe(0);
    expect(verbCounter.result).toBe('SAT');
    expect(
      decide(ir, 'Share documents with sensitivity "top secret". clearance_code: none.', lists).ids,
    ).toEqual([3]);
    expect(
      decide(ir, 'Upload a file containing source code to backup.example.net.', lists).ids,
    ).toEqual([5]);
    expect(
      decide(ir, 'Upload a file containing source code to s3.corp.internal.', lists).assignment
        .host_on_trusted_storage_list,
    ).toBe(true);
  });
});

describe('extractAssignment robustness', () => {
  it('never throws and always yields values the evaluator accepts', () => {
    const evaluator = createEvaluator(iso);
    const words = fc.constantFrom(
      'Transfer',
      'Read',
      'records',
      'record',
      'customer',
      '240',
      '$12,500',
      ':',
      'not provided',
      'classification',
      '"restricted"',
      'authorization_token',
      'approver_id:',
      'external',
      'destination',
      'a',
      'single',
      '.',
      '(',
      ')',
      'x@y.com',
      'no',
      'without',
      'with',
      '11',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string()), { maxLength: 30 }), (parts) => {
        const { assignment } = extractAssignment(iso, parts.join(' '));
        expect(() => evaluator.evaluate(applyCounters(iso, assignment))).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
