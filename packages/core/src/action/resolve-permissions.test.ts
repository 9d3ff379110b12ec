import { describe, expect, it, vi } from 'vitest';
import { isoPolicy } from '../guard/__fixtures__/iso42001';
import type { PermissionVerifier } from '../guard/types';
import { isProvided, resolvePermissions } from './resolve-permissions';

const { ir } = isoPolicy();
const base = { policy: ir, tool: 'updateRecord', argsDigest: 'sha256:00', sessionId: 's' };

describe('resolvePermissions', () => {
  it('fixes every permission-granting variable: absent means not provided', async () => {
    const { variables, checks } = await resolvePermissions({
      ...base,
      offers: {
        authorization_token: {
          raw: 'tok',
          provenance: 'context',
          note: 'from the trusted context',
        },
      },
    });
    expect(variables).toEqual({
      authorization_token: { value: true, provenance: 'context', note: 'from the trusted context' },
      re_authorization_token: {
        value: false,
        provenance: 'context',
        note: 'not in the trusted context',
      },
      approval_token: { value: false, provenance: 'context', note: 'not in the trusted context' },
      approver_id: { value: false, provenance: 'context', note: 'not in the trusted context' },
    });
    expect(checks).toEqual([]);
  });

  it('treats null, false and blank strings as not provided', () => {
    expect([undefined, null, false, '', '  '].map(isProvided)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['tok', true, 1, {}].map(isProvided)).toEqual([true, true, true, true]);
  });

  it('counts a token only after the verifier says ok, and applies its grants', async () => {
    const verify = vi.fn<PermissionVerifier['verify']>(async ({ variable, token }) =>
      variable === 'authorization_token' && token === 'good'
        ? {
            ok: true,
            tokenId: 'jti-1',
            approverId: 'mhayes',
            grants: { approver_id: true, classification: 'x' },
          }
        : { ok: false, reason: 'expired' },
    );
    const { variables, checks } = await resolvePermissions({
      ...base,
      verifier: { verify },
      offers: {
        authorization_token: {
          raw: 'good',
          provenance: 'context',
          note: 'from the trusted context',
        },
        approval_token: { raw: 'stale', provenance: 'context', note: 'from the trusted context' },
        approver_id: {
          raw: 'typed-by-someone',
          provenance: 'context',
          note: 'from the trusted context',
        },
      },
    });
    expect(verify).toHaveBeenCalledWith({
      variable: 'authorization_token',
      token: 'good',
      tool: 'updateRecord',
      argsDigest: 'sha256:00',
      sessionId: 's',
    });
    expect(variables['authorization_token']).toMatchObject({
      value: true,
      note: expect.stringMatching(/jti-1.*mhayes/),
    });
    expect(variables['approval_token']).toMatchObject({
      value: false,
      note: expect.stringMatching(/failed verification: expired/),
    });
    // approver_id comes from the verified token, not from what was typed.
    expect(variables['approver_id']).toMatchObject({
      value: true,
      note: expect.stringMatching(/granted by the verified authorization_token token jti-1/),
    });
    // Grants only reach permission-granting variables.
    expect(variables['classification']).toBeUndefined();
    expect(checks).toEqual([
      { variable: 'authorization_token', ok: true, tokenId: 'jti-1', approverId: 'mhayes' },
      { variable: 'approval_token', ok: false, reason: 'expired' },
      { variable: 'approver_id', ok: false, reason: 'expired' },
    ]);
  });

  it('turns a throwing or malformed verifier into not provided', async () => {
    const offers = {
      authorization_token: { raw: 'tok', provenance: 'context' as const, note: 'n' },
    };
    const throwing = await resolvePermissions({
      ...base,
      offers,
      verifier: {
        verify: async () => {
          throw new Error('store down');
        },
      },
    });
    expect(throwing.variables['authorization_token']).toMatchObject({
      value: false,
      note: expect.stringMatching(/store down/),
    });
    const malformed = await resolvePermissions({
      ...base,
      offers,
      verifier: { verify: async () => null as never },
    });
    expect(malformed.variables['authorization_token']?.value).toBe(false);
  });
});
