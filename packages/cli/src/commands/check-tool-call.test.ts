import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../test-support/run-cli-in-process';

const policy = 'examples/iso42001/policy.txt';
const mapping = 'examples/iso42001/tool-mappings.yaml';

const run = (argv: string[]) => runCliInProcess({ argv });

const update = ['check', '--policy', policy, '--mapping', mapping, '--tool', 'updateRecord'];

describe('preflight check --tool', () => {
  it('allows a mapped call with tokens in --context (exit 0) and prints the decision', async () => {
    const context = '{"authorization_token":"tok_a91f3c","approver_id":"approver_mhayes"}';
    const { code, stdout } = await run([
      ...update,
      '--args',
      '{"id":"cust_4421","classification":"standard"}',
      '--context',
      context,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/SAT/);
    expect(stdout).toMatch(/Decision .*Allowed/);
  });

  it('blocks the same call when the token is only in the model-written args (exit 1, --json)', async () => {
    const args =
      '{"id":"cust_4421","classification":"standard","authorization_token":"tok","approver_id":"x"}';
    const { code, stdout } = await run([...update, '--args', args, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      result: 'UNSAT',
      allowed: false,
      code: 'POLICY_UNSAT',
      tool: 'updateRecord',
      variables: { authorization_token: false, modify_production_records: true },
      provenance: { authorization_token: 'context', modify_production_records: 'derived' },
    });
    expect(report.violations.map((v: { id: number }) => v.id)).toContain(2);
    expect(report.description).toContain('authorization_token: not provided');
    expect(report.wouldAllowWith).toEqual(expect.arrayContaining(['authorization_token']));
  });

  it('uses name matching without a mapping file', async () => {
    const { code, stdout } = await run([
      'check',
      '--policy',
      policy,
      '--tool',
      'bulkRead',
      '--args',
      '{"records":["a","b"],"classification":"restricted"}',
      '--json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      result: 'UNSAT',
      variables: { record_count: 2, classification: 'restricted' },
    });
  });

  it('reports bad input with exit 2 and no stack trace', async () => {
    for (const argv of [
      [...update, '--args', '{not json'],
      [...update],
      [...update, '--args', '{}', '--context', '[1]'],
      [...update, '--args', '{}', '--action', 'x'],
      ['check', '--policy', policy, '--mapping', 'missing.yaml', '--tool', 't', '--args', '{}'],
    ]) {
      const { code, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toMatch(/error/);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });
});
