import type { VariableCatalogueEntry } from '@preflight/core';
import type { Colors } from 'picocolors/types';
import type { LoadedPolicy } from './load-policy';

function table(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  '),
  );
}

function typeOf(entry: VariableCatalogueEntry): string {
  return entry.values === undefined ? entry.type : `enum(${entry.values.join('|')})`;
}

/**
 * The readable summary of a compiled policy: hash, rules with their shapes, the variable
 * catalogue (name, type, role, rules, description), lists and counters, and warnings.
 */
export function formatPolicySummary(
  policy: LoadedPolicy,
  catalogue: readonly VariableCatalogueEntry[],
  color: Colors,
): string[] {
  const { ir } = policy;
  const lines: string[] = [
    `${color.bold('Policy')}  ${policy.path}`,
    `${color.bold('Hash')}    ${policy.hash}`,
    '',
    color.bold(`Rules (${ir.rules.length})`),
  ];
  for (const rule of ir.rules) {
    lines.push(`  ${rule.id}. ${color.dim(`[${rule.shape}]`)} ${rule.text}`);
  }
  lines.push('', color.bold(`Variables (${catalogue.length})`));
  const rows = catalogue.map((entry) => [
    entry.name,
    typeOf(entry),
    entry.role,
    entry.rules.length === 0 ? '-' : `rule ${entry.rules.join(', ')}`,
    entry.description,
  ]);
  for (const line of table([['name', 'type', 'role', 'used by', 'description'], ...rows])) {
    lines.push(`  ${line}`);
  }
  if (ir.lists.length > 0) {
    lines.push('', color.bold('Lists (supply as data, e.g. lists.json)'));
    for (const list of ir.lists) {
      lines.push(
        `  ${list.key}: "${list.name}" list of ${list.subject} values -> ${list.variable}`,
      );
    }
  }
  if (ir.counters.length > 0) {
    lines.push('', color.bold('Session counters'));
    for (const counter of ir.counters) {
      lines.push(`  ${counter.sessionVariable} = session total of ${counter.actionVariable}`);
    }
  }
  if (ir.warnings.length > 0) {
    lines.push('', color.yellow(color.bold(`Warnings (${ir.warnings.length})`)));
    for (const warning of ir.warnings) lines.push(`  ${color.yellow('!')} ${warning}`);
  }
  return lines;
}
