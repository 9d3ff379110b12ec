import { describe, expect, it, vi } from 'vitest';
import type { Decision } from '../guard/types';
import { describeError } from './describe-error';
import { guardFailureDecision } from './guard-failure-decision';
import { isDecision } from './is-decision';
import { settleQuietly } from './settle-quietly';

const enforce = { mode: 'enforce' as const, policyHash: 'sha256:abc' };
const shadow = { mode: 'shadow' as const, policyHash: 'sha256:abc' };

describe('guardFailureDecision', () => {
  it('blocks with ERROR / GUARD_INTERNAL and a reason built from the clause', () => {
    const decision = guardFailureDecision({ guard: enforce, why: 'the guard failed: boom' });
    expect(decision).toMatchObject({
      allowed: false,
      wouldAllow: false,
      mode: 'enforce',
      result: 'ERROR',
      code: 'GUARD_INTERNAL',
      reason: 'Blocked: the guard failed: boom.',
      policyHash: 'sha256:abc',
      timings: { totalMs: 0 },
    });
    expect(isDecision(decision)).toBe(true);
  });

  it('follows shadow mode like the guard does, unless told to block in shadow too', () => {
    const shadowed = guardFailureDecision({ guard: shadow, why: 'x', totalMs: 3 });
    expect(shadowed).toMatchObject({ allowed: true, wouldAllow: false, mode: 'shadow' });
    expect(shadowed.reason).toBe('Shadow mode, not enforced. Blocked: x.');
    expect(shadowed.timings.totalMs).toBe(3);
    const blocked = guardFailureDecision({ guard: shadow, why: 'x', blockInShadow: true });
    expect(blocked).toMatchObject({ allowed: false, mode: 'enforce', reason: 'Blocked: x.' });
  });

  it('still decides when the guard’s getters throw', () => {
    const hostile = {
      get mode(): 'shadow' {
        throw new Error('no mode');
      },
      get policyHash(): string {
        throw new Error('no hash');
      },
    };
    const decision = guardFailureDecision({ guard: hostile, why: 'x' });
    expect(decision).toMatchObject({ allowed: false, mode: 'enforce', policyHash: 'unknown' });
  });
});

describe('isDecision', () => {
  it('accepts only the decision shape', () => {
    expect(isDecision(undefined)).toBe(false);
    expect(isDecision({ allowed: true })).toBe(false);
    expect(isDecision('allowed')).toBe(false);
  });
});

describe('describeError', () => {
  it('never throws', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError(42)).toBe('42');
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(describeError(hostile)).toBe('unprintable error');
  });

  it('always returns a string, even for an Error whose message is not one', () => {
    const error = new Error('x');
    Object.defineProperty(error, 'message', { value: Object.create(null) });
    expect(describeError(error)).toBe('unprintable error');
    Object.defineProperty(error, 'message', { value: 7 });
    expect(describeError(error)).toBe('7');
  });
});

describe('settleQuietly', () => {
  it('swallows a settle that rejects', async () => {
    const settle = vi.fn(async () => {
      throw new Error('disk full');
    });
    const decision = guardFailureDecision({ guard: enforce, why: 'x' }) as Decision;
    await expect(settleQuietly({ settle }, decision, { ran: false, ok: false })).resolves.toBe(
      undefined,
    );
    expect(settle).toHaveBeenCalledOnce();
  });
});
