import { describe, expect, it } from 'vitest';
import { isoPolicy } from '../guard/__fixtures__/iso42001';
import { createGuard } from '../guard/create-guard';
import { parseToolMappingFile } from './tool-mapping-file';
import { validateToolMappings } from './validate-tool-mappings';

describe('parseToolMappingFile', () => {
  it('reads declarative mappings a guard can use', async () => {
    const file = parseToolMappingFile({
      unmappedTools: 'block',
      tools: {
        updateRecord: {
          variables: {
            modify_production_records: { const: true },
            transfer_customer_records: { const: false },
            record_count: { const: 1 },
            classification: 'record.classification',
            authorization_token: { from: 'context', key: 'authToken' },
          },
        },
      },
    });
    expect(file.unmappedTools).toBe('block');
    const guard = await createGuard({ policy: isoPolicy(), ...file });
    const decision = await guard.check(
      { tool: 'updateRecord', args: { record: { classification: 'standard' } }, toolCallId: 'c' },
      { authToken: 'tok', approver_id: 'm' },
    );
    expect(decision.result).toBe('SAT');
  });

  it('refuses malformed files with every problem listed', () => {
    expect(() =>
      parseToolMappingFile({
        tools: { t: { variables: { a: { from: 'args', path: 'x' } }, extra: 1 } },
        mode: 'x',
      }),
    ).toThrow(/Invalid mapping file: .*tools\.t/);
  });

  it('catches a const of the wrong type when the guard is created', () => {
    const { ir } = isoPolicy();
    expect(() =>
      validateToolMappings(ir, { t: { variables: { record_count: { const: 'one' } } } }),
    ).toThrow(/record_count const: expected a number/);
  });
});
