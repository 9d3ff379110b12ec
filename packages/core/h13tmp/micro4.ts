import { z } from 'zod';
import { createParser } from 'eventsource-parser';
import { checkItDoneSchema } from '../src/engine/icme/icme-schemas';
function t(name: string, fn: () => unknown, n = 100000) {
  for (let i = 0; i < n / 4; i++) fn();
  const s = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  console.log(name.padEnd(40), (Number(process.hrtime.bigint() - s) / n).toFixed(0), 'ns');
}
const done = { step: 'done', check_id: crypto.randomUUID(), verification_time_ms: 0, proof_id: crypto.randomUUID(), proof_url: '/v1/proof/x', result: 'SAT', detail: 'Satisfiable', z3_result: 'SAT', ar_result: 'SAT', llm_result: 'SAT' };
const doneText = JSON.stringify(done);
const str = z.string().nullish();
const shape = { check_id: str, result: str, detail: str, z3_result: str, ar_result: str, ar_detail: str, llm_result: str,
  extracted: z.record(z.string(), z.unknown()).nullish(), verification_time_ms: z.union([z.number(), z.string()]).nullish(),
  duration_ms: z.union([z.number(), z.string()]).nullish(), proof_id: str, zk_proof_id: str, proof_url: str, zk_proof_url: str };
const loose = z.looseObject(shape);
const strict = z.object(shape);
const str2 = z.string().optional().nullable();
const parsed = JSON.parse(doneText);
t('current schema', () => checkItDoneSchema.safeParse(parsed));
t('looseObject no transform', () => loose.safeParse(parsed));
t('object (strip) no transform', () => strict.safeParse(parsed));
t('looseObject jitless', () => loose.safeParse(parsed, { jitless: true } as never));
t('JSON.parse', () => JSON.parse(doneText));
const sse = `data: {"step":"1/3","msg":"Analyzing action..."}\n\n: keep-alive\n\ndata: {"step":"2/3","msg":"Extracting values from action..."}\n\n: keep-alive\n\ndata: {"step":"3/3","msg":"Verifying against policy..."}\n\n: keep-alive\n\ndata: ${doneText}\n\n`;
const bytes = new TextEncoder().encode(sse);
const dec = new TextDecoder();
t('TextDecoder decode stream', () => dec.decode(bytes, { stream: true }));
t('Buffer utf8 toString', () => Buffer.prototype.utf8Slice ? (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as any).utf8Slice(0, bytes.length) : 0);
t('parser.feed no json', () => { const p = createParser({ onEvent: () => {} }); p.feed(sse); });
t('parser.feed + json', () => { const p = createParser({ onEvent: (e) => JSON.parse(e.data) }); p.feed(sse); });
console.log(Object.keys(checkItDoneSchema.parse({ zz: 1, ...done }).raw));
