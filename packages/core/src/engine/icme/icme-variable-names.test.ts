import { describe, expect, it } from 'vitest';
import { matchIcmeVariableNames, renameVariables } from './icme-variable-names';
import { parseSmtVariables } from './parse-smt-variables';

const variables = parseSmtVariables(
  [
    '; var approvalToken (Bool): an approval token is provided',
    '; var recordCount (Int): records',
    '; var Record_Count (Int): a clashing spelling',
    '; var isExternalDestination (Bool): external',
    '; var destination (Int): where',
    '; destination values: Destination_INSIDE = 0, Destination_OUTSIDE = 1',
  ].join('\n'),
);

describe('ICME variable names', () => {
  it('parses names, types, descriptions and enum codes', () => {
    expect(variables).toHaveLength(5);
    expect(variables[4]).toEqual({
      name: 'destination',
      type: 'Int',
      description: 'where',
      enumValues: { Destination_INSIDE: 0, Destination_OUTSIDE: 1 },
    });
  });

  it('matches case- and underscore-insensitively, leaving ambiguous and unmatched names alone', () => {
    const names = matchIcmeVariableNames(
      ['approval_token', 'record_count', 'external_destination', 'destination'],
      variables,
    );
    expect(Object.fromEntries(names)).toEqual({ approval_token: 'approvalToken' });
  });

  it('renames whole words only', () => {
    const names = new Map([
      ['approval_token', 'approvalToken'],
      ['token', 'tok'],
    ]);
    const text =
      'approval_token: not provided\ntoken: 1\nmy_approval_token_x: 2\narg "approval_token" = 3';
    expect(renameVariables(text, names)).toBe(
      'approvalToken: not provided\ntok: 1\nmy_approval_token_x: 2\narg "approvalToken" = 3',
    );
    expect(renameVariables(text, new Map())).toBe(text);
  });
});
