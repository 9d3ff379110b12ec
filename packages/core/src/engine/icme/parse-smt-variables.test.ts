import { describe, expect, it } from 'vitest';
import { compiledPolicyBody } from './__fixtures__/icme-api';
import { parseSmtVariables } from './parse-smt-variables';

const codes = {
  TransmissionDestination_INSIDE_WORKSPACE: 0,
  TransmissionDestination_OUTSIDE_WORKSPACE: 1,
};

/** A compiled policy in the layout of the live capture (reference §3.7), enum codes variously placed. */
const smt = (enumComment: string[]) =>
  [
    '(set-logic QF_LIRA)',
    '; var isShellCommandAttemptingNetworkTransmission (Bool): True if a shell command sends data over the network.',
    '(declare-const isShellCommandAttemptingNetworkTransmission Bool)',
    ...enumComment,
    '; var reviewedDataRoomDocuments (Int): Number of data room documents reviewed (limit = 5 per hour).',
    '(declare-const reviewedDataRoomDocuments Int)',
    '; var isTransmissionAllowed (Bool): True if the transmission is permitted.',
    '(declare-const isTransmissionAllowed Bool)',
    '; Rule R1 (if transmissionDestination is equal to TransmissionDestination_OUTSIDE_WORKSPACE, then isTransmissionAllowed is false)',
    '(assert (=> (= transmissionDestination 1) (not isTransmissionAllowed)))',
    '(check-sat)',
    '(get-model)',
  ].join('\r\n');

const destination = (text: string) =>
  parseSmtVariables(text).find((variable) => variable.name === 'transmissionDestination');

describe('parseSmtVariables', () => {
  it('reads names, sorts and descriptions, and codes only for enums', () => {
    const variables = parseSmtVariables(
      smt([
        '; var transmissionDestination (Int): Where the content goes. TransmissionDestination_INSIDE_WORKSPACE = 0, TransmissionDestination_OUTSIDE_WORKSPACE = 1',
        '(declare-const transmissionDestination Int)',
      ]),
    );
    expect(variables.map((v) => [v.name, v.type])).toEqual([
      ['isShellCommandAttemptingNetworkTransmission', 'Bool'],
      ['transmissionDestination', 'Int'],
      ['reviewedDataRoomDocuments', 'Int'],
      ['isTransmissionAllowed', 'Bool'],
    ]);
    expect(variables[1]).toMatchObject({
      description: expect.stringContaining('Where the content goes.'),
      enumValues: codes,
    });
    // "limit = 5" in prose is not an enum code, and a rule comment adds none
    expect(variables[2]?.enumValues).toBeUndefined();
    expect(variables[3]?.enumValues).toBeUndefined();
  });

  it('reads codes on the comment lines after the var line, before or after its declaration', () => {
    expect(
      destination(
        smt([
          '; var transmissionDestination (Int): Where the content goes.',
          ';   TransmissionDestination_INSIDE_WORKSPACE = 0',
          ';   TransmissionDestination_OUTSIDE_WORKSPACE = 1',
          '(declare-const transmissionDestination Int)',
        ]),
      )?.enumValues,
    ).toEqual(codes);
    expect(
      destination(
        smt([
          '; var transmissionDestination (Int): Where the content goes.',
          '(declare-const transmissionDestination Int)',
          '; Codes: TransmissionDestination_INSIDE_WORKSPACE = 0,',
          ';        TransmissionDestination_OUTSIDE_WORKSPACE = 1',
        ]),
      )?.enumValues,
    ).toEqual(codes);
    // `; Possible values:` names no variable, so it is an ordinary comment line of the block
    expect(
      destination(
        smt([
          '; var transmissionDestination (Int): Where the content goes.',
          '; Possible values: TransmissionDestination_INSIDE_WORKSPACE = 0, TransmissionDestination_OUTSIDE_WORKSPACE = 1',
          '(declare-const transmissionDestination Int)',
        ]),
      )?.enumValues,
    ).toEqual(codes);
  });

  it('ends a block at another declaration, var line, rule or assertion', () => {
    const text = [
      '; var transmissionDestination (Int): Where the content goes.',
      '(declare-const transmissionDestination Int)',
      '(declare-const other Int)',
      '; TransmissionDestination_INSIDE_WORKSPACE = 0',
      '; var mode (Int): Mode_A = 0',
      '; Mode_B = 1',
      '(assert true)',
      '; Mode_C = 2',
    ].join('\n');
    const variables = parseSmtVariables(text);
    expect(variables[0]?.enumValues).toBeUndefined();
    expect(variables[1]?.enumValues).toEqual({ Mode_A: 0, Mode_B: 1 });
  });

  it('keeps the `; name values:` form and the first code of a literal listed twice', () => {
    expect(parseSmtVariables(compiledPolicyBody.smt)[1]).toEqual({
      name: 'transmissionDestination',
      type: 'Int',
      description: 'The destination category of the content transmission being attempted.',
      enumValues: { ...codes, TransmissionDestination_OTHER: 2 },
    });
    const twice = parseSmtVariables(
      '; var d (Int): D_A = 0, D_B = 1\n; d values: D_A = 5, D_C = 2\n(declare-const d Int)',
    );
    expect(twice[0]?.enumValues).toEqual({ D_A: 0, D_B: 1, D_C: 2 });
  });

  it('ignores codes on Bool and Real variables and lines in other shapes', () => {
    expect(
      parseSmtVariables(
        '; var flag (Bool): Flag_ON = 1\n; var amount (Real): Amount_X = 2\n; junk',
      ),
    ).toEqual([
      { name: 'flag', type: 'Bool', description: 'Flag_ON = 1' },
      { name: 'amount', type: 'Real', description: 'Amount_X = 2' },
    ]);
  });
});
