import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDecisionReceipt } from '../receipt/build-decision-receipt';
import { makeDecision } from './__fixtures__/decisions';
import { evidenceEntrySchema } from './entry-schema';
import { isEvidenceEntry } from './is-evidence-entry';

const base = (seq: number) => ({
  version: 'v1',
  logId: '6f1c1c6e-3f0a-4f5e-9a53-3f1f6f0c2b11',
  seq,
  time: '2026-01-15T09:30:02.000Z',
  prev: seq === 0 ? null : `sha256:${'b'.repeat(64)}`,
});

/** Permission tokens the verifier checked: one accepted, one refused. */
const approvals = [
  {
    variable: 'authorization_token',
    ok: true,
    tokenId: 'appr-1',
    approverId: 'approver_mhayes',
  },
  { variable: 'approval_token', ok: false, reason: 'expired: the token expired at 09:00' },
];

/** Entries of the kinds the lean check handles, as JSON round trips them. */
const entries: Array<Record<string, unknown>> = [
  ...Array.from({ length: 14 }, (_, index) => ({
    ...base(index + 1),
    ...buildDecisionReceipt(makeDecision(index)),
  })),
  {
    ...base(15),
    ...buildDecisionReceipt({ ...makeDecision(15), permissions: approvals }),
  },
  {
    ...base(20),
    kind: 'outcome',
    receiptId: 'dec-1',
    receiptSeq: 2,
    receiptHash: `sha256:${'c'.repeat(64)}`,
    ran: true,
    ok: false,
    durationMs: 3.5,
    error: 'boom',
  },
  {
    ...base(21),
    kind: 'outcome',
    receiptId: 'x',
    receiptSeq: null,
    receiptHash: null,
    ran: false,
    ok: true,
  },
].map((entry) => JSON.parse(JSON.stringify(entry)));

type Node = Record<string, unknown> | unknown[];

/** Every object and array inside `value`, the root included. */
function containers(value: unknown, out: Node[] = []): Node[] {
  if (typeof value === 'object' && value !== null) {
    out.push(value as Node);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

/** One random edit: delete a member, replace it with any JSON value, or add an unknown one. */
function mutate(
  entry: Record<string, unknown>,
  [pick, op, key, replacement]: [number, number, string, unknown],
): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
  const nodes = containers(copy);
  const node = nodes[pick % nodes.length] as Record<string, unknown>;
  const keys = Object.keys(node);
  const target = keys.length > 0 ? (keys[pick % keys.length] as string) : key;
  if (op === 0) delete node[target];
  else if (op === 1) node[target] = replacement;
  else node[Array.isArray(node) ? String(keys.length) : key] = replacement;
  return JSON.parse(JSON.stringify(copy));
}

describe('isEvidenceEntry', () => {
  it('accepts the decision and outcome entries writers produce', () => {
    for (const entry of entries) {
      expect(evidenceEntrySchema.safeParse(entry).success).toBe(true);
      expect(isEvidenceEntry(entry), String(entry.kind)).toBe(true);
    }
  });

  it('never accepts what the zod schema rejects (random edits at any depth)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...entries),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.integer({ min: 0, max: 2 }),
            fc.constantFrom('extra', '__proto__', 'code', 'note', 'reason', 'icme', 'z3'),
            fc.oneof(
              fc.jsonValue({ maxDepth: 2 }),
              fc.constantFrom(-0, 1.5, 2 ** 53, 1e308, '', null, 'SAT', 'arg', 'v1'),
            ),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        (entry, edits) => {
          const edited = edits.reduce(mutate, entry);
          if (isEvidenceEntry(edited)) {
            expect(evidenceEntrySchema.safeParse(edited).success).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rejects an unknown member, a missing one and a wrong type at each level', () => {
    const decision = entries[1] as Record<string, unknown>;
    const cases: Array<(e: Record<string, unknown>) => void> = [
      (e) => {
        e.extra = 1;
      },
      (e) => {
        delete e.reason;
      },
      (e) => {
        e.seq = 1.5;
      },
      (e) => {
        (e.policy as Record<string, unknown>).other = 'x';
      },
      (e) => {
        (e.verdicts as Array<Record<string, unknown>>)[0] = { engine: 'x' };
      },
      (e) => {
        Object.assign(Object.values(e.variables as object)[0] as object, { provenance: 'guess' });
      },
      (e) => {
        e.prev = 'sha256:nothex';
      },
    ];
    for (const change of cases) {
      const copy = JSON.parse(JSON.stringify(decision));
      change(copy);
      expect(isEvidenceEntry(JSON.parse(JSON.stringify(copy)))).toBe(false);
    }
  });

  it('leaves the rarer kinds to the schema', () => {
    const created = { ...base(0), kind: 'log-created', publicKey: { kty: 'OKP' } };
    expect(isEvidenceEntry(created)).toBe(false);
  });
});

describe('approvals in a receipt', () => {
  it('records who approved what, and both checks accept it', () => {
    const receipt = buildDecisionReceipt({ ...makeDecision(3), permissions: approvals });
    expect(receipt.approvals).toEqual(approvals);
    const entry = JSON.parse(JSON.stringify({ ...base(3), ...receipt }));
    expect(evidenceEntrySchema.safeParse(entry).success).toBe(true);
    expect(isEvidenceEntry(entry)).toBe(true);
    expect(buildDecisionReceipt(makeDecision(3)).approvals).toBeUndefined();
  });
});
