import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approvalArgsDigest, createTokenVerifier, publicJwkOf } from '@preflight/core';
import { createFileTrustStore } from '@preflight/core/node';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../test-support/run-cli-in-process';

/** Runs the CLI in-process in `cwd` and collects its output. */
const run = (cwd: string, argv: string[], env: Record<string, string> = {}) =>
  runCliInProcess({ argv, cwd, env: { NO_COLOR: '1', ...env } });

const updateArgs = { id: 42, status: 'closed' };

describe('preflight approver / approve', () => {
  it('adds an approver with a generated key, approves an action, and the token verifies once', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'preflight-cli-approve-'));
    const added = await run(cwd, [
      'approver',
      'add',
      'alice@example.com',
      '--generate',
      '--out',
      'keys/alice.jwk.json',
      '--name',
      'Alice Example',
    ]);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('Added approver alice@example.com');
    expect(added.stdout).toContain('.preflight/trust-store.json');
    if (process.platform !== 'win32') {
      expect((await stat(join(cwd, 'keys/alice.jwk.json'))).mode & 0o777).toBe(0o600);
    }
    const trustStore = JSON.parse(await readFile(join(cwd, '.preflight/trust-store.json'), 'utf8'));
    expect(JSON.stringify(trustStore)).not.toContain('"d"');

    const listed = await run(cwd, ['approver', 'list']);
    expect(listed.stdout).toContain('alice@example.com (Alice Example)');

    const approved = await run(cwd, [
      'approve',
      '--approver',
      'alice@example.com',
      '--key',
      'keys/alice.jwk.json',
      '--variable',
      'authorization_token',
      '--tool',
      'updateRecord',
      '--args',
      JSON.stringify(updateArgs),
      '--session',
      'session-1',
      '--ttl',
      '10m',
    ]);
    expect(approved.code).toBe(0);
    expect(approved.stderr).toContain('approves authorization_token for tool updateRecord');
    expect(approved.stderr).not.toContain('warning');
    const token = approved.stdout.trim();
    expect(token.split('.')).toHaveLength(3);

    const verifier = createTokenVerifier({
      trustStore: createFileTrustStore({ path: join(cwd, '.preflight/trust-store.json') }),
    });
    const request = {
      variable: 'authorization_token',
      token,
      tool: 'updateRecord',
      argsDigest: approvalArgsDigest(updateArgs),
      sessionId: 'session-1',
    };
    const check = await verifier.verify(request);
    expect(check).toMatchObject({ ok: true, approverId: 'alice@example.com' });
    expect(check.ok && check.claims.exp - check.claims.iat).toBe(600);
    expect(await verifier.verify(request)).toMatchObject({ ok: false, code: 'replayed' });
  });

  it('revokes with approver remove: tokens already issued stop verifying', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'preflight-cli-approve-'));
    await run(cwd, ['approver', 'add', 'bob', '--generate', '--out', 'bob.jwk.json']);
    const approved = await run(cwd, [
      'approve',
      '--approver',
      'bob',
      '--key',
      'bob.jwk.json',
      '--tool',
      'updateRecord',
      '--args-digest',
      approvalArgsDigest(updateArgs),
      '--json',
    ]);
    const { token, claims } = JSON.parse(approved.stdout);
    expect(claims).toMatchObject({ iss: 'bob', pfv: 'authorization_token', tool: 'updateRecord' });
    expect(await run(cwd, ['approver', 'remove', 'bob'])).toMatchObject({ code: 0 });
    const verifier = createTokenVerifier({
      trustStore: createFileTrustStore({ path: join(cwd, '.preflight/trust-store.json') }),
    });
    const check = await verifier.verify({
      variable: 'authorization_token',
      token,
      tool: 'updateRecord',
      argsDigest: approvalArgsDigest(updateArgs),
      sessionId: 'any',
    });
    expect(check).toMatchObject({ ok: false, code: 'unknown_approver' });
  });

  it('adds a public key file, honours PREFLIGHT_TRUST_STORE, and warns on an untrusted signer', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'preflight-cli-approve-'));
    const env = { PREFLIGHT_TRUST_STORE: 'shared/trust.json' };
    await run(cwd, ['approver', 'add', 'carol', '--generate', '--out', 'carol.jwk.json'], env);
    const carolPrivate = JSON.parse(await readFile(join(cwd, 'carol.jwk.json'), 'utf8'));
    await writeFile(join(cwd, 'carol.pub.json'), JSON.stringify(publicJwkOf(carolPrivate)));
    const again = await run(
      cwd,
      [
        'approver',
        'add',
        'carol2',
        '--public-key',
        'carol.pub.json',
        '--variables',
        'approval_token',
      ],
      env,
    );
    expect(again.code).toBe(0);
    const listed = JSON.parse((await run(cwd, ['approver', 'list', '--json'], env)).stdout);
    expect(Object.keys(listed.approvers)).toEqual(['carol', 'carol2']);
    expect(listed.approvers.carol2.variables).toEqual(['approval_token']);

    const wrongId = await run(
      cwd,
      ['approve', '--approver', 'dave', '--key', 'carol.jwk.json', '--tool', 't', '--args', '{}'],
      env,
    );
    expect(wrongId.code).toBe(0);
    expect(wrongId.stderr).toContain('warning: approver dave is not in');
  });

  it.each([
    [['approve', '--approver', 'a', '--key', 'k', '--tool', 't'], /exactly one of --args/],
    [['approve', '--approver', 'a', '--key', 'k', '--tool', 't', '--args', '{'], /not valid JSON/],
    [
      ['approve', '--approver', 'a', '--key', 'k', '--tool', 't', '--args', '{}', '--ttl', '2d'],
      /--ttl/,
    ],
    [
      ['approve', '--approver', 'a', '--key', 'missing.json', '--tool', 't', '--args', '{}'],
      /not found/,
    ],
    [['approver', 'add', 'x'], /exactly one of --public-key/],
    [['approver', 'add', 'x', '--generate'], /--out/],
    [['approver', 'add', 'bad id', '--generate', '--out', 'k.json'], /Invalid approver id/],
    [['approver', 'remove', 'nobody'], /Trust store not found/],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const cwd = await mkdtemp(join(tmpdir(), 'preflight-cli-approve-'));
    const result = await run(cwd, argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
