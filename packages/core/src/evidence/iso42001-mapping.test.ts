import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { iso42001Mapping, renderIso42001MappingMarkdown } from './iso42001-mapping';

describe('ISO/IEC 42001 mapping', () => {
  it('covers the controls the issue names, each with bundle evidence', () => {
    expect(iso42001Mapping.map((c) => c.control)).toEqual([
      'A.6.2.4',
      'A.6.2.8',
      'A.7',
      'A.9.2',
      'A.9.3',
      'A.10',
    ]);
    for (const control of iso42001Mapping) expect(control.evidence.length).toBeGreaterThan(0);
  });

  it('docs/iso42001-mapping.md holds the same table as the bundle', () => {
    const doc = readFileSync(
      fileURLToPath(new URL('../../../../docs/iso42001-mapping.md', import.meta.url)),
      'utf8',
    );
    const rows = renderIso42001MappingMarkdown()
      .split('\n')
      .filter((line) => line.startsWith('| A.'));
    for (const row of rows) expect(doc).toContain(row);
  });
});
