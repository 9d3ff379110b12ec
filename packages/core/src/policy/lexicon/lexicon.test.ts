import { describe, expect, it } from 'vitest';
import {
  isGenericVerb,
  isKnownVerb,
  isRelationParticiple,
  pluralizeNoun,
  sameNoun,
  singularize,
  verbBase,
  verbMatches,
} from './index';

describe('verbBase', () => {
  it.each([
    ['transfer', 'transfer'],
    ['transfers', 'transfer'],
    ['transferred', 'transfer'],
    ['transferring', 'transfer'],
    ['Updated', 'update'],
    ['updating', 'update'],
    ['copied', 'copy'],
    ['copies', 'copy'],
    ['emailed', 'email'],
    ['sent', 'send'],
    ['wrote', 'write'],
    ['paid', 'pay'],
    ['deleting', 'delete'],
    ['used', 'use'],
    ['pushes', 'push'],
    ['looked up', 'look up'],
    ['read', 'read'],
    ['set', 'set'],
    ['wired', 'wire'],
    ['shared', 'share'],
    ['stopped', 'stop'],
    // Verbs the lexicon does not know still lose their inflection.
    ['frobnicated', 'frobnicate'],
    ['blorping', 'blorp'],
    ['blorps', 'blorp'],
    ['zapped', 'zap'],
  ])('%s -> %s', (word, base) => {
    expect(verbBase(word)).toBe(base);
  });
});

describe('verbMatches', () => {
  it('matches any inflection of the same verb', () => {
    expect(verbMatches('Transferring', 'transfer')).toBe(true);
    expect(verbMatches('frobnicating', 'frobnicate')).toBe(true);
  });
  it('matches synonyms in one group', () => {
    expect(verbMatches('Email', 'transfer')).toBe(true);
    expect(verbMatches('uploaded', 'share')).toBe(true);
    expect(verbMatches('Update', 'modify')).toBe(true);
    expect(verbMatches('deleted', 'modify')).toBe(true);
    expect(verbMatches('purge', 'delete')).toBe(true);
    expect(verbMatches('invoke', 'call')).toBe(true);
    expect(verbMatches('generate', 'produce')).toBe(true);
    expect(verbMatches('wire', 'pay')).toBe(true);
  });
  it('does not match verbs of different classes', () => {
    expect(verbMatches('Read', 'transfer')).toBe(false);
    expect(verbMatches('Update', 'transfer')).toBe(false);
    expect(verbMatches('summarize', 'modify')).toBe(false);
    expect(verbMatches('frobnicate', 'transfer')).toBe(false);
  });
  it('generic rule verbs match every action verb', () => {
    expect(verbMatches('Read', 'access')).toBe(true);
    expect(verbMatches('frobnicate', 'process')).toBe(true);
  });
});

describe('verb classes', () => {
  it('knows the generic verbs in any inflection', () => {
    for (const verb of ['access', 'processes', 'handled', 'using', 'touch', 'involves']) {
      expect(isGenericVerb(verb)).toBe(true);
    }
    expect(isGenericVerb('transfer')).toBe(false);
  });
  it('knows common verbs, not nouns or made-up words', () => {
    expect(isKnownVerb('Summarized')).toBe(true);
    expect(isKnownVerb('reads')).toBe(true);
    expect(isKnownVerb('frobnicate')).toBe(false);
    expect(isKnownVerb('billing')).toBe(true);
  });
});

describe('nouns', () => {
  it('singularizes the last word of a phrase and keeps acronyms', () => {
    expect(singularize('customer records')).toBe('customer record');
    expect(singularize('third-party APIs')).toBe('third-party API');
    expect(singularize('PHI')).toBe('PHI');
    expect(singularize('data')).toBe('data');
    expect(singularize('entries')).toBe('entry');
    expect(pluralizeNoun('record')).toBe('records');
    expect(pluralizeNoun('API')).toBe('APIs');
  });
  it('matches singular and plural, case and separators', () => {
    expect(sameNoun('records', 'Record')).toBe(true);
    expect(sameNoun('third-party APIs', 'third_party_api')).toBe(true);
    expect(sameNoun('customer records', 'customer record')).toBe(true);
    expect(sameNoun('records', 'files')).toBe(false);
    expect(sameNoun('', '')).toBe(false);
  });
});

describe('isRelationParticiple', () => {
  it('knows -ing words that relate a thing to something', () => {
    expect(isRelationParticiple('containing')).toBe(true);
    expect(isRelationParticiple('Affecting')).toBe(true);
    expect(isRelationParticiple('billing')).toBe(false);
    expect(isRelationParticiple('contain')).toBe(false);
  });
});
