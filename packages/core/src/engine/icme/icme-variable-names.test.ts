import { describe, expect, it } from 'vitest';
import { matchIcmeVariableNames } from './icme-variable-names';
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

describe('matchIcmeVariableNames', () => {
  it('matches case- and underscore-insensitively, leaving ambiguous and unmatched names out', () => {
    const names = matchIcmeVariableNames(
      ['approval_token', 'record_count', 'external_destination', 'destination'],
      variables,
    );
    expect(Object.fromEntries(names)).toEqual({
      approval_token: 'approvalToken',
      destination: 'destination',
    });
  });
});
