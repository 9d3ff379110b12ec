// What the demos print: each turn's tool calls with their decision, the approval, a final table
// and the evidence check. Plain text with optional colour; nothing here decides anything.
import type { colors } from '@preflight/cli';
import { formatResult } from '@preflight/cli';
import type { DemoCall, DemoEvents, DemoResult } from './demo-call';
import { approverId } from './script';

type Colors = ReturnType<typeof colors>;
type Print = (line?: string) => void;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function argsText(input: unknown): string {
  try {
    return clip(JSON.stringify(input) ?? '', 110);
  } catch {
    return '(unprintable args)';
  }
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** Account notes in a customer record the tool returned: where the injection hides. */
function recordNotes(output: unknown): string[] {
  const notes = (output as { notes?: unknown } | undefined)?.notes;
  return Array.isArray(notes) ? notes.filter((note) => /system notice/i.test(String(note))) : [];
}

/** Why a permission the model supplied did not count, from the decision's variable notes. */
function ignoredTokens(call: DemoCall): string[] {
  const variables = call.decision.action?.variables ?? {};
  return Object.entries(variables)
    .filter(([, variable]) => /arg/i.test(variable.note ?? '') && variable.value === false)
    .map(([name, variable]) => `${name}: ${variable.note}`);
}

function printCall(call: DemoCall, print: Print, color: Colors): void {
  const { decision } = call;
  print(`  ${color.cyan('→')} ${color.bold(call.toolName)} ${color.dim(argsText(call.input))}`);
  const verdict = decision.allowed ? color.green('allowed') : color.red(color.bold('BLOCKED'));
  const ran = call.ran ? color.green('ran') : color.red('did not run');
  const screened = decision.screenedOut ? color.dim(' (touches no policy variable)') : '';
  print(`    ${formatResult(decision.result, color)} ${verdict}${screened} · ${ran}`);
  for (const violation of decision.violations) {
    print(`      ${color.red(`rule ${violation.id}`)}  ${violation.text}`);
  }
  for (const note of ignoredTokens(call)) print(color.yellow(`      ignored  ${note}`));
  for (const note of recordNotes(call.output))
    print(color.yellow(`      note in the record: “${clip(note, 96)}”`));
  for (const permission of decision.permissions ?? []) {
    if (permission.ok) {
      print(
        color.green(
          `      approval ${permission.variable} signed by ${permission.approverId} (token ${permission.tokenId})`,
        ),
      );
    }
  }
}

/** Prints turns as they end. */
export function demoPrinter(print: Print, color: Colors): DemoEvents {
  return {
    turnStarted(turn, operator) {
      print();
      print(color.bold(`Turn ${turn}`) + color.dim(' · operator'));
      for (const line of wrap(`“${operator}”`, 92, '  ')) print(line);
    },
    turnEnded(_turn, calls, agentText) {
      for (const call of calls) printCall(call, print, color);
      print(color.dim('  agent:'));
      for (const line of wrap(agentText, 92, '    ')) print(line);
    },
    approvalIssued({ request, tokenId }) {
      print();
      print(color.bold('Approval') + color.dim(' · the app asks a human, not the model'));
      print(
        `  request   ${request.tool} ${color.dim(request.argsDigest)} needs ${request.variables.join(', ')}`,
      );
      print(
        `  signed    by ${color.bold(approverId)}: token ${tokenId}, bound to this tool, these args and this session`,
      );
      print(color.dim('  the token goes into the trusted context; the model never sees it'));
    },
  };
}

/** The final table and the evidence verification. */
export function printSummary(
  result: DemoResult,
  evidenceDir: string,
  print: Print,
  color: Colors,
): void {
  print();
  print(color.bold('Summary'));
  const rows = result.calls.map((call, index) => [
    String(index + 1),
    String(call.turn),
    call.toolName,
    call.decision.result,
    call.decision.violations.map((violation) => violation.id).join(',') || '-',
    call.decision.allowed ? 'allowed' : 'blocked',
    call.ran ? 'yes' : 'no',
    call.decision.receipt?.seq === undefined ? '-' : `#${call.decision.receipt.seq}`,
  ]);
  const header = ['#', 'turn', 'tool', 'result', 'rules', 'decision', 'ran', 'receipt'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  print(color.dim(line(header)));
  for (const row of rows) {
    const text = line(row);
    print(row[5] === 'blocked' ? color.red(text) : text);
  }
  const { evidence } = result;
  print();
  const status = evidence.ok ? color.green('verified') : color.red(color.bold('FAILED'));
  print(
    `${color.bold('Evidence')}  ${evidenceDir}: ${evidence.entries} entries (${evidence.signaturesVerified} signature${evidence.signaturesVerified === 1 ? '' : 's'} checked, ${evidence.signaturesCoveredByCheckpoint} covered by a signed checkpoint), hash chain and checkpoints ${status}`,
  );
  if (!evidence.ok && evidence.failure !== null)
    print(color.red(`  ${JSON.stringify(evidence.failure)}`));
  print(color.dim(`  check it yourself: pnpm preflight evidence verify ${evidenceDir}`));
}
