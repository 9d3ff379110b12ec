import type { Colors } from 'picocolors/types';
import type { CheckReport } from './check-action';
import type { LoadedPolicy } from './load-policy';

/** A result word in its colour: SAT green, UNSAT red, SATISFIABLE yellow, ERROR red. */
export function formatResult(result: CheckReport['result'], color: Colors): string {
  if (result === 'SAT') return color.green(color.bold(result));
  if (result === 'SATISFIABLE') return color.yellow(color.bold(result));
  return color.red(color.bold(result));
}

/** One line saying what happens to the action and why. */
function verdictLine(report: CheckReport, color: Colors): string {
  const verdict = report.allowed ? color.green('allowed') : color.red('blocked');
  if (report.result === 'SAT') return `${verdict}: no rule is violated`;
  if (report.result === 'UNSAT') {
    const ids = report.violations.map((violation) => violation.id).join(', ');
    return ids === ''
      ? `${verdict}: every completion violates some rule`
      : `${verdict}: violates rule${report.violations.length === 1 ? '' : 's'} ${ids}`;
  }
  if (report.result === 'SATISFIABLE') {
    return `${verdict}: the result depends on ${report.unknown.length} unknown variable(s)`;
  }
  return `${verdict}: ${report.reason ?? 'no decision could be made'}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * The readable form of a check: the action, the result and verdict, the violated rules, the
 * unknowns that matter, and every policy variable with its value and where it came from.
 */
export function formatCheckReport(
  report: CheckReport,
  policy: LoadedPolicy,
  color: Colors,
): string[] {
  const lines: string[] = [];
  if (report.action !== undefined) lines.push(`${color.bold('Action')}   ${report.action}`);
  lines.push(
    `${color.bold('Result')}   ${formatResult(report.result, color)}  ${verdictLine(report, color)}`,
  );
  if (report.violations.length > 0) {
    lines.push(color.bold('Violated rules'));
    for (const violation of report.violations) {
      lines.push(`  ${color.red(`${violation.id}.`)} ${violation.text}`);
    }
  }
  if (report.unknown.length > 0) {
    lines.push(
      `${color.bold('Depends on')} ${report.unknown.join(', ')} ${color.dim('(unknown)')}`,
    );
  }
  lines.push(color.bold('Variables'));
  const width = Math.max(...policy.ir.variables.map((variable) => variable.name.length));
  const shown = policy.ir.variables.map((variable) =>
    Object.hasOwn(report.variables, variable.name) ? show(report.variables[variable.name]) : '',
  );
  const valueWidth = Math.max(7, ...shown.map((value) => value.length));
  policy.ir.variables.forEach((variable, index) => {
    const value = shown[index] ?? '';
    const cell = value === '' ? color.dim('unknown'.padEnd(valueWidth)) : value.padEnd(valueWidth);
    const note = report.notes[variable.name];
    const name = variable.name.padEnd(width);
    lines.push(`  ${name}  ${cell}${note === undefined ? '' : `  ${color.dim(note)}`}`.trimEnd());
  });
  lines.push(`${color.dim(`Policy ${policy.path} (${policy.hash}), engine ${report.engine}`)}`);
  return lines;
}
