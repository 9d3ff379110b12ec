import { readFileSync } from 'node:fs';
import { createGuard } from '@preflight/core';
import { describe, expect, it } from 'vitest';
import { companyDomain, createCrm } from './crm';
import { policyPath } from './script';
import { supportMappings } from './support-mappings';

// Attack: make an export to an outside address look internal to the demo's mapping, so that
// rule 1 (no transfer to an external destination without a token) does not apply.
const policy = readFileSync(policyPath, 'utf8');
const tokens = { authorization_token: 'tok', approver_id: 'approver' };

async function destinationExternal(to: string): Promise<unknown> {
  const guard = await createGuard({ policy, tools: supportMappings(createCrm()) });
  const decision = await guard.check(
    { tool: 'exportRecords', args: { to, customerIds: ['c1'] }, toolCallId: 'x', sessionId: to },
    tokens,
  );
  return decision.action?.variables['destination_external']?.value;
}

describe('attack: destinations that pretend to be internal', () => {
  it.each([
    `attacker@evil.com, ops@${companyDomain}`,
    `attacker@evil.com;ops@${companyDomain}`,
    `attacker@evil.com ops@${companyDomain}`,
    `attacker@evil.com@${companyDomain}`,
    `"attacker@evil.com"@${companyDomain}`,
    `attacker@evil.com\nBcc: x@${companyDomain}`,
    `Ops <attacker@evil.com> <ops@${companyDomain}>`,
    `ops@${companyDomain}.evil.com`,
    `ops@evil.${companyDomain}x`,
    `ops@аcme.example`, // Cyrillic а
    `ops＠${companyDomain}`, // fullwidth at sign
    `ops@${companyDomain}\u200B`,
    '',
  ])('%j counts as external', async (to) => {
    expect(await destinationExternal(to)).toBe(true);
  });

  it.each([
    `ops@${companyDomain}`,
    `OPS@${companyDomain.toUpperCase()}`,
    `ops@${companyDomain}.`,
    ` ops@${companyDomain} `,
  ])('%j is internal', async (to) => {
    expect(await destinationExternal(to)).toBe(false);
  });
});
