import { cpuBench } from './cpu';
const sse = `data: {"step":"1/3","msg":"Analyzing action..."}\n\n: keep-alive\n\ndata: {"step":"2/3","msg":"Extracting values from action..."}\n\n: keep-alive\n\ndata: {"step":"3/3","msg":"Verifying against policy..."}\n\n: keep-alive\n\ndata: ${JSON.stringify({step:'done',result:'SAT', detail: 'Satisfiable', check_id: crypto.randomUUID(), proof_id: crypto.randomUUID()})}\n\n`;
const bytes = new TextEncoder().encode(sse);
const shared = new TextDecoder();
const streaming = new TextDecoder();
await cpuBench({
  'new+stream decode': () => new TextDecoder().decode(bytes, { stream: true }),
  'shared streaming decoder': () => streaming.decode(bytes, { stream: true }),
  'shared non-stream decode': () => shared.decode(bytes),
  'new non-stream decode': () => new TextDecoder().decode(bytes),
  'Buffer toString': () => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
}, { n: 5000, rounds: 9 });
