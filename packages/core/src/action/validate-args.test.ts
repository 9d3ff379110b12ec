import { describe, expect, it } from 'vitest';
import { digestJson } from '../crypto';
import { argsDigestTag, validateArgs } from './validate-args';

function nest(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

describe('validateArgs', () => {
  it('accepts plain JSON and digests it canonically', () => {
    const result = validateArgs({ b: [1, 'two', null, true], a: { c: 1.5 } });
    expect(result).toEqual({
      ok: true,
      args: { b: [1, 'two', null, true], a: { c: 1.5 } },
      digest: digestJson(argsDigestTag, { a: { c: 1.5 }, b: [1, 'two', null, true] }),
    });
  });

  it('gives the same digest whatever the key order', () => {
    const one = validateArgs({ a: 1, b: 2 });
    const two = validateArgs({ b: 2, a: 1 });
    expect(one.ok && two.ok && one.digest === two.digest).toBe(true);
  });

  it('treats undefined args as {} and drops undefined properties', () => {
    expect(validateArgs(undefined)).toMatchObject({ ok: true, args: {} });
    expect(validateArgs({ a: undefined, b: 1 })).toMatchObject({ ok: true, args: { b: 1 } });
  });

  it.each([
    [
      'a cycle',
      (() => {
        const a: Record<string, unknown> = { x: 1 };
        a['self'] = a;
        return a;
      })(),
      'args.self',
      /cycle/,
    ],
    ['a BigInt', { amount: 10n }, 'args.amount', /BigInt/],
    ['a function', { run: () => 1 }, 'args.run', /function/],
    ['a symbol', { s: Symbol('x') }, 'args.s', /symbol/],
    ['NaN', { n: Number.NaN }, 'args.n', /not a JSON number/],
    ['Infinity', { n: [1, Number.POSITIVE_INFINITY] }, 'args.n[1]', /not a JSON number/],
    ['a Date', { when: new Date(0) }, 'args.when', /class Date/],
    ['a Map', new Map(), 'args', /class Map/],
    ['undefined in an array', { list: [1, undefined] }, 'args.list[1]', /undefined/],
    ['a huge string', { text: 'x'.repeat(100_001) }, 'args.text', /100001 characters/],
    ['deep nesting', nest(40), 'args.inner.inner', /deeper than 32/],
  ])('refuses %s with a path and a reason', (_name, args, path, reason) => {
    const result = validateArgs(args);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path.startsWith(path)).toBe(true);
    expect(result.reason).toMatch(reason);
  });

  it('applies configured limits', () => {
    expect(validateArgs({ t: 'abcdef' }, { maxStringLength: 5 })).toMatchObject({ ok: false });
    expect(validateArgs(nest(4), { maxDepth: 3 })).toMatchObject({ ok: false });
    expect(validateArgs(nest(3), { maxDepth: 3 })).toMatchObject({ ok: true });
    expect(validateArgs({ list: new Array(20).fill(0) }, { maxNodes: 10 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/more than 10 values/),
    });
  });

  it('refuses a huge key', () => {
    const result = validateArgs({ ['k'.repeat(200)]: 1 }, { maxStringLength: 100 });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/longer than/) });
  });

  it('survives a throwing getter and a hostile proxy', () => {
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    expect(validateArgs(getter)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/nope/),
    });
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(validateArgs(proxy)).toMatchObject({ ok: false, reason: expect.stringMatching(/trap/) });
  });

  it('keeps an own __proto__ key as data, never as a prototype', () => {
    const args = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const result = validateArgs(args);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.getPrototypeOf(result.args)).toBe(Object.prototype);
    expect(Object.keys(result.args as object)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('accepts shared (non-cyclic) references', () => {
    const shared = { x: 1 };
    expect(validateArgs({ a: shared, b: shared })).toMatchObject({ ok: true });
  });
});
