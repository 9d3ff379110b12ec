import { describe, expect, it } from 'vitest';
import { isoPolicy } from './__fixtures__/iso42001';
import { createGuard } from './create-guard';

// Attack: a tool (or an arg) named like a permission or a session total. Tool names are the
// app's, but an app may expose a tool whose name the model's behaviour was tuned around.
const policy = isoPolicy();

describe('attack: names that look like policy variables', () => {
  it('a tool named like a permission variable grants nothing', async () => {
    const guard = await createGuard({ policy });
    for (const tool of [
      'authorization_token',
      'authorizationToken',
      'approverId',
      'approvalTokens',
    ]) {
      const decision = await guard.check({
        tool,
        args: { modify_production_records: true, record_count: 1, classification: 'public' },
        toolCallId: 'c',
        sessionId: tool,
      });
      expect(decision.action?.assignment['authorization_token']).toBe(false);
      expect(decision.action?.assignment['approver_id']).toBe(false);
      expect(decision.allowed).toBe(false);
    }
  });

  it('a tool named like a session total cannot set it', async () => {
    const guard = await createGuard({ policy });
    const decision = await guard.check({
      tool: 'sessionRecordCount',
      args: { records: Array(12).fill('r'), session_record_count: 0, sessionRecordCount: 0 },
      toolCallId: 'c',
    });
    expect(decision.action?.assignment['session_record_count']).toBe(12);
    expect(decision.allowed).toBe(false);
  });

  it('a tool named like an activity sets it true, and a model-written false does not undo it', async () => {
    const guard = await createGuard({ policy });
    const decision = await guard.check({
      tool: 'modifyProductionRecords',
      args: { modify_production_records: false, record_count: 1, classification: 'public' },
      toolCallId: 'c',
    });
    expect(decision.action?.assignment['modify_production_records']).toBe(true);
    expect(decision.allowed).toBe(false);
  });
});
