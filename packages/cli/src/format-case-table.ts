import type { Colors } from 'picocolors/types';
import type { LoadedPolicy } from './load-policy';
import type { CaseResult } from './run-cases';

/**
 * The readable table of `policy test`: one row per case (mark, name, expected, got, violated
 * rules or unknowns), the problem under each failed case, and a summary line.
 */
export function formatCaseTable(
  policy: LoadedPolicy,
  results: readonly CaseResult[],
  color: Colors,
): string[] {
  const nameWidth = Math.min(60, Math.max(4, ...results.map((result) => result.case.name.length)));
  const header = `    ${'case'.padEnd(nameWidth)}  ${'expect'.padEnd(11)}  ${'got'.padEnd(11)}  details`;
  const lines = [color.dim(`Policy ${policy.path} (${policy.hash})`), '', color.bold(header)];
  for (const result of results) {
    const mark = result.passed ? color.green('✓') : color.red('✗');
    const name =
      result.case.name.length > nameWidth
        ? `${result.case.name.slice(0, nameWidth - 1)}…`
        : result.case.name.padEnd(nameWidth);
    const got = result.report?.result ?? 'ERROR';
    const gotText = result.passed ? got.padEnd(11) : color.red(got.padEnd(11));
    const violations = result.report?.violations.map((violation) => violation.id) ?? [];
    const unknown = result.report?.unknown ?? [];
    const details =
      violations.length > 0
        ? `rules ${violations.join(', ')}`
        : unknown.length > 0
          ? `depends on ${unknown.join(', ')}`
          : '';
    const row = `  ${mark} ${name}  ${result.case.expect.padEnd(11)}  ${gotText}`;
    lines.push(details === '' ? row.trimEnd() : `${row}  ${color.dim(details)}`);
    if (result.problem !== undefined) lines.push(`      ${color.red(result.problem)}`);
  }
  const failed = results.filter((result) => !result.passed).length;
  const passed = results.length - failed;
  const summary = `${passed} passed, ${failed} failed (${results.length} cases)`;
  lines.push('', failed === 0 ? color.green(summary) : color.red(summary));
  return lines;
}
