import { EventEmitter } from 'node:events';
import { createParser } from 'eventsource-parser';
import { checkItDoneSchema } from '../src/engine/icme/icme-schemas';
function t(name: string, fn: () => unknown, n = 200000) {
  for (let i = 0; i < n / 4; i++) fn();
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(name.padEnd(40), (Number(process.hrtime.bigint() - s) / n).toFixed(0), 'ns');
}
const done = { step: 'done', check_id: crypto.randomUUID(), verification_time_ms: 0, proof_id: crypto.randomUUID(), proof_url: '/v1/proof/x', result: 'SAT', detail: 'Satisfiable', z3_result: 'SAT', ar_result: 'SAT', llm_result: 'SAT' };
const doneText = JSON.stringify(done);
const l = () => {};
t('new AbortController', () => new AbortController());
t('AC + add/remove listener', () => { const c = new AbortController(); c.signal.addEventListener('abort', l, { once: true }); c.signal.removeEventListener('abort', l); });
t('EventEmitter once/remove', () => { const c = new EventEmitter(); c.once('abort', l); c.removeListener('abort', l); });
t('setTimeout+clear', () => clearTimeout(setTimeout(l, 120000)));
t('new URL', () => new URL('http://127.0.0.1:12345/v1/checkIt'));
t('new TextDecoder', () => new TextDecoder());
t('createParser', () => createParser({ onEvent: l }));
t('JSON.parse done', () => JSON.parse(doneText));
t('JSON.stringify body', () => JSON.stringify({ policy_id: 'bench-policy', action: 'approval_token: provided' }));
const parsed = JSON.parse(doneText);
t('zod safeParse done', () => checkItDoneSchema.safeParse(parsed));
const sse = `data: {"step":"1/3","msg":"Analyzing action..."}\n\n: keep-alive\n\ndata: {"step":"2/3","msg":"Extracting values from action..."}\n\n: keep-alive\n\ndata: {"step":"3/3","msg":"Verifying against policy..."}\n\n: keep-alive\n\ndata: ${doneText}\n\n`;
const bytes = new TextEncoder().encode(sse);
t('decode+parser.feed whole', () => { const p = createParser({ onEvent: (e) => JSON.parse(e.data) }); p.feed(new TextDecoder().decode(bytes, { stream: true })); });
t('Buffer toString', () => Buffer.from(bytes.buffer).toString('utf8'));
