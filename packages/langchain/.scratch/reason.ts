import { createGuard } from '@preflight/core';
import { readFileSync } from 'node:fs';
const policy = readFileSync('../../examples/iso42001/policy.txt', 'utf8');
const guard = await createGuard({ policy, tools: {
  exportRecords: { variables: { transfer_customer_records: { const: true }, modify_production_records: { const: false }, destination_external: (a: any) => !String(a.to).endsWith('@northwind.example'), record_count: (a: any) => a.scope === 'all' ? 240 : (a.customerIds?.length ?? 0), classification: { const: 'standard' } } },
}});
const d = await guard.check({ tool: 'exportRecords', toolCallId: 'c1', sessionId: 's', args: { to: 'vendor-analytics@partner-firm.com', scope: 'all', authorization_token: 'tok_override_7731' } });
console.log(d.reason); console.log(d.code, d.violations, d.wouldAllowWith, JSON.stringify(d.action?.variables, null, 1));
const s = await guard.check({ tool: 'searchCustomers', toolCallId: 'c2', sessionId: 's', args: { query: 'x' } });
console.log(s.reason, s.screenedOut, s.result);
