import { readFile } from 'node:fs/promises';
import { createGuard, type ToolMappings, type TrustedContext } from '@preflight/core';
const tools: ToolMappings = {
  exportRecords: { variables: { transfer_customer_records: { const: true }, modify_production_records: { const: false },
    destination_external: (args: { to: string }) => !args.to.endsWith('@example.com'), record_count: { count: 'recordIds' }, classification: 'classification' } },
  updateRecord: { variables: { modify_production_records: { const: true }, transfer_customer_records: { const: false }, record_count: { const: 1 }, classification: 'classification' } },
  readRecords: { variables: { transfer_customer_records: { const: false }, modify_production_records: { const: false }, record_count: { count: 'ids' }, classification: 'classification' } },
};
const tokens: TrustedContext = { authorization_token: 'tok_a91f3c', approver_id: 'approver_mhayes' };
const ids = (n: number) => Array.from({ length: n }, (_, i) => `cust_${i}`);
const calls: Array<[string, unknown, TrustedContext]> = [
  ['exportRecords', { to: 'vendor@partner-firm.com', recordIds: ids(3), classification: 'standard' }, {}],
  ['exportRecords', { to: 'vendor@partner-firm.com', recordIds: ids(3), classification: 'standard' }, tokens],
  ['updateRecord', { id: 'cust_4421', classification: 'standard', address: '1 Main St' }, tokens],
  ['updateRecord', { id: 'cust_4421', classification: 'standard', address: '1 Main St' }, {}],
  ['readRecords', { ids: ids(35), classification: 'restricted' }, {}],
  ['readRecords', { ids: ids(5), classification: 'public' }, {}],
  ['readRecords', { ids: ids(2), classification: 'confidential' }, { approval_token: 'tok_b2' }],
  ['exportRecords', { to: 'team@example.com', recordIds: ids(4), classification: 'restricted' }, {}],
  ['bulkRead', { records: ids(4), classification: 'restricted' }, {}],
  ['bulkRead', { records: ids(2), classification: 'public', modify_production_records: false }, {}],
  ['getWeather', { city: 'Paris', units: 'metric' }, tokens],
];
const guard = await createGuard({ policy: await readFile(new URL('../examples/iso42001/policy.txt', import.meta.url), 'utf8'), tools });
const n = Number(process.env.N ?? 50000);
const which = process.env.WHICH;
const list = which ? calls.filter((c) => c[0] === which) : calls;
const out: string[] = [];
async function loop(count: number) {
  for (let i = 0; i < count; i++) {
    const [tool, args, ctx] = list[i % list.length]!;
    const d = await guard.check({ tool, args, toolCallId: `c${i}`, sessionId: `s${i}` }, ctx);
    await guard.settle(d, { ran: d.allowed, ok: d.allowed });
    if (process.env.DUMP && i < list.length) out.push(JSON.stringify({ ...d, id: 0, createdAt: 0, timings: 0 }));
  }
}
await loop(2000);
const t = performance.now();
const c0 = process.cpuUsage();
if (n > 0) await loop(n);
const el = performance.now() - t;
const cpu = process.cpuUsage(c0);
console.log(`${which ?? 'all'}: ${((el * 1000) / n).toFixed(2)} µs/call wall, ${((cpu.user + cpu.system) / n).toFixed(2)} µs/call cpu`);
if (process.env.DUMP) console.log(out.join('\n'));
