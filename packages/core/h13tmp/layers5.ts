import { readIcmeStream as A } from './rs-a';
import { readIcmeStream as B } from './rs-b';
import { cpuBench } from './cpu';
const done = { step: 'done', check_id: crypto.randomUUID(), verification_time_ms: 0, proof_id: crypto.randomUUID(), proof_url: '/v1/proof/x', result: 'SAT', detail: 'Satisfiable', z3_result: 'SAT', ar_result: 'SAT', llm_result: 'SAT' };
const sse = `data: {"step":"1/3","msg":"Analyzing action..."}\n\n: keep-alive\n\ndata: {"step":"2/3","msg":"Extracting values from action..."}\n\n: keep-alive\n\ndata: {"step":"3/3","msg":"Verifying against policy..."}\n\n: keep-alive\n\ndata: ${JSON.stringify(done)}\n\n`;
const bytes = new TextEncoder().encode(sse);
class Body { sent = false; async next() { if (this.sent) return { done: true as const, value: undefined }; this.sent = true; return { done: false as const, value: bytes }; } [Symbol.asyncIterator]() { return this; } }
const mk = () => ({ status: 200, header: (n: string) => (n === 'content-type' ? 'text/event-stream' : null), body: new Body(), discard: async () => {} });
await cpuBench({
  'response only': async () => { const r = mk(); for await (const _ of r.body) {} },
  'A current': () => A(mk(), { endpoint: 'checkIt' }),
  'B no settle': () => B(mk(), { endpoint: 'checkIt' }),
}, { n: 3000, rounds: 11 });
