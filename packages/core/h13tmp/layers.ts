import { createIcmeClient } from '../src/engine/icme/icme-client';
import { readIcmeStream } from '../src/engine/icme/read-icme-stream';
import { checkItDoneSchema } from '../src/engine/icme/icme-schemas';
import type { IcmeTransport } from '../src/engine/icme/icme-transport';
async function t(name: string, fn: () => unknown, n = 30000) {
  for (let i = 0; i < n / 3; i++) await fn();
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const s = process.hrtime.bigint();
    for (let i = 0; i < n / 5; i++) await fn();
    runs.push(Number(process.hrtime.bigint() - s) / (n / 5));
  }
  runs.sort((a, b) => a - b);
  console.log(name.padEnd(40), 'min', runs[0]!.toFixed(0), 'med', runs[2]!.toFixed(0), 'ns');
}
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
const transport: IcmeTransport = async () => response();
const client = createIcmeClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1/v1', transport });
const parsed = JSON.parse(JSON.stringify(done));
await t('zod safeParse', () => checkItDoneSchema.safeParse(parsed));
await t('readIcmeStream (in-memory)', () => readIcmeStream(response(), { endpoint: 'checkIt' }));
await t('client.checkIt (in-memory transport)', () => client.checkIt({ policyId: 'p', action: 'approval_token: provided' }));
await t('raw-equivalent: decode+JSON.parse last', async () => { const text = new TextDecoder().decode(bytes); return JSON.parse(text.slice(text.lastIndexOf('data: ') + 6)); });
