import { createEvaluator } from '@preflight/core';
import { loadBenchPolicies } from './policy-engine/load-bench-policies';
import { generateDecisionInputs } from './policy-engine/decision-inputs';
import { cycle, measure } from './harness';
const [key, mode, kind] = process.argv.slice(2);
const ps = await loadBenchPolicies();
const p = ps.find((x) => x.key === key)!;
const ref = createEvaluator(p.ir, { generateCode: false });
const inputs = generateDecisionInputs(p.ir, { count: 64, isAllowed: (a) => ref.evaluate(a).result === 'SAT' });
const ins = kind === 'keyed' ? inputs : inputs.map((a) => Object.fromEntries(Object.entries(a)));
const ev = createEvaluator(p.ir, { generateCode: mode === 'gen' });
const next = cycle(ins);
const res: number[] = [];
for (let r = 0; r < 5; r++) {
  const m = measure(() => ev.evaluate(next()).result === 'SAT', { samples: 2000 });
  res.push(m.median_us);
}
console.log(key, mode, kind, res.map((x) => x.toFixed(3)).join(' '));
