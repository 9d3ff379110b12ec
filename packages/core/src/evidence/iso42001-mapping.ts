/** One ISO/IEC 42001:2023 Annex A control and the bundle files that serve as its evidence. */
export interface Iso42001Control {
  control: string;
  title: string;
  /** Bundle paths, relative to the bundle root. */
  evidence: string[];
  /** How those files support the control (evidence for an auditor, not a claim of conformity). */
  how: string;
}

/**
 * Which files of the auditor's bundle serve which Annex A control. The same table is rendered
 * into the bundle (`iso42001-mapping.json` / `.md`), into report.html and into
 * docs/iso42001-mapping.md.
 */
export const iso42001Mapping: readonly Iso42001Control[] = [
  {
    control: 'A.6.2.4',
    title: 'AI system verification and validation',
    evidence: [
      '4-results/results.jsonl',
      '5-receipts/proofs.json',
      '5-receipts/proofs/',
      '6-verification/verification-report.json',
    ],
    how: 'Every in-scope action was checked against the policy by a deterministic checker before it ran; each SAT/UNSAT result names the engine and the violated rules, ICME results carry zero-knowledge proof ids (and proof bytes where downloaded), and the verification report re-checks the whole record offline.',
  },
  {
    control: 'A.6.2.8',
    title: 'AI system recording of event logs',
    evidence: [
      '6-verification/log.jsonl',
      '6-verification/checkpoints.jsonl',
      '6-verification/consistency-proofs.json',
      '6-verification/public-keys.json',
      '5-receipts/receipts.jsonl',
    ],
    how: 'The complete append-only log: Ed25519-signed, hash-chained entries committed into an RFC 6962 Merkle tree with signed checkpoints. Deletion, edits, reordering and truncation are detectable; outcome entries show which actions ran and that blocked ones did not.',
  },
  {
    control: 'A.7',
    title: 'Data for AI systems',
    evidence: ['3-actions/actions.jsonl', '2-screening/screening.jsonl'],
    how: 'Each decision records the data it was based on: every policy variable with its value and provenance (tool argument, trusted context, session state or derived), and the screening log shows which actions touched no governed data.',
  },
  {
    control: 'A.9.2',
    title: 'Processes for responsible use of AI systems',
    evidence: [
      '1-policy/policies.json',
      '1-policy/',
      '4-results/results.jsonl',
      '6-verification/log.jsonl',
    ],
    how: 'The written policy (plain-English text, ICME policy ids and version history) is the process; the results show it enforced on every consequential tool call, and mode changes (enforce/shadow) and engine configuration are logged events.',
  },
  {
    control: 'A.9.3',
    title: 'Objectives for responsible use of AI system',
    evidence: ['metrics.json', 'report.html'],
    how: 'Rule-violation metrics over time (blocked actions per rule and period, share of decisions blocked) measure the objective that no action in breach of policy executes.',
  },
  {
    control: 'A.10',
    title: 'Third-party and customer relationships',
    evidence: [
      '5-receipts/proofs.json',
      '5-receipts/proofs/',
      '6-verification/public-keys.json',
      '6-verification/log.jsonl',
    ],
    how: 'Decisions by the third-party checker (ICME PreFlight) are traceable by check id and proof id, and its configuration is logged; the public key lets customers and auditors verify every receipt without trusting the operator.',
  },
];

/** The mapping as a Markdown table (for the bundle and the docs). */
export function renderIso42001MappingMarkdown(): string {
  const rows = iso42001Mapping.map(
    (item) =>
      `| ${item.control} | ${item.title} | ${item.evidence.map((path) => `\`${path}\``).join('<br>')} | ${item.how} |`,
  );
  return [
    '# ISO/IEC 42001 Annex A: evidence in this bundle',
    '',
    'Which files of a PreFlight evidence bundle serve as evidence for which Annex A control. The files support an assessment; they do not by themselves establish conformity.',
    '',
    '| Control | Title | Evidence | How it supports the control |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
