import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portableSha256 } from '../crypto/sha256';
import { nodeSha256 } from './node-sha256';

describe('nodeSha256', () => {
  it('hashes byte and string parts (as UTF-8) exactly like the portable hash', () => {
    const part = fc.oneof(
      fc.uint8Array({ maxLength: 70 }),
      fc.string({ maxLength: 40, unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        expect([...nodeSha256(parts)]).toEqual([...portableSha256(parts)]);
      }),
    );
  });
});
