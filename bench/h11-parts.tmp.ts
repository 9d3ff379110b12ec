import { createEvaluator } from '@preflight/core';
import { loadBenchPolicies } from './policy-engine/load-bench-policies';
import { generateDecisionInputs } from './policy-engine/decision-inputs';
import { buildDomains } from '../packages/core/src/evaluator/variable-domain';
import { generateFastPath } from '../packages/core/src/evaluator/generate-fast-path';
import { cycle, measure } from './harness';
const [key, kind] = process.argv.slice(2);
const ps = await loadBenchPolicies();
const p = ps.find((x) => x.key === key)!;
const ref = createEvaluator(p.ir, { generateCode: false });
const inputs = generateDecisionInputs(p.ir, { count: 64, isAllowed: (a) => ref.evaluate(a).result === 'SAT' });
const ins = kind === 'keyed' ? inputs : inputs.map((a) => Object.fromEntries(Object.entries(a)));
const dm = buildDomains(p.ir);
const domains = [...dm.values()];
const memory = { state: new Int32Array(domains.length), known: new Uint8Array(domains.length) };
const status = new Uint8Array(p.ir.rules.length);
const fast = generateFastPath(p.ir, dm, domains, memory, status, { invalid: () => { throw new Error('x'); }, unknownNames: () => { throw new Error('y'); } })!;
const next = cycle(ins);
const ev = createEvaluator(p.ir);
const out: string[] = [];
for (let r = 0; r < 4; r++) {
  out.push('load ' + measure(() => fast.load(next()), { samples: 2000, warmupMs: 1000 }).median_us.toFixed(3));
  out.push('rules ' + measure(() => fast.rules(), { samples: 2000, warmupMs: 1000 }).median_us.toFixed(3));
  out.push('load+rules ' + measure(() => { fast.load(next()); return fast.rules(); }, { samples: 2000, warmupMs: 1000 }).median_us.toFixed(3));
  out.push('evaluate ' + measure(() => ev.evaluate(next()).result === 'SAT', { samples: 2000, warmupMs: 1000 }).median_us.toFixed(3));
}
console.log(key, kind, out.join(' | '));
