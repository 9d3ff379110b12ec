import { describe, expect, it } from 'vitest';
import { ENUM_OTHER } from '../../policy/ir';
import { isoIcmeSmt } from './__fixtures__/iso-icme-policy';
import { expectedExtraction } from './expected-extraction';
import { matchIcmeVariableNames } from './icme-variable-names';
import { parseSmtVariables } from './parse-smt-variables';

const list = parseSmtVariables(isoIcmeSmt);
const icmeVariables = new Map(list.map((variable) => [variable.name, variable]));
const names = (ours: string[]) => matchIcmeVariableNames(ours, list);

describe('expectedExtraction', () => {
  it('encodes booleans, numbers and enum codes under ICME names', () => {
    const values = {
      authorization_token: true,
      record_count: 240,
      classification: 'restricted',
      destination_external: false,
      not_in_icme: 5,
    };
    expect(
      expectedExtraction({ values, icmeNames: names(Object.keys(values)), icmeVariables }),
    ).toEqual({
      values: {
        authorizationToken: true,
        recordCount: 240,
        classification: 0,
        destinationExternal: false,
      },
      unverifiable: [],
    });
    expect(
      expectedExtraction({
        values: { classification: ENUM_OTHER },
        icmeNames: names(['classification']),
        icmeVariables,
      }).values,
    ).toEqual({ classification: 2 });
  });

  it('lists what cannot be encoded instead of guessing', () => {
    const result = expectedExtraction({
      values: { classification: 'secret', authorization_token: 3, record_count: true },
      icmeNames: names(['classification', 'authorization_token', 'record_count']),
      icmeVariables,
    });
    expect(result.values).toEqual({});
    expect(result.unverifiable.map((u) => u.variable)).toEqual([
      'classification',
      'authorizationToken',
      'recordCount',
    ]);
    // no sorts known (GET /policy failed, explicit names only): booleans and numbers still count
    expect(
      expectedExtraction({
        values: { a: true, b: 2.5, c: 'x' },
        icmeNames: new Map([
          ['a', 'A'],
          ['b', 'B'],
          ['c', 'C'],
        ]),
      }),
    ).toEqual({
      values: { A: true, B: 2.5 },
      unverifiable: [{ variable: 'C', reason: 'c: the enum value "x" has no known ICME code' }],
    });
  });

  it('refuses two of our variables sent under one ICME name with different values', () => {
    const icmeNames = new Map([
      ['a', 'flag'],
      ['b', 'flag'],
      ['c', 'same'],
      ['d', 'same'],
    ]);
    expect(expectedExtraction({ values: { a: true, b: false, c: 1, d: 1 }, icmeNames })).toEqual({
      values: { same: 1 },
      unverifiable: [
        { variable: 'flag', reason: 'several of our variables with different values' },
      ],
    });
  });
});
