import { icmeCall } from '../src/engine/icme/icme-request';
import { readIcmeStream } from '../src/engine/icme/read-icme-stream';
import { checkItDoneSchema } from '../src/engine/icme/icme-schemas';
import { createIcmeClient } from '../src/engine/icme/icme-client';
import type { IcmeTransport } from '../src/engine/icme/icme-transport';
import { cpuBench } from './cpu';
const done = { step: 'done', check_id: crypto.randomUUID(), verification_time_ms: 0, proof_id: crypto.randomUUID(), proof_url: '/v1/proof/x', result: 'SAT', detail: 'Satisfiable', z3_result: 'SAT', ar_result: 'SAT', llm_result: 'SAT' };
const sse = `data: {"step":"1/3","msg":"Analyzing action..."}\n\n: keep-alive\n\ndata: {"step":"2/3","msg":"Extracting values from action..."}\n\n: keep-alive\n\ndata: {"step":"3/3","msg":"Verifying against policy..."}\n\n: keep-alive\n\ndata: ${JSON.stringify(done)}\n\n`;
const bytes = new TextEncoder().encode(sse);
const sseResponse = () => {
  let sent = false;
  return {
    status: 200,
    header: (n: string) => (n === 'content-type' ? 'text/event-stream' : null),
    body: { [Symbol.asyncIterator]: () => ({ next: async () => (sent ? { done: true as const, value: undefined } : ((sent = true), { done: false as const, value: bytes })) }) },
    discard: async () => {},
  };
};
const resp = { status: 200, header: () => null, body: { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true as const, value: undefined }) }) }, discard: async () => {} };
const transport: IcmeTransport = async () => resp;
const config = { baseUrl: 'http://x/v1', apiKey: 'k', userAgent: 'ua', transport, retry: {} };
const client = createIcmeClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1/v1', transport: async () => sseResponse() });
const parsed = JSON.parse(JSON.stringify(done));
await cpuBench({
  'empty async': async () => 1,
  'setTimeout+clear': () => clearTimeout(setTimeout(() => {}, 120000)),
  'raw-equiv decode+parse last': () => { const text = new TextDecoder().decode(bytes); return JSON.parse(text.slice(text.lastIndexOf('data: ') + 6)); },
  'zod safeParse': () => checkItDoneSchema.safeParse(parsed),
  'icmeCall trivial read': () => icmeCall(config, { endpoint: 'checkIt', method: 'POST', path: '/checkIt', body: { policy_id: 'p', action: 'a' }, accept: 'text/event-stream', retry: 'unsent', deadlineMs: 120000, bodyIdleMs: 60000, auth: 'required', read: async () => 1 }),
  'readIcmeStream in-memory': () => readIcmeStream(sseResponse(), { endpoint: 'checkIt' }),
  'client.checkIt in-memory': () => client.checkIt({ policyId: 'p', action: 'approval_token: provided' }),
});
