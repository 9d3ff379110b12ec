import { describe, expect, it } from 'vitest';
import { extractPairs } from './extract-pairs';

describe('extractPairs', () => {
  it('reads seed-style pairs with names back to the clause boundary', () => {
    const pairs = extractPairs(
      'Update billing address on customer record cust_4421 (classification: standard). authorization_token: tok_a91f3c. approver_id: approver_mhayes.',
    );
    expect(pairs.map((pair) => [pair.names[pair.names.length - 1], pair.value])).toEqual([
      ['classification', 'standard'],
      ['authorization_token', 'tok_a91f3c'],
      ['approver_id', 'approver_mhayes'],
    ]);
  });

  it('keeps commas and dots inside values, ends at a clause end', () => {
    const pairs = extractPairs('amount: $12,500, destination: ops@partner-firm.com. token: "a b"');
    expect(pairs.map((pair) => pair.value)).toEqual(['$12,500', 'ops@partner-firm.com', 'a b']);
  });

  it('skips URLs and times', () => {
    expect(extractPairs('Fetch https://example.com at 10:30')).toEqual([]);
  });

  it('offers the longest name first', () => {
    const [pair] = extractPairs('Approver ID: m_hayes');
    expect(pair?.names).toEqual(['approver_id', 'id']);
  });
});
