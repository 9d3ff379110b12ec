import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot as root, runCliInProcess } from './test-support/run-cli-in-process';

const isoPolicy = 'examples/iso42001/policy.txt';

const seed = [
  'Transfer 240 customer records to vendor-analytics@partner-firm.com (external destination). authorization_token: not provided. re_authorization_token: not provided.',
  'Read 35 records with classification "restricted" to summarize quarterly trends. approval_token: not provided. re_authorization_token: not provided.',
  'Update billing address on customer record cust_4421 (classification: standard). authorization_token: tok_a91f3c. approver_id: approver_mhayes.',
] as const;

/** Runs the CLI in-process from the repo root; returns exit code and captured output. */
const run = (argv: string[], options: { env?: Record<string, string>; isTTY?: boolean } = {}) =>
  runCliInProcess({ argv, ...options });

describe('preflight check', () => {
  it('gives UNSAT, UNSAT, SAT with --json for the seed actions', async () => {
    const results = [];
    for (const action of seed) {
      const { code, stdout } = await run([
        'check',
        '--policy',
        isoPolicy,
        '--action',
        action,
        '--json',
      ]);
      const report = JSON.parse(stdout);
      results.push([
        report.result,
        report.allowed,
        code,
        report.violations.map((v: { id: number }) => v.id),
      ]);
      expect(Object.keys(report)).toEqual(
        expect.arrayContaining([
          'result',
          'allowed',
          'violations',
          'unknown',
          'variables',
          'notes',
        ]),
      );
    }
    expect(results).toEqual([
      ['UNSAT', false, 1, [1, 3]],
      ['UNSAT', false, 1, [3, 4]],
      ['SAT', true, 0, []],
    ]);
  });

  it('prints violations with their text, and variables as read', async () => {
    const { code, stdout } = await run([
      'check',
      '--policy',
      isoPolicy,
      '--action',
      seed[0],
      '--json',
    ]);
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(report.violations[0]).toEqual({
      id: 1,
      text: expect.stringMatching(/^Do not transfer customer records/),
    });
    expect(report.variables).toMatchObject({ record_count: 240, session_record_count: 240 });
    expect(report.notes.destination_external).toMatch(/external destination/);
  });

  it('prints a readable report, without colour when not a TTY or with NO_COLOR', async () => {
    const plain = await run(['check', '--policy', isoPolicy, '--action', seed[1]]);
    expect(plain.stdout).toMatch(/Result\s+UNSAT\s+blocked: violates rules 3, 4/);
    expect(plain.stdout).toMatch(/record_count\s+35/);
    expect(plain.stdout).not.toContain('\u001b[');
    const noColor = await run(['check', '--policy', isoPolicy, '--action', seed[1]], {
      isTTY: true,
      env: { NO_COLOR: '1' },
    });
    expect(noColor.stdout).not.toContain('\u001b[');
    const colored = await run(['check', '--policy', isoPolicy, '--action', seed[2]], {
      isTTY: true,
    });
    expect(colored.code).toBe(0);
    expect(colored.stdout).toContain('\u001b[');
  });

  it('takes explicit variables and reports SATISFIABLE with the unknowns', async () => {
    const vars = JSON.stringify({ transfer_customer_records: true, authorization_token: false });
    const { code, stdout } = await run(['check', '--policy', isoPolicy, '--vars', vars, '--json']);
    const report = JSON.parse(stdout);
    expect(code).toBe(1);
    expect(report.result).toBe('SATISFIABLE');
    expect(report.allowed).toBe(false);
    expect(report.unknown).toContain('destination_external');
  });

  it('loads lists.json next to the policy, or --lists', async () => {
    const policy = 'examples/hipaa-phi/policy.txt';
    const action = 'Transmit a record containing PHI to intake@partner-clinic.org.';
    expect((await run(['check', '--policy', policy, '--action', action])).code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'preflight-cli-'));
    const lists = join(dir, 'lists.json');
    await writeFile(lists, JSON.stringify({ approved_baa: ['other.org'] }));
    expect(
      (await run(['check', '--policy', policy, '--action', action, '--lists', lists])).code,
    ).toBe(1);
  });

  it('reads a .json IR policy written by policy compile --json', async () => {
    const compiled = await run(['policy', 'compile', isoPolicy, '--json']);
    expect(compiled.code).toBe(0);
    const dir = await mkdtemp(join(tmpdir(), 'preflight-cli-'));
    const path = join(dir, 'policy.json');
    await writeFile(path, compiled.stdout);
    const { code, stdout } = await run(['check', '--policy', path, '--action', seed[0], '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).result).toBe('UNSAT');
  });

  it('exits 2 with a message (no stack) on usage and input errors', async () => {
    const cases: string[][] = [
      ['check', '--action', 'x'],
      ['check', '--policy', 'missing.txt', '--action', 'x'],
      ['check', '--policy', isoPolicy],
      ['check', '--policy', isoPolicy, '--action', 'x', '--vars', '{}'],
      ['check', '--policy', isoPolicy, '--vars', '{not json'],
      ['check', '--policy', isoPolicy, '--vars', '{"no_such_variable": true}'],
      ['check', '--policy', isoPolicy, '--vars', '{"record_count": "many"}'],
      ['bogus'],
      [],
    ];
    for (const argv of cases) {
      const { code, stderr, stdout } = await run(argv);
      expect({ argv, code }).toEqual({ argv, code: 2 });
      expect(`${stderr}${stdout}`).not.toMatch(/\n\s+at /);
    }
  });

  it('rejects an unknown engine', async () => {
    const argv = ['check', '--policy', isoPolicy, '--action', seed[0], '--engine', 'magic'];
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown engine "magic". Available engines: local');
  });
});

describe('preflight policy compile', () => {
  it('prints a summary with rules, variables, hash', async () => {
    const { code, stdout } = await run(['policy', 'compile', isoPolicy]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Hash\s+sha256:[0-9a-f]{64}/);
    expect(stdout).toContain('Rules (5)');
    expect(stdout).toMatch(/classification\s+enum\(restricted\|confidential\)\s+attribute/);
  });

  it('prints SMT-LIB with --smt', async () => {
    const { code, stdout } = await run(['policy', 'compile', isoPolicy, '--smt']);
    expect(code).toBe(0);
    expect(stdout).toContain('(declare-const');
  });

  it('exits 1 on a compile error naming rule, column and the accepted shapes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preflight-cli-'));
    const path = join(dir, 'bad.txt');
    await writeFile(path, '1. Do not transfer records unless.\n');
    const { code, stderr } = await run(['policy', 'compile', path]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Rule 1, column \d+: expected/);
    expect(stderr).toContain('Accepted shapes');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('preflight policy test', () => {
  it('passes the ISO cases and prints a table', async () => {
    const { code, stdout } = await run([
      'policy',
      'test',
      isoPolicy,
      'examples/iso42001/cases.yaml',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ seed 1: .+UNSAT\s+UNSAT\s+rules 1, 3/);
    expect(stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it('exits 1 on a mismatch and says what differs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preflight-cli-'));
    const cases = join(dir, 'cases.json');
    await writeFile(
      cases,
      JSON.stringify([
        { name: 'wrong on purpose', action: seed[2], expect: 'UNSAT' },
        { name: 'wrong rules', action: seed[0], expect: 'UNSAT', violations: [1] },
      ]),
    );
    const { code, stdout } = await run(['policy', 'test', isoPolicy, cases]);
    expect(code).toBe(1);
    expect(stdout).toContain('expected UNSAT, got SAT');
    expect(stdout).toContain('expected violations [1], got [1, 3]');
    expect(stdout).toContain('0 passed, 2 failed');
  });

  it('exits 2 on an invalid cases file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preflight-cli-'));
    const cases = join(dir, 'cases.yaml');
    await writeFile(cases, '- name: no action\n  expect: MAYBE\n');
    const { code, stderr } = await run(['policy', 'test', isoPolicy, cases]);
    expect(code).toBe(2);
    expect(stderr).toContain('not a valid cases file');
  });
});

describe('bin.ts in a child process', () => {
  it('prints one JSON object and sets the exit code (seed action 1: UNSAT, exit 1)', async () => {
    const exec = promisify(execFile);
    const tsx = join(root, 'node_modules/.bin/tsx');
    const args = [
      'packages/cli/src/bin.ts',
      'check',
      '--policy',
      isoPolicy,
      '--action',
      seed[0],
      '--json',
    ];
    const outcome = await exec(tsx, args, { cwd: root }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(outcome.code).toBe(1);
    expect(JSON.parse(outcome.stdout)).toMatchObject({ result: 'UNSAT', allowed: false });
  });
});
