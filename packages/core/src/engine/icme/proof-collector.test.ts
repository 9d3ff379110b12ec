import { describe, expect, it } from 'vitest';
import { PreflightError } from '../../errors';
import type { IcmeClient } from './icme-client';
import { proofMetadataSchema } from './icme-schemas';
import { createProofCollector, type ProofCollectionStatus } from './proof-collector';

const metadata = proofMetadataSchema.parse({ proof_id: 'p', claimed_result: 0 });

function fakeClient({
  pendingPolls = 2,
  downloadError,
}: {
  pendingPolls?: number;
  downloadError?: PreflightError;
} = {}) {
  const calls = { getProof: 0, downloadProof: 0 };
  const client: Pick<IcmeClient, 'getProof' | 'downloadProof'> = {
    async getProof() {
      calls.getProof++;
      return calls.getProof > pendingPolls ? { ready: true, metadata } : { ready: false };
    },
    async downloadProof() {
      calls.downloadProof++;
      if (downloadError) throw downloadError;
      return new Uint8Array([9, 9]);
    },
  };
  return { client, calls };
}

describe('createProofCollector', () => {
  it('polls until ready, downloads once and stores the bytes', async () => {
    const { client, calls } = fakeClient();
    const stored: [string, number][] = [];
    const states: string[] = [];
    const collector = createProofCollector({
      client,
      pollIntervalMs: 1,
      storeProof: async (id, bytes) => {
        stored.push([id, bytes.byteLength]);
      },
      onStatus: (s) => states.push(s.state),
    });
    const [a, b] = await Promise.all([collector.collect('p'), collector.collect('p')]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ state: 'stored', bytes: 2 });
    expect(calls).toEqual({ getProof: 3, downloadProof: 1 });
    expect(stored).toEqual([['p', 2]]);
    expect(states).toEqual(['pending', 'stored']);
    await collector.collect('p');
    expect(calls.downloadProof).toBe(1);
  });

  it('reports a proof consumed elsewhere (409) and a timeout', async () => {
    const conflict = new PreflightError({ code: 'ICME_CONFLICT', message: 'used' });
    const consumed = createProofCollector({
      client: fakeClient({ pendingPolls: 0, downloadError: conflict }).client,
      pollIntervalMs: 1,
      storeProof: async () => undefined,
    });
    await expect(consumed.collect('p')).resolves.toMatchObject({ state: 'consumed' });
    const slow = createProofCollector({
      client: fakeClient({ pendingPolls: 1e9 }).client,
      pollIntervalMs: 2,
      timeoutMs: 10,
      storeProof: async () => undefined,
    });
    await expect(slow.collect('p')).resolves.toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('not ready'),
    });
  });

  it('retries the sink (the bytes cannot be downloaded again) and stops on request', async () => {
    let attempts = 0;
    const collector = createProofCollector({
      client: fakeClient({ pendingPolls: 0 }).client,
      pollIntervalMs: 1,
      storeProof: async () => {
        if (++attempts < 3) throw new Error('disk busy');
      },
    });
    await expect(collector.collect('p')).resolves.toMatchObject({ state: 'stored' });
    expect(attempts).toBe(3);
    const statuses: ProofCollectionStatus[] = [];
    const stopped = createProofCollector({
      client: fakeClient({ pendingPolls: 1e9 }).client,
      pollIntervalMs: 1000,
      storeProof: async () => undefined,
      onStatus: (s) => statuses.push(s),
    });
    const pending = stopped.collect('q');
    stopped.stop();
    await expect(pending).resolves.toMatchObject({ state: 'failed', reason: 'stopped' });
    await stopped.drain();
    expect(stopped.status('q')).toMatchObject({ state: 'failed' });
  });
});
