import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addApprover,
  emptyTrustStoreData,
  generateApproverKeyPair,
  removeApprover,
} from '../approval';
import { createFileTrustStore, readTrustStoreFile, writeTrustStoreFile } from './trust-store-file';

describe('trust store file', () => {
  it('round-trips, treats a missing file as empty only when asked, and rejects junk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preflight-trust-'));
    const path = join(dir, '.preflight', 'trust-store.json');
    await expect(readTrustStoreFile(path)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(await readTrustStoreFile(path, { missingOk: true })).toEqual(emptyTrustStoreData());
    const { publicJwk } = await generateApproverKeyPair();
    const data = addApprover(emptyTrustStoreData(), { id: 'alice', publicKey: publicJwk });
    await writeTrustStoreFile(path, data);
    expect(await readTrustStoreFile(path)).toEqual(data);
    await writeFile(path, '{ not json');
    await expect(readTrustStoreFile(path)).rejects.toMatchObject({ code: 'TRUST_STORE_INVALID' });
  });

  it('picks up changes to the file without a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preflight-trust-'));
    const path = join(dir, 'trust-store.json');
    const { publicJwk } = await generateApproverKeyPair();
    const data = addApprover(emptyTrustStoreData(), { id: 'alice', publicKey: publicJwk });
    await writeTrustStoreFile(path, data);
    const store = createFileTrustStore({ path });
    expect(await store.getApprover('alice')).toMatchObject({ id: 'alice' });
    await writeTrustStoreFile(path, removeApprover(data, 'alice'));
    expect(await store.getApprover('alice')).toBeUndefined();
  });

  it('fails lookups (so verification fails closed) when the file is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preflight-trust-'));
    const store = createFileTrustStore({ path: join(dir, 'none.json') });
    await expect(store.getApprover('alice')).rejects.toMatchObject({ code: 'TRUST_STORE_INVALID' });
  });
});
