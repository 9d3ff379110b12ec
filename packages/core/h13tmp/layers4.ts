import { createParser } from 'eventsource-parser';
import { cpuBench } from './cpu';
const done = { step: 'done', check_id: crypto.randomUUID(), verification_time_ms: 0, proof_id: crypto.randomUUID(), proof_url: '/v1/proof/x', result: 'SAT', detail: 'Satisfiable', z3_result: 'SAT', ar_result: 'SAT', llm_result: 'SAT' };
const sse = `data: {"step":"1/3","msg":"Analyzing action..."}\n\n: keep-alive\n\ndata: {"step":"2/3","msg":"Extracting values from action..."}\n\n: keep-alive\n\ndata: {"step":"3/3","msg":"Verifying against policy..."}\n\n: keep-alive\n\ndata: ${JSON.stringify(done)}\n\n`;
const bytes = new TextEncoder().encode(sse);
const p1 = '{"step":"1/3","msg":"Analyzing action..."}';
const dt = JSON.stringify(done);
const noop = () => {};
await cpuBench({
  'TextDecoder new+decode': () => new TextDecoder().decode(bytes, { stream: true }),
  'createParser+feed (noop)': () => { const p = createParser({ onEvent: noop }); p.feed(sse); },
  'createParser+feed+parse all': () => { const p = createParser({ onEvent: (e) => JSON.parse(e.data) }); p.feed(sse); },
  'JSON.parse progress': () => JSON.parse(p1),
  'JSON.parse done': () => JSON.parse(dt),
  'regex test progress': () => /done|error|\\/i.test(p1),
  'timer 20ms race': async () => { let t; const g = new Promise<void>((r) => { t = setTimeout(r, 20); }); await Promise.race([Promise.resolve(), g]); clearTimeout(t); },
  'async iife': async () => { await (async () => { return 1; })(); },
}, { n: 3000, rounds: 11 });
