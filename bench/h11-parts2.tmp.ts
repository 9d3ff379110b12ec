import { createEvaluator } from '@preflight/core';
import { loadBenchPolicies } from './policy-engine/load-bench-policies';
import { generateDecisionInputs } from './policy-engine/decision-inputs';
import { cycle, measure } from './harness';
const [key, kind, nIn, gen] = process.argv.slice(2);
const ps = await loadBenchPolicies();
const p = ps.find((x) => x.key === key)!;
const ref = createEvaluator(p.ir, { generateCode: false });
const inputs = generateDecisionInputs(p.ir, { count: 64, isAllowed: (a) => ref.evaluate(a).result === 'SAT' }).slice(0, Number(nIn));
const ins = kind === 'keyed' ? inputs : inputs.map((a) => Object.fromEntries(Object.entries(a)));
const next = cycle(ins);
const ev = createEvaluator(p.ir, { generateCode: gen !== 'clos' });
const out: string[] = [];
for (let r = 0; r < 4; r++) {
  out.push(measure(() => ev.evaluate(next()).result === 'SAT', { samples: 2000, warmupMs: 1000 }).median_us.toFixed(3));
}
console.log(key, kind, nIn, gen, out.join(' | '));
