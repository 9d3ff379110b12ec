import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallAbort } from './call-abort';

afterEach(() => {
  vi.useRealTimers();
});

describe('CallAbort', () => {
  it('aborts on the deadline, once, and tells its listeners and its lazy signal', () => {
    vi.useFakeTimers();
    const abort = new CallAbort(100);
    const heard: string[] = [];
    abort.once('abort', () => heard.push('once'));
    const removed = () => heard.push('removed');
    abort.on('abort', removed);
    abort.removeListener('abort', removed);
    const signal = abort.signal; // created before the abort
    vi.advanceTimersByTime(99);
    expect(abort.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(abort).toMatchObject({ aborted: true, deadlineHit: true });
    expect(signal.aborted).toBe(true);
    abort.abort(new Error('again'));
    expect(heard).toEqual(['once']);
    expect((abort.reason as Error).message).toBe('deadline');
    abort.stop();
  });

  it('follows the caller signal, and a signal created after the abort is aborted too', () => {
    const caller = new AbortController();
    const abort = new CallAbort(60_000, caller.signal);
    caller.abort(new Error('user'));
    expect(abort).toMatchObject({ aborted: true, deadlineHit: false });
    expect(abort.signal.aborted).toBe(true);
    expect((abort.signal.reason as Error).message).toBe('user');
    abort.stop();
    const already = new CallAbort(60_000, caller.signal);
    expect(already.aborted).toBe(true);
    already.stop();
  });

  it('stops: no deadline after stop, and the caller signal is released', () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const abort = new CallAbort(100, caller.signal);
    abort.stop();
    vi.advanceTimersByTime(1000);
    caller.abort();
    expect(abort.aborted).toBe(false);
  });
});
