import { describe, expect, it } from 'vitest';
import { createLazyAbort } from './lazy-abort';

describe('createLazyAbort', () => {
  it('aborts a signal the engine took before the deadline', () => {
    const lazy = createLazyAbort(undefined);
    const { signal } = lazy.engineOptions;
    expect(signal.aborted).toBe(false);
    expect(lazy.engineOptions.signal).toBe(signal);
    lazy.abort(new Error('late'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('late');
  });

  it('hands out an aborted signal when it is first read after the deadline', () => {
    const lazy = createLazyAbort(undefined);
    lazy.abort(new Error('late'));
    expect(lazy.engineOptions.signal.aborted).toBe(true);
    expect((lazy.engineOptions.signal.reason as Error).message).toBe('late');
  });

  it("follows the caller's own signal too", () => {
    const outer = new AbortController();
    const lazy = createLazyAbort(outer.signal);
    const { signal } = lazy.engineOptions;
    outer.abort(new Error('caller gave up'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('caller gave up');
  });

  it('passes an already aborted caller signal on', () => {
    const lazy = createLazyAbort(AbortSignal.abort(new Error('gone')));
    expect(lazy.engineOptions.signal.aborted).toBe(true);
  });
});
