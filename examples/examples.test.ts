import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@preflight/cli';
import { describe, expect, it } from 'vitest';

const examples = fileURLToPath(new URL('.', import.meta.url));

/** Every example folder with a policy and cases. */
async function exampleFolders(): Promise<string[]> {
  const folders: string[] = [];
  for (const name of await readdir(examples)) {
    const folder = join(examples, name);
    if (!(await stat(folder)).isDirectory()) continue;
    const files = await readdir(folder);
    if (files.includes('policy.txt') && files.includes('cases.yaml')) folders.push(name);
  }
  return folders.sort();
}

describe('example policies', async () => {
  const folders = await exampleFolders();

  it('include the ISO 42001 policy and the four sector policies', () => {
    expect(folders).toEqual(
      expect.arrayContaining([
        'approved-vendors',
        'hipaa-phi',
        'human-review',
        'iso42001',
        'payments-dual-approval',
      ]),
    );
  });

  it.each(folders)('%s passes policy test', async (name) => {
    const out: string[] = [];
    const code = await runCli({
      argv: [
        'policy',
        'test',
        join(examples, name, 'policy.txt'),
        join(examples, name, 'cases.yaml'),
        '--json',
      ],
      stdout: (line) => out.push(line),
      stderr: (line) => out.push(line),
      env: {},
      isTTY: false,
    });
    const report = JSON.parse(out.join('\n'));
    expect(report.cases.filter((entry: { passed: boolean }) => !entry.passed)).toEqual([]);
    expect(code).toBe(0);
  });

  it('iso42001 has at least 20 cases including the seed actions', async () => {
    const out: string[] = [];
    await runCli({
      argv: [
        'policy',
        'test',
        join(examples, 'iso42001/policy.txt'),
        join(examples, 'iso42001/cases.yaml'),
        '--json',
      ],
      stdout: (line) => out.push(line),
      env: {},
    });
    const { cases } = JSON.parse(out.join('\n'));
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const seeds = cases.filter((entry: { name: string }) => entry.name.startsWith('seed '));
    expect(seeds.map((entry: { result: string }) => entry.result)).toEqual([
      'UNSAT',
      'UNSAT',
      'SAT',
    ]);
  });
});
