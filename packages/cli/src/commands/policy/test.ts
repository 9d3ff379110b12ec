import { defineCommand } from 'citty';
import { cli } from '../../cli-context';
import { exitCodes } from '../../exit-code';
import { formatCaseTable } from '../../format-case-table';
import { loadCases } from '../../load-cases';
import { loadListsFor } from '../../load-lists';
import { loadPolicy } from '../../load-policy';
import { runCase } from '../../run-cases';

/** `preflight policy test`: run expected-result cases; exit 1 on any mismatch. */
export const testCommand = defineCommand({
  meta: { name: 'test', description: 'Run expected-result cases (YAML or JSON) against a policy' },
  args: {
    policy: { type: 'positional', description: 'Policy file (.txt or .json)', required: true },
    cases: { type: 'positional', description: 'Cases file (.yaml, .yml or .json)', required: true },
    json: { type: 'boolean', description: 'Print the results as JSON', default: false },
  },
  async run({ args }) {
    const context = cli();
    const policy = await loadPolicy(args.policy, context.cwd);
    const lists = await loadListsFor(args.policy, undefined, context.cwd);
    const cases = await loadCases(args.cases, context.cwd, lists);
    const results = cases.map((policyCase) => runCase(policy, policyCase));
    const failed = results.filter((result) => !result.passed).length;
    if (args.json) {
      const rows = results.map((result) => ({
        name: result.case.name,
        expect: result.case.expect,
        result: result.report?.result ?? 'ERROR',
        violations: result.report?.violations.map((violation) => violation.id) ?? [],
        unknown: result.report?.unknown ?? [],
        passed: result.passed,
        ...(result.problem === undefined ? {} : { problem: result.problem }),
      }));
      context.out(
        JSON.stringify({ passed: results.length - failed, failed, cases: rows }, null, 2),
      );
    } else {
      for (const line of formatCaseTable(policy, results, context.color)) context.out(line);
    }
    context.exitCode = failed === 0 ? exitCodes.ok : exitCodes.failed;
  },
});
