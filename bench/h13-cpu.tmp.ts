import { createRequire } from 'node:module';
import { createIcmeClient } from '@preflight/core';
import { createUndiciTransport, startIcmeStandIn } from '@preflight/core/node';
const requireFromCore = createRequire(new URL('../packages/core/package.json', import.meta.url));
const { Agent } = requireFromCore('undici');
const standIn = await startIcmeStandIn();
const transport = createUndiciTransport({ keepAliveTimeoutMs: 30_000, connections: 32 });
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 32, connect: { timeout: 10_000 } });
const url = new URL(standIn.url);
const headers = { 'user-agent': 'bench', accept: 'text/event-stream', 'content-type': 'application/json', 'x-api-key': 'sk-smt-bench' };
const raw = async () => {
  const response = await agent.request({ origin: url.origin, path: `${url.pathname}/checkIt`, method: 'POST', headers, body: JSON.stringify({ policy_id: 'bench-policy', action: 'approval_token: provided' }) });
  const text = await response.body.text();
  const done = JSON.parse(text.slice(text.lastIndexOf('data: ') + 6));
  if (response.statusCode !== 200 || done.step !== 'done') throw new Error('raw');
  return done;
};
const client = createIcmeClient({ apiKey: 'sk-smt-bench', baseUrl: standIn.url, transport });
const check = () => client.checkIt({ policyId: 'bench-policy', action: 'approval_token: provided' });
const { CallAbort } = await import('../packages/core/src/engine/icme/call-abort');
const tOnly = async () => {
  const abort = new CallAbort();
  const r = await transport({ method: 'POST', url: `${standIn.url}/checkIt`, headers, body: JSON.stringify({ policy_id: 'bench-policy', action: 'approval_token: provided' }), get signal() { return abort.signal; }, abortNotice: abort, headersTimeoutMs: 120000, bodyTimeoutMs: 60000 });
  for await (const _ of r.body) {}
};
const which = (process.env.WHICH ?? 'raw,client').split(',');
const fns: Record<string, () => Promise<unknown>> = { raw, client: check, transport: tOnly };
const block = 200, rounds = Number(process.env.ROUNDS ?? 30);
const cpu: Record<string, number[]> = Object.fromEntries(which.map((k) => [k, []]));
const wall: Record<string, number[]> = Object.fromEntries(which.map((k) => [k, []]));
for (let i = 0; i < 500; i++) for (const k of which) await fns[k]!();
for (let r = 0; r < rounds; r++) for (const k of r % 2 ? [...which].reverse() : which) { const fn = fns[k]!;
  const c = process.cpuUsage(); const w = process.hrtime.bigint();
  for (let i = 0; i < block; i++) await fn();
  const d = process.cpuUsage(c);
  cpu[k]!.push((d.user + d.system) / block); wall[k]!.push(Number(process.hrtime.bigint() - w) / 1000 / block);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const min = (a: number[]) => Math.min(...a);
for (const k of which) console.log(k.padEnd(10), 'cpu med', med(cpu[k]!).toFixed(1), 'min', min(cpu[k]!).toFixed(1), 'wall med', med(wall[k]!).toFixed(1));
if (cpu.client) console.log(`cpu us/op  raw med ${med(cpu.raw!).toFixed(1)} min ${min(cpu.raw!).toFixed(1)} | client med ${med(cpu.client!).toFixed(1)} min ${min(cpu.client!).toFixed(1)} | ratio med ${(med(cpu.client!) / med(cpu.raw!)).toFixed(3)} min ${(min(cpu.client!) / min(cpu.raw!)).toFixed(3)}`);
if (cpu.client) console.log(`wall us/op raw med ${med(wall.raw!).toFixed(1)} | client med ${med(wall.client!).toFixed(1)} | ratio ${(med(wall.client!) / med(wall.raw!)).toFixed(3)}`);
await transport.close(); await agent.close(); await standIn.close();
process.exit(0);
