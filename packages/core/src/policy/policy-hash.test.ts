import { describe, expect, it } from 'vitest';
import { digestJson } from '../crypto';
import { isoPolicy } from './__fixtures__/policies';
import { compilePolicy } from './compile-policy';
import { policyHash } from './policy-hash';

describe('policyHash', () => {
  it('is the domain-tagged digest of the IR', () => {
    const { ir } = compilePolicy(isoPolicy);
    expect(policyHash(ir)).toBe(digestJson('preflight.policy-ir.v1', ir));
    expect(policyHash(ir)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('ignores layout that does not change the IR, and changes with any word that does', () => {
    const base = compilePolicy(isoPolicy).hash;
    const relaid = isoPolicy.replaceAll('\n', '\n\n').replace('1. ', '  1) ');
    expect(compilePolicy(relaid).hash).toBe(base);
    expect(compilePolicy(isoPolicy.replace('10 records', '11 records')).hash).not.toBe(base);
    expect(compilePolicy(isoPolicy.replace('"confidential"', '"secret"')).hash).not.toBe(base);
  });

  it('does not depend on key order of an IR written by hand', () => {
    const { ir } = compilePolicy(isoPolicy);
    const reordered = Object.fromEntries(Object.entries(ir).reverse()) as typeof ir;
    expect(Object.keys(reordered)[0]).toBe('warnings');
    expect(policyHash(reordered)).toBe(policyHash(ir));
  });
});
