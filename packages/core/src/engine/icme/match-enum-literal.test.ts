import { describe, expect, it } from 'vitest';
import { ENUM_OTHER } from '../../policy/ir';
import { matchEnumLiteral } from './match-enum-literal';

const destination = {
  TransmissionDestination_INSIDE_WORKSPACE: 0,
  TransmissionDestination_OUTSIDE_WORKSPACE: 1,
  TransmissionDestination_OTHER: 2,
};

describe('matchEnumLiteral', () => {
  it('matches the VALUE part case-, space-, underscore- and hyphen-insensitively', () => {
    for (const value of [
      'outside workspace',
      'OUTSIDE_WORKSPACE',
      'Outside-Workspace',
      'outsideworkspace',
    ]) {
      expect(matchEnumLiteral(value, destination)).toBe(
        'TransmissionDestination_OUTSIDE_WORKSPACE',
      );
    }
    expect(matchEnumLiteral('TransmissionDestination_INSIDE_WORKSPACE', destination)).toBe(
      'TransmissionDestination_INSIDE_WORKSPACE',
    );
  });

  it('maps our (other) to <Enum>_OTHER only when the enum has one', () => {
    expect(matchEnumLiteral(ENUM_OTHER, destination)).toBe('TransmissionDestination_OTHER');
    expect(matchEnumLiteral(ENUM_OTHER, { Scope_A: 0 })).toBeUndefined();
  });

  it('strips a prefix with underscores shared by all literals', () => {
    const codes = { Transmission_Destination_INSIDE: 0, Transmission_Destination_OUTSIDE: 1 };
    expect(matchEnumLiteral('outside', codes)).toBe('Transmission_Destination_OUTSIDE');
  });

  it('answers nothing for no match, several matches, or an empty value', () => {
    expect(matchEnumLiteral('outside', destination)).toBeUndefined();
    expect(matchEnumLiteral('a b', { Kind_A_B: 0, Kind_AB: 1 })).toBeUndefined();
    expect(matchEnumLiteral(' _-', destination)).toBeUndefined();
    expect(matchEnumLiteral('x', {})).toBeUndefined();
  });
});
