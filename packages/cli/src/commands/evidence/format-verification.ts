import type { VerificationReport } from '@preflight/core';
import type { Colors } from 'picocolors/types';

/** Lines that summarise a verification for a person (or name its first failure). */
export function formatVerification(
  report: VerificationReport,
  path: string,
  color: Colors,
): string[] {
  if (!report.ok) {
    const first = report.failure;
    const lines = [`${color.red(color.bold('✗ Evidence verification FAILED'))} ${path}`];
    if (first) {
      const where =
        first.seq !== null
          ? `first bad entry: seq ${first.seq}${first.line ? ` (line ${first.line})` : ''}`
          : first.checkpoint !== undefined
            ? `checkpoint ${first.checkpoint}`
            : 'bundle';
      lines.push(`  ${where} [${first.code}] ${first.message}`);
    }
    const others = report.failures.slice(1, 11);
    if (others.length > 0) {
      lines.push(`  ${report.failures.length - 1} more problem(s), e.g.:`);
      for (const failure of others) lines.push(`    [${failure.code}] ${failure.message}`);
    }
    return lines;
  }
  const kinds = Object.entries(report.entriesByKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const d = report.decisions;
  const results = (['SAT', 'UNSAT', 'SATISFIABLE', 'ERROR'] as const)
    .map((r) => `${r} ${d.byResult[r]}`)
    .join(' · ');
  const checkpoint = report.latestCheckpoint;
  const lines = [
    `${color.green(color.bold('✓ Evidence verified'))} ${path}`,
    `  log          ${report.logId ?? '(empty)'}`,
    `  entries      ${report.entries}${kinds ? ` (${kinds})` : ''}`,
    `  decisions    ${d.total}: ${results} (blocked ${d.blocked}, screened out ${d.screenedOut}${d.shadow ? `, shadow ${d.shadow}` : ''})`,
    `  outcomes     ${report.outcomes.total}: ran ${report.outcomes.ran}, failed ${report.outcomes.failed}, not run ${report.outcomes.notRun}`,
    `  time span    ${report.timeSpan.first ?? '–'} → ${report.timeSpan.last ?? '–'}`,
    `  signatures   ${report.signaturesVerified} verified (Ed25519)${report.signaturesCoveredByCheckpoint ? `; ${report.signaturesCoveredByCheckpoint} entries authenticated by the signed checkpoint over their Merkle root (--all-signatures checks each)` : ''}`,
    `  keys         ${report.keys.map((k) => `${k.keyId} (from entry ${k.introducedAtSeq})`).join(', ') || '–'}`,
    `  checkpoint   ${checkpoint ? `size ${checkpoint.size}, root ${checkpoint.root}, ${checkpoint.time}` : 'none'} (${report.checkpoints} in total)`,
  ];
  if (report.bundle)
    lines.push(
      `  bundle       ${report.bundle.files} files match the manifest; ${report.bundle.receipts} receipts with inclusion proofs; ${report.bundle.proofFiles} proof files`,
    );
  if (report.trustedCheckpoint)
    lines.push(
      `  trusted      the log extends your checkpoint of size ${report.trustedCheckpoint.size}`,
    );
  if (report.uncoveredEntries > 0)
    lines.push(
      color.yellow(
        `  note         ${report.uncoveredEntries} entries after the latest checkpoint (not yet covered by a signed checkpoint)`,
      ),
    );
  for (const warning of report.warnings.slice(0, 10))
    lines.push(color.yellow(`  warning      ${warning}`));
  return lines;
}
