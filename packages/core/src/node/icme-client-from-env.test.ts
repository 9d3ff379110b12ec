import { describe, expect, it } from 'vitest';
import { icmeClientOptionsFromEnv } from './icme-client-from-env';

describe('icmeClientOptionsFromEnv', () => {
  it('reads ICME_API_KEY and ICME_API_URL under explicit options', () => {
    const env = { ICME_API_KEY: ' sk-smt-env ', ICME_API_URL: 'http://127.0.0.1:9/v1' };
    expect(icmeClientOptionsFromEnv({}, env)).toEqual({
      apiKey: 'sk-smt-env',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    expect(icmeClientOptionsFromEnv({ apiKey: 'explicit' }, env).apiKey).toBe('explicit');
    expect(icmeClientOptionsFromEnv({}, { ICME_API_KEY: '' })).toEqual({});
  });
});
