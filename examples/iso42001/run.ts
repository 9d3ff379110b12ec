// The main job (`pnpm examples`): compile the ISO/IEC 42001 policy and check the seed's three
// documented actions against it, printing what each action is read as and whether it may run.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CheckReport,
  checkAction,
  colors,
  formatResult,
  loadPolicy,
  useColor,
} from '@preflight/cli';

const here = dirname(fileURLToPath(import.meta.url));
const color = colors(useColor(process.env, process.stdout.isTTY === true));

/** The seed's example actions and the results the policy documents for them. */
const seedActions: readonly { action: string; expect: CheckReport['result'] }[] = [
  {
    action:
      'Transfer 240 customer records to vendor-analytics@partner-firm.com (external destination). authorization_token: not provided. re_authorization_token: not provided.',
    expect: 'UNSAT',
  },
  {
    action:
      'Read 35 records with classification "restricted" to summarize quarterly trends. approval_token: not provided. re_authorization_token: not provided.',
    expect: 'UNSAT',
  },
  {
    action:
      'Update billing address on customer record cust_4421 (classification: standard). authorization_token: tok_a91f3c. approver_id: approver_mhayes.',
    expect: 'SAT',
  },
];

const policy = await loadPolicy(join(here, 'policy.txt'), process.cwd());
const print = (line = '') => process.stdout.write(`${line}\n`);

print(color.bold("PreFlight: the seed's example actions against the ISO/IEC 42001 policy"));
print(
  color.dim(
    `policy examples/iso42001/policy.txt, ${policy.ir.rules.length} rules, version ${policy.hash}`,
  ),
);
for (const rule of policy.ir.rules) print(color.dim(`  ${rule.id}. ${rule.text}`));

let mismatches = 0;
for (const [index, { action, expect }] of seedActions.entries()) {
  // Each seed action is checked on its own, as the first action of a fresh agent session.
  const report = checkAction({ policy, action });
  const verdict = report.allowed
    ? color.green(color.bold('ALLOWED'))
    : color.red(color.bold('BLOCKED'));
  print();
  print(`${color.bold(`Action ${index + 1}`)}  ${action}`);
  print(`  result    ${formatResult(report.result, color)} -> ${verdict}`);
  for (const violation of report.violations) {
    print(`  violates  ${color.red(`rule ${violation.id}`)}: ${violation.text}`);
  }
  if (report.unknown.length > 0) print(`  depends   ${report.unknown.join(', ')}`);
  const read = Object.entries(report.variables).map(([name, value]) => `${name}=${String(value)}`);
  print(color.dim(`  read as   ${read.join(', ')}`));
  if (report.result !== expect) {
    mismatches += 1;
    print(color.red(`  expected ${expect}, got ${report.result}`));
  }
}

print();
const summary = seedActions.map(({ expect }) => expect).join(', ');
if (mismatches === 0) {
  print(color.green(`All ${seedActions.length} actions gave the documented results (${summary}).`));
} else {
  print(color.red(`${mismatches} action(s) did not give the documented results (${summary}).`));
}
print(
  color.dim(
    'More: pnpm preflight policy test examples/iso42001/policy.txt examples/iso42001/cases.yaml',
  ),
);
process.exitCode = mismatches === 0 ? 0 : 1;
