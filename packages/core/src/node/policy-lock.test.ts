import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyLockPath, policyTextHash, readPolicyLock, recordPolicyVersion } from './policy-lock';

const entry = (policyId: string, text: string) => ({
  policyId,
  textHash: policyTextHash(text),
  irHash: null,
  createdAt: '2026-08-14T13:17:35Z',
});

describe('policy lock file', () => {
  it('records versions next to the policy, newest first in history', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const policy = join(dir, 'policy.txt');
    expect(await readPolicyLock(policy)).toBeUndefined();
    await recordPolicyVersion(policy, entry('a', 'one'));
    await recordPolicyVersion(policy, entry('b', 'two'));
    const lock = await recordPolicyVersion(policy, {
      ...entry('c', 'three'),
      irHash: 'sha256:x',
      ruleCount: 3,
    });
    expect(lock.current.policyId).toBe('c');
    expect(lock.history.map((h) => h.policyId)).toEqual(['b', 'a']);
    expect(await readPolicyLock(policy)).toEqual(lock);
    expect(JSON.parse(await readFile(policyLockPath(policy), 'utf8')).policy).toBe('policy.txt');
  });

  it('hashes text as plain sha256 (checkable with sha256sum)', () => {
    expect(policyTextHash('abc')).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('rejects a damaged lock file as INPUT_INVALID', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const policy = join(dir, 'policy.txt');
    await writeFile(policyLockPath(policy), '{"version":"v2"}');
    await expect(readPolicyLock(policy)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await writeFile(policyLockPath(policy), 'not json');
    await expect(readPolicyLock(policy)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
