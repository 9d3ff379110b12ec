import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type IcmeStandIn, startIcmeStandIn } from '@preflight/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot as root, runCliInProcess } from './test-support/run-cli-in-process';

const blocked =
  'Transfer 240 customer records to vendor-analytics@partner-firm.com (external destination). authorization_token: not provided.';
const allowed =
  'Update billing address on customer record cust_4421 (classification: standard). authorization_token: tok_a91f3c. approver_id: approver_mhayes.';

let standIn: IcmeStandIn;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  // The stand-in answers UNSAT when the canonical description says a token is missing.
  standIn = await startIcmeStandIn({
    decide: ({ action }) =>
      /authorizationToken: false/.test(action)
        ? {
            result: 'UNSAT',
            detail: 'Unsatisfiable',
            z3_result: 'UNSAT',
            ar_result: 'UNSAT',
            llm_result: 'UNSAT',
          }
        : {
            result: 'SAT',
            detail: 'Satisfiable',
            z3_result: 'SAT',
            ar_result: 'SAT',
            llm_result: 'SAT',
          },
    smt: '; var authorizationToken (Bool): an authorization token is provided\n(declare-const authorizationToken Bool)',
  });
  dir = await mkdtemp(join(tmpdir(), 'icme-cli-'));
  await copyFile(join(root, 'examples/iso42001/policy.txt'), join(dir, 'policy.txt'));
  env = { ICME_API_KEY: 'sk-smt-test', ICME_API_URL: standIn.url };
});
afterAll(() => standIn.close());

const run = (argv: string[], runEnv: Record<string, string> = env) =>
  runCliInProcess({ argv, cwd: dir, env: runEnv });

/** argv of `check` on policy.txt with `--engine engine`, `--action action` and more flags. */
const check = (engine: string, action: string, ...flags: string[]) => [
  'check',
  '--policy',
  'policy.txt',
  '--engine',
  engine,
  '--action',
  action,
  ...flags,
];

describe('ICME in the CLI (against a local API stand-in)', () => {
  it('policy push streams progress and records the version; status reports it', async () => {
    const first = await run(['policy', 'push', 'policy.txt']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('[1/3] Parsing rules...');
    expect(first.stdout).toMatch(/pushed policy\.txt: ICME policy [0-9a-f-]{36}/);
    const lock = JSON.parse(await readFile(join(dir, 'policy.txt.lock.json'), 'utf8'));
    expect(lock.current).toMatchObject({
      textHash: expect.stringMatching(/^sha256:/),
      irHash: expect.stringMatching(/^sha256:/),
      ruleCount: 5,
    });
    const unchanged = await run(['policy', 'push', 'policy.txt']);
    expect(unchanged.stdout).toContain('unchanged');
    const forced = await run(['policy', 'push', 'policy.txt', '--force', '--json']);
    expect(JSON.parse(forced.stdout).policyId).not.toBe(lock.current.policyId);
    const status = await run(['policy', 'status', 'policy.txt', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      upToDate: true,
      lock: { history: [{ policyId: lock.current.policyId }] },
    });
    await writeFile(join(dir, 'edited.txt'), 'x');
    expect((await run(['policy', 'status', 'edited.txt'])).code).toBe(2);
  });

  it('check --engine icme --policy-id decides through the API', async () => {
    const no = await run(check('icme', blocked, '--policy-id', 'pol-1', '--json'));
    expect(no.code).toBe(1);
    const report = JSON.parse(no.stdout);
    expect(report).toMatchObject({
      result: 'UNSAT',
      allowed: false,
      engine: 'icme',
      icme: { policyId: 'pol-1', blockedBy: ['result', 'z3_result', 'ar_result', 'llm_result'] },
    });
    // the compiled policy's own name was used in the description sent
    expect(report.icme.description).toContain('authorizationToken: false');
    const yes = await run(check('icme', allowed, '--policy-id', 'pol-1', '--json'));
    expect(JSON.parse(yes.stdout)).toMatchObject({ result: 'SAT', allowed: true });
    expect(yes.code).toBe(0);
  });

  it('check --engine dual records both verdicts and blocks if either blocks', async () => {
    const { code, stdout } = await run(check('dual', blocked, '--json'));
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.engine).toBe('dual');
    expect(report.engines.verdicts.local.engine).toBe('local');
    expect(report.engines.verdicts.remote.result).toBe('UNSAT');
  });

  it('reports missing configuration as usage errors', async () => {
    const noKey = await run(check('icme', allowed, '--policy-id', 'p'), {
      ICME_API_URL: standIn.url,
    });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('ICME_API_KEY');
    await copyFile(join(root, 'examples/iso42001/policy.txt'), join(dir, 'unpushed.txt'));
    const noId = await run([
      'check',
      '--policy',
      'unpushed.txt',
      '--engine',
      'icme',
      '--action',
      allowed,
    ]);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('policy push');
  });

  it('pnpm preflight check --engine icme works as a process with ICME_API_URL', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'packages/cli/src/bin.ts',
        'check',
        '--policy',
        join(dir, 'policy.txt'),
        '--engine',
        'icme',
        '--policy-id',
        'pol-2',
        '--action',
        allowed,
        '--json',
      ],
      { cwd: root, env: { ...process.env, ...env } },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      result: 'SAT',
      allowed: true,
      icme: { policyId: 'pol-2' },
    });
  });
});
