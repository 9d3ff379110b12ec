import { describe, expect, it } from 'vitest';
import { isoPolicy } from '../guard/__fixtures__/iso42001';
import { createGuard } from '../guard/create-guard';
import { mapToolCall } from './map-tool-call';

// Attack: hide a large batch of records behind a small count the model writes itself.
const { ir: policy } = isoPolicy();
const records = Array.from({ length: 500 }, (_, i) => `r${i}`);
const session = { id: 's', totals: {} };

function countOf(args: Record<string, unknown>): unknown {
  const mapped = mapToolCall({ policy, tool: 'bulkProcess', args, context: {}, session });
  return mapped.ok ? mapped.mapped.variables['record_count']?.value : mapped.reason;
}

describe('attack: count hiding under default name matching', () => {
  it('a numeral string "1" cannot hide a 500-item array (largest count wins, whatever its type)', () => {
    expect(countOf({ record_count: '1', records })).toBe(500);
    expect(countOf({ records, record_count: '1' })).toBe(500);
    expect(countOf({ record_count: ' 1 ', records, recordCount: 2 })).toBe(500);
  });

  it('a large numeral string still counts when the array is small', () => {
    expect(countOf({ record_count: '1,000', records: ['a'] })).toBe(1000);
  });

  it('unparseable, negative, fractional and exotic numerals never lower the count', () => {
    for (const spoof of ['1e3', '２４０', '0x10', '-5', -5, 2.5, '١٢', 'Infinity', 'NaN']) {
      expect(countOf({ record_count: spoof, records })).toBe(500);
      // Alone, they leave the count unknown (a SATISFIABLE call is blocked by default).
      expect(countOf({ record_count: spoof })).toBeUndefined();
    }
  });

  it('end to end: activity, classification and a hidden count cannot pass the session limit', async () => {
    const guard = await createGuard({ policy: isoPolicy() });
    const decision = await guard.check({
      tool: 'bulkProcess',
      args: {
        transfer_customer_records: false,
        modify_production_records: false,
        classification: 'public',
        record_count: '1',
        records,
      },
      toolCallId: 'c',
      sessionId: 'hide',
    });
    expect(decision.action?.assignment['record_count']).toBe(500);
    expect(decision).toMatchObject({ allowed: false, result: 'UNSAT', code: 'POLICY_UNSAT' });
  });

  it('counts near Number.MAX_SAFE_INTEGER block instead of wrapping or overflowing', async () => {
    const guard = await createGuard({ policy: isoPolicy() });
    for (const record_count of [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e300]) {
      const decision = await guard.check({
        tool: 'bulkProcess',
        args: { record_count, classification: 'public' },
        toolCallId: 'c',
        sessionId: `huge-${record_count}`,
      });
      expect(decision.allowed).toBe(false);
      expect(decision.result).not.toBe('SAT');
    }
  });
});
