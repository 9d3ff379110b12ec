import { describe, expect, it } from 'vitest';
import { AdapterTimeoutError, resolveWithinDeadline } from './resolve-within-deadline';

const never = () => new Promise<never>(() => {});

describe('resolveWithinDeadline', () => {
  it('passes on the value, or the rejection, of work that answers in time', async () => {
    await expect(resolveWithinDeadline({ timeoutMs: 50 }, async () => 'ok', 'x')).resolves.toBe(
      'ok',
    );
    await expect(
      resolveWithinDeadline({ timeoutMs: 50 }, () => Promise.reject(new Error('boom')), 'x'),
    ).rejects.toThrow('boom');
  });

  it('turns a synchronous throw into a rejection', async () => {
    const work = (): string => {
      throw new Error('sync');
    };
    await expect(resolveWithinDeadline({ timeoutMs: 50 }, work, 'x')).rejects.toThrow('sync');
  });

  it('rejects with AdapterTimeoutError when the work never answers', async () => {
    const pending = resolveWithinDeadline({ timeoutMs: 20 }, never, 'the context function');
    await expect(pending).rejects.toBeInstanceOf(AdapterTimeoutError);
    await expect(pending).rejects.toThrow('the context function did not answer within 20 ms');
    await expect(pending).rejects.toMatchObject({ code: 'GUARD_TIMEOUT' });
  });

  it('falls back to the default bound for a guard without a usable timeoutMs', async () => {
    const hostile = {
      get timeoutMs(): number {
        throw new Error('no');
      },
    };
    await expect(resolveWithinDeadline(hostile, async () => 1, 'x')).resolves.toBe(1);
    await expect(resolveWithinDeadline({}, async () => 2, 'x')).resolves.toBe(2);
  });
});
