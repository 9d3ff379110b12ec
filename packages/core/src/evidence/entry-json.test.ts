import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../crypto/canonical-json';
import { buildDecisionReceipt } from '../receipt/build-decision-receipt';
import { makeDecision } from './__fixtures__/decisions';
import { entryJson, prepareEntryBody } from './entry-json';
import type { EntryBody } from './entry-schema';

const base = { version: 'v1', logId: 'log', seq: 7, time: '2026-01-01T00:00:00.000Z', prev: null };

describe('entryJson', () => {
  it('assembles exactly the canonical JSON of the whole entry', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
          maxKeys: 8,
        }),
        fc.nat(20),
        (extra, index) => {
          const body = { ...buildDecisionReceipt(makeDecision(index)), ...extra } as EntryBody;
          const expected = canonicalJson({ ...base, ...body });
          expect(entryJson(base, prepareEntryBody(body))).toBe(expected);
          expect(entryJson(base, { ...body })).toBe(expected); // unprepared: plain canonicalJson
        },
      ),
    );
  });

  it('lets a body member replace a base member, as the spread does', () => {
    const body = prepareEntryBody({
      kind: 'mode-changed',
      mode: 'shadow',
      seq: 99,
    } as unknown as EntryBody);
    expect(entryJson(base, body)).toBe(canonicalJson({ ...base, ...body }));
    expect(JSON.parse(entryJson(base, body)).seq).toBe(99);
  });

  it('rejects a body that is not plain JSON when it is prepared', () => {
    expect(() =>
      prepareEntryBody({
        kind: 'engine-configured',
        engine: 'x',
        configuration: { n: Number.NaN },
      }),
    ).toThrow(/Cannot canonicalize/);
  });
});
