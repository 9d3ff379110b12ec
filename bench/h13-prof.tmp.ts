import { createRequire } from 'node:module';
import { createIcmeClient } from '@preflight/core';
import { createUndiciTransport, startIcmeStandIn } from '@preflight/core/node';
const requireFromCore = createRequire(new URL('../packages/core/package.json', import.meta.url));
const { Agent } = requireFromCore('undici');
const standIn = await startIcmeStandIn();
const transport = createUndiciTransport({ keepAliveTimeoutMs: 30_000, connections: 32 });
const agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });
const url = new URL(standIn.url);
const body = JSON.stringify({ policy_id: 'bench-policy', action: 'approval_token: provided' });
const headers = { 'user-agent': 'bench', accept: 'text/event-stream', 'content-type': 'application/json', 'x-api-key': 'sk-smt-bench' };
const raw = async () => {
  const response = await agent.request({ origin: url.origin, path: `${url.pathname}/checkIt`, method: 'POST', headers, body });
  return response.body.text();
};
const client = createIcmeClient({ apiKey: 'sk-smt-bench', baseUrl: standIn.url, transport });
const check = () => client.checkIt({ policyId: 'bench-policy', action: 'approval_token: provided' });
const n = Number(process.env.N ?? 20000);
const { CallAbort } = await import('../packages/core/src/engine/icme/call-abort');
const tOnly = async () => {
  const abort = new CallAbort();
  const r = await transport({ method: 'POST', url: `${standIn.url}/checkIt`, headers, body: JSON.stringify({ policy_id: 'bench-policy', action: 'approval_token: provided' }), get signal() { return abort.signal; }, abortNotice: abort, headersTimeoutMs: 120000, bodyTimeoutMs: 60000 });
  for await (const _ of r.body) {}
};
const fn = process.env.WHICH === 'raw' ? raw : process.env.WHICH === 'transport' ? tOnly : check;
const t0 = performance.now();
for (let i = 0; i < n; i++) await fn();
console.log(process.env.WHICH ?? 'client', ((performance.now() - t0) * 1000 / n).toFixed(1), 'us/op');
await transport.close(); await agent.close(); await standIn.close();
