import { readIcmeStream } from '../src/engine/icme/read-icme-stream';
const done = { step: 'done', check_id: crypto.randomUUID(), verification_time_ms: 0, proof_id: crypto.randomUUID(), proof_url: '/v1/proof/x', result: 'SAT', detail: 'Satisfiable', z3_result: 'SAT', ar_result: 'SAT', llm_result: 'SAT' };
const sse = `data: {"step":"1/3","msg":"Analyzing action..."}\n\n: keep-alive\n\ndata: {"step":"2/3","msg":"Extracting values from action..."}\n\n: keep-alive\n\ndata: {"step":"3/3","msg":"Verifying against policy..."}\n\n: keep-alive\n\ndata: ${JSON.stringify(done)}\n\n`;
const bytes = new TextEncoder().encode(sse);
const response = () => {
  let sent = false;
  return {
    status: 200,
    header: (n: string) => (n === 'content-type' ? 'text/event-stream' : null),
    body: { [Symbol.asyncIterator]: () => ({ next: async () => (sent ? { done: true as const, value: undefined } : ((sent = true), { done: false as const, value: bytes })) }) },
    discard: async () => {},
  };
};
const s = performance.now();
for (let i = 0; i < 50000; i++) await readIcmeStream(response(), { endpoint: 'checkIt' });
console.log(((performance.now() - s) * 1000 / 50000).toFixed(1), 'us');
