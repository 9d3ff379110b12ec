import { describe, expect, it } from 'vitest';
import { isOnList } from './list-membership';

// Attack: reach a destination that is not on an allow-list by writing one that normalises to an
// entry. Hosts and emails are addresses: another spelling is another server.
const entries = ['partner-firm.com', 'ops@lab.example', 'Acme Geocoder'];

describe('attack: list look-alikes', () => {
  it('hyphens, underscores and spaces are not interchangeable in hosts and emails', () => {
    for (const value of [
      'partner_firm.com',
      'partner--firm.com',
      'partner firm.com',
      'x@partner_firm.com',
      'x@partner--firm.com',
      'https://partner--firm.com/upload',
      'ops@lab_example',
      'ops@lab-example',
    ]) {
      expect(isOnList(entries, value), value).toBe(false);
    }
  });

  it('email tricks do not reach a listed domain', () => {
    for (const value of [
      'user@evil.com@partner-firm.com',
      'attacker@evil.com, ops@partner-firm.com',
      'attacker@evil.com;x@partner-firm.com',
      '"x@partner-firm.com"@evil.com',
      'x@partner-firm.com.evil.com',
      'x@evil.partner-firm.com',
      'x@pаrtner-firm.com', // Cyrillic а
      'x@ｐartner-firm.com', // fullwidth p
      'https://partner-firm.com@evil.com/',
      'https://partner-firm.com.evil.com/',
    ]) {
      expect(isOnList(entries, value), value).toBe(false);
    }
  });

  it('genuine spellings of listed entries still match', () => {
    for (const value of [
      'partner-firm.com',
      'PARTNER-FIRM.COM',
      'partner-firm.com.',
      'vendor@Partner-Firm.com',
      'vendor@partner-firm.com.',
      'https://partner-firm.com/upload',
      'OPS@lab.example',
      'acme-geocoder',
      'acme_geocoder',
    ]) {
      expect(isOnList(entries, value), value).toBe(true);
    }
  });
});
