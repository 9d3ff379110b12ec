import { Agent } from 'undici';
import { startIcmeStandIn } from './src/node/index.ts';
const s = await startIcmeStandIn();
const u = new URL(s.url);
const agent = new Agent({ keepAliveTimeout: 30000, connections: 32 });
const body = JSON.stringify({ policy_id: 'p', action: 'a' });
const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
const req = (extra: object) => async () => { const r = await agent.request({ origin: u.origin, path: '/v1/checkIt', method: 'POST', headers, body, ...extra }); for await (const c of r.body) {} };
const variants: Record<string, () => Promise<unknown>> = {
  rawIter: req({}),
  withSignal: async () => req({ signal: new AbortController().signal })(),
  withTimeouts: req({ headersTimeout: 100000, bodyTimeout: 60000 }),
  withBoth: async () => req({ signal: new AbortController().signal, headersTimeout: 100000, bodyTimeout: 60000 })(),
};
const res: Record<string, number[]> = {};
for (let round = 0; round < 4; round++) for (const [name, fn] of Object.entries(variants)) {
  for (let i = 0; i < 100; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < 800; i++) { const t = process.hrtime.bigint(); await fn(); times.push(Number(process.hrtime.bigint() - t) / 1000); }
  times.sort((a, b) => a - b);
  (res[name] ??= []).push(Math.round(times[400]!));
}
console.log(res);
await agent.close(); await s.close();
