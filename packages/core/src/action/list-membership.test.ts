import { describe, expect, it } from 'vitest';
import { isOnList } from './list-membership';

describe('isOnList', () => {
  const entries = ['partner-clinic.org', 'Acme Geocoder', 'ops@lab.example'];

  it('matches exact entries case-insensitively, spaces and hyphens alike', () => {
    expect(isOnList(entries, 'acme-geocoder')).toBe(true);
    expect(isOnList(entries, 'OPS@lab.example')).toBe(true);
  });

  it('matches the domain of an email and the host of a URL', () => {
    expect(isOnList(entries, 'intake@partner-clinic.org')).toBe(true);
    expect(isOnList(entries, 'https://partner-clinic.org/upload')).toBe(true);
  });

  it('does not match subdomains or lookalikes', () => {
    expect(isOnList(entries, 'x@evil.partner-clinic.org')).toBe(false);
    expect(isOnList(entries, 'partner-clinic.org.evil.com')).toBe(false);
    expect(isOnList([], 'anything')).toBe(false);
  });
});
