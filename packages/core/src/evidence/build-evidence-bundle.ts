import { bytesToHex } from '@noble/hashes/utils';
import { sha256Hex } from '../crypto/digest';
import {
  actionRecord,
  policyVersions,
  proofReferences,
  resultRecord,
  screeningRecord,
} from './bundle-sections';
import type { Checkpoint } from './checkpoint';
import type { EvidenceEntry } from './entry-schema';
import type { EvidenceCodec } from './evidence-codec';
import { iso42001Mapping, renderIso42001MappingMarkdown } from './iso42001-mapping';
import { MerkleTree } from './merkle-tree';
import { parseCheckpointLine } from './parse-checkpoint-line';
import { type ParsedEntryLine, parseEntryLine } from './parse-entry-line';
import { renderReportHtml } from './report-html';
import type { VerificationReport } from './verification-report';
import { violationMetrics } from './violation-metrics';

/** One file of the bundle, relative to its root. */
export interface BundleFile {
  path: string;
  content: string | Uint8Array;
}

export interface BuildEvidenceBundleOptions extends EvidenceCodec {
  entries: readonly string[];
  checkpoints: readonly string[];
  /** The verification of exactly these lines (see `verifyEvidence`). */
  verification: VerificationReport;
  /** Downloaded ICME proof bytes by proof id. @default new Map() */
  proofs?: ReadonlyMap<string, Uint8Array>;
  /** Only decisions at or after this ISO time. @default null (from the start) */
  since?: string | null;
  /** Only decisions at or before this ISO time. @default null (to the end) */
  until?: string | null;
  /** @default new Date().toISOString() */
  generatedAt?: string;
  /** Progress while entries are processed. */
  onProgress?: (done: number, total: number) => void;
}

type Entry<K extends EvidenceEntry['kind']> = Extract<EvidenceEntry, { kind: K }>;

const jsonl = (items: readonly unknown[]) =>
  items.map((item) => JSON.stringify(item)).join('\n') + (items.length ? '\n' : '');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The auditor's bundle, as files: the six items of the export (policy history, screening log,
 * action descriptions, results, receipts with proofs, verification material), the ISO/IEC 42001
 * mapping, violation metrics, report.html, a README and a manifest of SHA-256 digests. Pure: the
 * caller reads the log and writes the files.
 */
export function buildEvidenceBundle({
  entries,
  checkpoints,
  verification,
  proofs = new Map(),
  since = null,
  until = null,
  generatedAt = new Date().toISOString(),
  onProgress,
  ...codec
}: BuildEvidenceBundleOptions): BundleFile[] {
  const parsed: ParsedEntryLine[] = [];
  const headers = new Map();
  const leaves: Uint8Array[] = [];
  entries.forEach((line, index) => {
    const result = parseEntryLine(line, { headers, ...codec });
    leaves.push(result.ok ? result.value.leaf : new Uint8Array(32));
    if (result.ok) parsed.push(result.value);
    if (index % 5000 === 4999) onProgress?.(index + 1, entries.length);
  });
  onProgress?.(entries.length, entries.length);
  const inRange = (time: string) =>
    (since === null || time >= since) && (until === null || time <= until);
  const decisions = parsed.filter(
    (p): p is ParsedEntryLine & { entry: Entry<'decision'> } =>
      p.entry.kind === 'decision' && inRange(p.entry.time),
  );
  const outcomes = new Map<string, Entry<'outcome'>>();
  for (const { entry } of parsed)
    if (entry.kind === 'outcome') outcomes.set(entry.receiptId, entry);
  const inScope = decisions.filter((d) => !d.entry.screenedOut);
  const tree = new MerkleTree(leaves, codec.sha256);
  const treeSize = verification.latestCheckpoint?.size ?? 0;
  const policies = policyVersions(parsed).filter((p) => until === null || p.activatedAt <= until);
  const proofRefs = decisions
    .flatMap((d) => proofReferences(d.entry))
    .map((ref) => {
      const bytes = ref.proofId ? proofs.get(ref.proofId) : undefined;
      return {
        ...ref,
        file: bytes ? `5-receipts/proofs/${ref.proofId}.bin` : null,
        sha256: bytes ? sha256Hex(bytes) : null,
      };
    });
  const metrics = violationMetrics(decisions.map((d) => d.entry));
  const keys = parsed.flatMap(({ entry }) =>
    entry.kind === 'log-created' || entry.kind === 'key-rotated'
      ? [{ ...entry.publicKey, alg: 'EdDSA', use: 'sig' }]
      : [],
  );
  const consistency = consistencyProofs(checkpoints, verification, tree);

  const files: BundleFile[] = [
    {
      path: '1-policy/policies.json',
      content: json(policies.map(({ text: _text, ...rest }) => rest)),
    },
    ...policies.map((p) => ({ path: p.file, content: `${p.text}\n` })),
    {
      path: '2-screening/screening.jsonl',
      content: jsonl(decisions.map((d) => screeningRecord(d.entry))),
    },
    { path: '3-actions/actions.jsonl', content: jsonl(inScope.map((d) => actionRecord(d.entry))) },
    {
      path: '4-results/results.jsonl',
      content: jsonl(inScope.map((d) => resultRecord(d.entry, outcomes.get(d.entry.receiptId)))),
    },
    {
      path: '5-receipts/receipts.jsonl',
      content: jsonl(
        decisions.map(({ entry, jws }) => ({
          seq: entry.seq,
          receiptId: entry.receiptId,
          jws,
          inclusionProof:
            entry.seq < treeSize
              ? {
                  treeSize,
                  leafIndex: entry.seq,
                  hashes: tree.inclusionProof(entry.seq, treeSize).map((h) => bytesToHex(h)),
                }
              : null,
        })),
      ),
    },
    { path: '5-receipts/proofs.json', content: json(proofRefs) },
    ...proofRefs.flatMap((ref) =>
      ref.file && ref.proofId
        ? [{ path: ref.file, content: proofs.get(ref.proofId) as Uint8Array }]
        : [],
    ),
    { path: '6-verification/verification-report.json', content: json(verification) },
    { path: '6-verification/public-keys.json', content: json({ keys }) },
    { path: '6-verification/log.jsonl', content: entries.length ? `${entries.join('\n')}\n` : '' },
    {
      path: '6-verification/checkpoints.jsonl',
      content: checkpoints.length ? `${checkpoints.join('\n')}\n` : '',
    },
    { path: '6-verification/consistency-proofs.json', content: json(consistency) },
    { path: 'iso42001-mapping.json', content: json(iso42001Mapping) },
    { path: 'iso42001-mapping.md', content: renderIso42001MappingMarkdown() },
    { path: 'metrics.json', content: json(metrics) },
  ];
  const blocked = decisions
    .filter((d) => !d.entry.wouldAllow)
    .map(({ entry }) => ({
      seq: entry.seq,
      time: entry.time,
      receiptId: entry.receiptId,
      tool: entry.tool,
      result: entry.result,
      violations: entry.violations,
      reason: entry.reason,
    }));
  const listed = [...files.map((f) => f.path), 'report.html', 'README.md', 'manifest.json'];
  files.push({
    path: 'report.html',
    content: renderReportHtml({
      generatedAt,
      range: { since, until },
      verification,
      policies,
      metrics,
      blocked,
      files: listed,
    }),
  });
  files.push({ path: 'README.md', content: readme(verification, decisions.length, since, until) });
  files.push({
    path: 'manifest.json',
    content: json({
      version: 'v1',
      kind: 'preflight.evidence-bundle',
      generatedAt,
      range: { since, until },
      logId: verification.logId,
      logSize: entries.length,
      latestCheckpoint: verification.latestCheckpoint,
      keyIds: verification.keys.map((k) => k.keyId),
      verified: verification.ok,
      files: files.map((file) => ({
        path: file.path,
        sha256: sha256Hex(file.content),
        bytes: byteLength(file.content),
      })),
    }),
  });
  return files;
}

function consistencyProofs(
  checkpoints: readonly string[],
  verification: VerificationReport,
  tree: MerkleTree,
) {
  const sizes = checkpoints.flatMap((line) => {
    const parsed = parseCheckpointLine(line);
    return parsed.ok && parsed.value.checkpoint.size <= tree.size ? [parsed.value.checkpoint] : [];
  });
  const proofs = [];
  for (let index = 1; index < sizes.length; index++) {
    const from = sizes[index - 1] as Checkpoint;
    const to = sizes[index] as Checkpoint;
    if (from.size > to.size || from.size === 0) continue;
    proofs.push({
      fromSize: from.size,
      fromRoot: from.root,
      toSize: to.size,
      toRoot: to.root,
      hashes: tree.consistencyProof(from.size, to.size).map((h) => bytesToHex(h)),
    });
  }
  return { verified: verification.ok, proofs };
}

function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? new TextEncoder().encode(content).length : content.length;
}

function readme(
  verification: VerificationReport,
  decisions: number,
  since: string | null,
  until: string | null,
): string {
  return `# PreFlight evidence bundle

Log ${verification.logId ?? '(empty)'}: ${verification.entries} entries, ${decisions} decisions in range (${since ?? 'start'} to ${until ?? 'end'}).
Verification at export: ${verification.ok ? 'OK' : `FAILED (${verification.failure?.message ?? ''})`}.

| Path | What it holds |
|---|---|
| 1-policy/policies.json, policy-vN.txt | 1. Policy text, policy hash and ICME policy id of every version, with activation times |
| 2-screening/screening.jsonl | 2. Relevance screening log: every decision, in scope or screened out |
| 3-actions/actions.jsonl | 3. Every in-scope action description, with variables and their provenance |
| 4-results/results.jsonl | 4. Every SAT/UNSAT/SATISFIABLE/ERROR result, engines, violated rules, outcome |
| 5-receipts/receipts.jsonl, proofs.json, proofs/ | 5. Signed receipts (flattened JWS) with Merkle inclusion proofs; ICME check/proof ids and proof bytes |
| 6-verification/ | 6. Verification report, public keys (JWKS), the full log, checkpoints, consistency proofs |
| iso42001-mapping.md/.json | ISO/IEC 42001 Annex A controls and the files that serve each |
| metrics.json | Rule-violation metrics over time |
| report.html | Self-contained report (no network requests) |
| manifest.json | SHA-256 of every file |

Re-verify offline: \`pnpm preflight evidence verify <bundle-dir>\`, or follow docs/evidence.md to write your own verifier.
Compare the key ids in 6-verification/public-keys.json with the key id you obtained from the operator out of band.
`;
}
