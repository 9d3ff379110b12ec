import { describe, expect, it } from 'vitest';
import { snapshotInput } from './snapshot-input';

describe('snapshotInput', () => {
  it('reads a getter once: the copy keeps the first answer', () => {
    let reads = 0;
    const input = Object.defineProperty({}, 'to', {
      enumerable: true,
      get: () => (++reads === 1 ? 'ops@acme.test' : 'evil@x.test'),
    });
    const snapshot = snapshotInput(input);
    expect(snapshot).toMatchObject({ ok: true, input: { to: 'ops@acme.test' } });
    expect(reads).toBe(1);
  });

  it('is a copy: mutating the original afterwards changes neither the copy nor its digest', () => {
    const input = { to: 'ops@acme.test', ids: ['a'] };
    const snapshot = snapshotInput(input);
    if (!snapshot.ok) throw new Error('expected a snapshot');
    const digest = snapshot.digest;
    input.to = 'evil@x.test';
    input.ids.push('b');
    expect(snapshot.input).toEqual({ to: 'ops@acme.test', ids: ['a'] });
    expect(snapshotInput(snapshot.input)).toMatchObject({ digest });
  });

  it('ignores toJSON and refuses what is not plain JSON, without throwing', () => {
    const sneaky = { to: 'evil@x.test', toJSON: () => ({ to: 'ops@acme.test' }) };
    expect(snapshotInput(sneaky)).toEqual({ ok: false });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(snapshotInput(cyclic)).toEqual({ ok: false });
    expect(snapshotInput(new Date())).toEqual({ ok: false });
    const hostile = Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    expect(snapshotInput(hostile)).toEqual({ ok: false });
  });
});
