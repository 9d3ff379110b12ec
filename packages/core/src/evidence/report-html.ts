import type { PolicyVersion } from './bundle-sections';
import { iso42001Mapping } from './iso42001-mapping';
import { escapeHtml, stackedBarChart } from './svg-chart';
import type { VerificationReport } from './verification-report';
import type { ViolationMetrics } from './violation-metrics';

/** What the HTML report shows. */
export interface ReportHtmlInput {
  generatedAt: string;
  range: { since: string | null; until: string | null };
  verification: VerificationReport;
  policies: PolicyVersion[];
  metrics: ViolationMetrics;
  /** Blocked (would-block) decisions in range, newest last; the report shows the last 200. */
  blocked: Array<{
    seq: number;
    time: string;
    receiptId: string;
    tool: string | null;
    result: string;
    violations: Array<{ id: number; text: string }>;
    reason: string;
  }>;
  files: string[];
}

const resultColors = {
  SAT: '#2e7d32',
  UNSAT: '#c62828',
  SATISFIABLE: '#f9a825',
  ERROR: '#6a1b9a',
} as const;
const ruleColors = [
  '#c62828',
  '#1565c0',
  '#ef6c00',
  '#6a1b9a',
  '#00838f',
  '#558b2f',
  '#ad1457',
  '#4e342e',
];

/**
 * The auditor's one-page report: self-contained HTML with inline CSS and inline SVG charts, and a
 * Content-Security-Policy that forbids every network fetch, so opening it offline shows everything
 * and opening it online requests nothing.
 */
export function renderReportHtml(input: ReportHtmlInput): string {
  const { verification: v, metrics } = input;
  const labels = metrics.periods.map((p) => p.period);
  const decisionsChart = stackedBarChart({
    title: `Decisions per ${metrics.granularity} by result`,
    labels,
    series: (Object.keys(resultColors) as Array<keyof typeof resultColors>).map((result) => ({
      name: result,
      color: resultColors[result],
      values: metrics.periods.map((p) => p.byResult[result]),
    })),
  });
  const ruleIds = Object.keys(metrics.rules).sort((a, b) => Number(a) - Number(b));
  const violationsChart = stackedBarChart({
    title: `Rule violations per ${metrics.granularity}`,
    labels,
    series: ruleIds.map((id, index) => ({
      name: `Rule ${id}`,
      color: ruleColors[index % ruleColors.length] as string,
      values: metrics.periods.map((p) => p.violationsByRule[id] ?? 0),
    })),
  });
  const status = v.ok
    ? '<p class="badge ok">Verified: signatures, hash chain, sequence, Merkle roots and checkpoints all check out.</p>'
    : `<p class="badge fail">Verification FAILED: ${escapeHtml(v.failure?.message ?? 'unknown failure')}</p>`;
  const row = (cells: Array<string | number | null>) =>
    `<tr>${cells.map((c) => `<td>${escapeHtml(String(c ?? '–'))}</td>`).join('')}</tr>`;
  const blocked = input.blocked.slice(-200);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PreFlight evidence report</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:980px;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f7}.badge{padding:.6rem 1rem;border-radius:6px;font-weight:600}.ok{background:#e8f5e9;color:#1b5e20}.fail{background:#ffebee;color:#b71c1c}
.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:.8rem}.card{background:#f5f5f7;border-radius:6px;padding:.6rem}.card b{display:block;font-size:1.4rem}
code,pre{font-family:ui-monospace,Menlo,monospace;font-size:.8rem;word-break:break-all}td{overflow-wrap:anywhere}pre{white-space:pre-wrap;background:#f5f5f7;padding:.6rem;border-radius:6px}
</style></head><body>
<h1>PreFlight evidence report</h1>
<p>Log <code>${escapeHtml(v.logId ?? 'empty')}</code> · generated ${escapeHtml(input.generatedAt)} · range ${escapeHtml(input.range.since ?? 'start')} to ${escapeHtml(input.range.until ?? 'end')}</p>
${status}
<div class="grid">
<div class="card"><b>${v.entries}</b>log entries</div>
<div class="card"><b>${v.decisions.total}</b>decisions (whole log)</div>
<div class="card"><b>${v.decisions.blocked}</b>blocked</div>
<div class="card"><b>${v.decisions.screenedOut}</b>screened out</div>
</div>
<p>Time span: ${escapeHtml(v.timeSpan.first ?? '–')} to ${escapeHtml(v.timeSpan.last ?? '–')} · signatures verified: ${v.signaturesVerified}, entries authenticated by a signed checkpoint: ${v.signaturesCoveredByCheckpoint} · checkpoints: ${v.checkpoints} · latest checkpoint size ${v.latestCheckpoint?.size ?? 0}, root <code>${escapeHtml(v.latestCheckpoint?.root ?? '–')}</code></p>
<p>Signing keys (compare with the key id you obtained out of band): ${v.keys.map((k) => `<code>${escapeHtml(k.keyId)}</code> (from entry ${k.introducedAtSeq})`).join(', ') || '–'}</p>
<h2>Metrics over time</h2>
${decisionsChart}
${violationsChart}
<h2>Policy versions</h2>
<table><tr><th>#</th><th>Activated</th><th>Policy hash</th><th>ICME policy id</th><th>Rules</th></tr>
${input.policies.map((p) => row([p.version, p.activatedAt, p.policyHash, p.icmePolicyId, p.ruleCount])).join('\n')}
</table>
${input.policies.map((p) => `<details><summary>Policy version ${p.version} text</summary><pre>${escapeHtml(p.text)}</pre></details>`).join('\n')}
<h2>Blocked actions${input.blocked.length > blocked.length ? ` (last ${blocked.length} of ${input.blocked.length})` : ''}</h2>
<table><tr><th>Seq</th><th>Time</th><th>Receipt</th><th>Tool</th><th>Result</th><th>Violated rules</th></tr>
${blocked.map((b) => row([b.seq, b.time, b.receiptId, b.tool, b.result, b.violations.map((x) => `${x.id}. ${x.text}`).join('; ') || b.reason])).join('\n')}
</table>
<h2>ISO/IEC 42001 Annex A mapping</h2>
<table><tr><th>Control</th><th>Title</th><th>Evidence in this bundle</th><th>How</th></tr>
${iso42001Mapping.map((c) => row([c.control, c.title, c.evidence.join(', '), c.how])).join('\n')}
</table>
<h2>Bundle files</h2>
<ul>${input.files.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join('')}</ul>
<p>Re-verify offline: <code>pnpm preflight evidence verify &lt;this bundle&gt;</code> (docs/evidence.md specifies the format for independent verifiers).</p>
</body></html>
`;
}
