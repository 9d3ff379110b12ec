import { describe, expect, it } from 'vitest';
import { PreflightError } from '../errors';
import { approverKeyId, generateApproverKeyPair } from './approver-keys';
import { createTrustStore } from './create-trust-store';
import { addApprover, removeApprover } from './edit-trust-store';
import { parseTrustStore } from './parse-trust-store';
import { emptyTrustStoreData } from './trust-store-schema';

// RFC 8037 appendix A.1/A.2 test key (public part): a real vector, not one we made up.
const rfc8037PublicJwk = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return PreflightError.isInstance(error) ? error.code : 'not a PreflightError';
  }
}

describe('trust store', () => {
  it('computes key ids as RFC 7638 thumbprints (RFC 8037 appendix A.3 vector)', async () => {
    const jwk = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: rfc8037PublicJwk.x };
    expect(await approverKeyId(jwk)).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('parses the documented format and looks approvers up', async () => {
    const data = parseTrustStore({
      version: 'v1',
      approvers: {
        'alice@example.com': {
          name: 'Alice Example',
          keys: [rfc8037PublicJwk],
          variables: ['authorization_token'],
        },
      },
    });
    const store = createTrustStore(data);
    const alice = await store.getApprover('alice@example.com');
    expect(alice).toMatchObject({
      id: 'alice@example.com',
      name: 'Alice Example',
      variables: ['authorization_token'],
    });
    expect(alice?.keys).toHaveLength(1);
    expect(await store.getApprover('bob')).toBeUndefined();
    // Inherited object properties are not approvers.
    expect(await store.getApprover('constructor')).toBeUndefined();
  });

  it('refuses private key material with a message that says so', () => {
    const json = {
      version: 'v1',
      approvers: {
        alice: {
          keys: [{ ...rfc8037PublicJwk, d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' }],
        },
      },
    };
    expect(() => parseTrustStore(json)).toThrow(/public keys only/);
    expect(codeOf(() => parseTrustStore(json))).toBe('TRUST_STORE_INVALID');
  });

  it.each([
    ['no version', { approvers: {} }],
    ['a bad approver id', { version: 'v1', approvers: { 'a b': { keys: [rfc8037PublicJwk] } } }],
    ['no keys', { version: 'v1', approvers: { alice: { keys: [] } } }],
    [
      'a P-256 key',
      {
        version: 'v1',
        approvers: { alice: { keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b' }] } },
      },
    ],
  ])('refuses %s', (_name, json) => {
    expect(codeOf(() => parseTrustStore(json))).toBe('TRUST_STORE_INVALID');
  });

  it('adds, rotates and removes approvers without mutating the input', async () => {
    const first = await generateApproverKeyPair();
    const second = await generateApproverKeyPair();
    const empty = emptyTrustStoreData();
    const one = addApprover(empty, { id: 'alice', publicKey: first.publicJwk, name: 'Alice' });
    const again = addApprover(one, { id: 'alice', publicKey: first.publicJwk });
    const rotated = addApprover(again, { id: 'alice', publicKey: second.publicJwk });
    expect(empty.approvers).toEqual({});
    expect(again.approvers.alice?.keys).toHaveLength(1);
    expect(rotated.approvers.alice).toMatchObject({ name: 'Alice', keys: [{}, {}] });
    expect(removeApprover(rotated, 'alice').approvers).toEqual({});
    expect(codeOf(() => removeApprover(empty, 'alice'))).toBe('INPUT_INVALID');
    expect(codeOf(() => addApprover(empty, { id: '-x', publicKey: first.publicJwk }))).toBe(
      'INPUT_INVALID',
    );
  });
});
