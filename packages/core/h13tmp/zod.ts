import { z } from 'zod';
import { checkItDoneSchema } from '../src/engine/icme/icme-schemas';
import { cpuBench } from './cpu';
const done = JSON.parse(JSON.stringify({ step: 'done', check_id: crypto.randomUUID(), verification_time_ms: 0, proof_id: crypto.randomUUID(), proof_url: '/v1/proof/x', result: 'SAT', detail: 'Satisfiable', z3_result: 'SAT', ar_result: 'SAT', llm_result: 'SAT' }));
const str = z.string().nullish();
const shape = { check_id: str, result: str, detail: str, z3_result: str, ar_result: str, ar_detail: str, llm_result: str,
  extracted: z.record(z.string(), z.unknown()).nullish(), verification_time_ms: z.union([z.number(), z.string()]).nullish(),
  duration_ms: z.union([z.number(), z.string()]).nullish(), proof_id: str, zk_proof_id: str, proof_url: str, zk_proof_url: str };
const loose = z.looseObject(shape);
const strip = z.object(shape);
const opt = z.string().or(z.null()).optional();
const shape2 = Object.fromEntries(Object.keys(shape).map((k) => [k, (shape as any)[k] === str ? opt : (shape as any)[k]]));
const strip2 = z.object(shape2);
const loose2 = z.looseObject(shape2);
const manual = (raw: any) => ({ checkId: raw.check_id ?? undefined, result: raw.result ?? undefined, detail: raw.detail ?? undefined, z3Result: raw.z3_result ?? undefined, arResult: raw.ar_result ?? undefined, arDetail: raw.ar_detail ?? undefined, llmResult: raw.llm_result ?? undefined, extracted: raw.extracted ?? undefined, verificationTimeMs: raw.verification_time_ms, proofId: raw.proof_id ?? raw.zk_proof_id ?? undefined, proofUrl: raw.proof_url ?? raw.zk_proof_url ?? undefined, raw });
await cpuBench({
  'current': () => checkItDoneSchema.safeParse(done),
  'loose no transform': () => loose.safeParse(done),
  'strip no transform': () => strip.safeParse(done),
  'strip + manual': () => { const r = strip.safeParse(done); return r.success ? manual(done) : r; },
  'strip2 (or null optional)': () => strip2.safeParse(done),
  'loose2': () => loose2.safeParse(done),
  'manual only': () => manual(done),
}, { n: 20000, rounds: 11 });
