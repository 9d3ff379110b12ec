import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEvidenceCodec } from '../node/node-evidence-codec';
import { makeDecision, samplePolicy } from './__fixtures__/decisions';
import { createEvidenceLogRecorder } from './evidence-recorder';
import { createMemoryEvidenceStore } from './memory-evidence-store';
import { parseEntryLine } from './parse-entry-line';
import { createMemoryKeyRing } from './signing-key-ring';

let lines: string[] = [];
beforeAll(async () => {
  const store = createMemoryEvidenceStore();
  const recorder = createEvidenceLogRecorder({ store, keyRing: createMemoryKeyRing() });
  for (let index = 0; index < 8; index++) {
    const decision = makeDecision(index);
    decision.receipt = await recorder.recordDecision(decision, { policy: samplePolicy });
    await recorder.recordOutcome(decision, { ran: decision.allowed, ok: true });
  }
  await recorder.close();
  lines = [...store.entries];
});

/** The same JWS, written the way another JSON tool might: spaced, reordered, escaped. */
const respaced = (line: string) => {
  const { protected: header, payload, signature } = JSON.parse(line);
  return `{ "signature" : "${signature}",\t"payload": "${payload.replace('A', '\\u0041')}", "protected": "${header}" }`;
};

describe('parseEntryLine', () => {
  it('reads a line the same whether it takes the quick split or JSON.parse', () => {
    for (const line of lines) {
      const quick = parseEntryLine(line);
      const general = parseEntryLine(respaced(line));
      expect(quick.ok).toBe(true);
      expect(general).toEqual(quick);
    }
  });

  it('gives the same results with the native codec as with the portable one', () => {
    const headers = new Map();
    for (const line of lines) {
      expect(parseEntryLine(line, { headers, ...nodeEvidenceCodec })).toEqual(parseEntryLine(line));
    }
  });

  it('leaves lines that only look like a writer line to JSON.parse and its verdict', () => {
    const line = lines[1] as string;
    // `\/` is JSON for `/`: the slices would keep the backslash, JSON.parse does not.
    const escaped = line.replace('"signature":"', '"signature":"\\/');
    const parsed = parseEntryLine(escaped);
    expect(parsed.ok && parsed.value.jws.signature).toBe(JSON.parse(escaped).signature);
    expect(JSON.parse(escaped).signature.startsWith('/')).toBe(true);
    expect(parseEntryLine(line.slice(0, -5))).toEqual({
      ok: false,
      reason: 'the line is not JSON (torn or edited)',
    });
    const extraMember = line.replace(/"}$/, '","x":"y"}');
    expect(parseEntryLine(extraMember)).toEqual({
      ok: false,
      reason: 'the line is not a flattened JWS',
    });
    const badPayload = line.replace('"payload":"', '"payload":"*');
    expect(parseEntryLine(badPayload)).toEqual({
      ok: false,
      reason: 'the JWS payload is not base64url',
    });
  });
});
