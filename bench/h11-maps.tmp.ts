import { createEvaluator } from '@preflight/core';
import { loadBenchPolicies } from './policy-engine/load-bench-policies';
import { generateDecisionInputs } from './policy-engine/decision-inputs';
const same = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const fastp = new Function('a', 'return %HasFastProperties(a)') as (a: object) => boolean;
const ps = await loadBenchPolicies();
for (const p of ps) {
  const ref = createEvaluator(p.ir, { generateCode: false });
  const inputs = generateDecisionInputs(p.ir, { count: 64, isAllowed: (a) => ref.evaluate(a).result === 'SAT' });
  const fe = inputs.map((a) => Object.fromEntries(Object.entries(a)));
  const groups = (xs: object[]) => { const reps: object[] = []; for (const x of xs) if (!reps.some((r) => same(r, x))) reps.push(x); return reps.length; };
  console.log(p.key, 'keyed maps', groups(inputs), 'fast', fastp(inputs[0]!), 'fromEntries maps', groups(fe), fastp(fe[0]!));
}
