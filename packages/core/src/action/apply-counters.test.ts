import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy';
import { applyCounters } from './apply-counters';

const { ir } = compilePolicy(
  '1. Do not process more than 10 records in a single agent session unless a re_authorization_token is provided.',
);

describe('applyCounters', () => {
  it('adds the action count to the prior session total', () => {
    expect(applyCounters(ir, { record_count: 3 }, { session_record_count: 8 })).toEqual({
      record_count: 3,
      session_record_count: 11,
    });
  });

  it('starts a fresh session at the action count', () => {
    expect(applyCounters(ir, { record_count: 4 })).toEqual({
      record_count: 4,
      session_record_count: 4,
    });
  });

  it('leaves the session total unknown when the action count is unknown', () => {
    expect(applyCounters(ir, {}, { session_record_count: 8 })).toEqual({});
  });

  it('keeps a session total stated outright', () => {
    expect(applyCounters(ir, { record_count: 1, session_record_count: 40 })).toEqual({
      record_count: 1,
      session_record_count: 40,
    });
  });
});
