import { createEvaluator } from '@preflight/core';
import { loadBenchPolicies } from './policy-engine/load-bench-policies';
import { generateDecisionInputs } from './policy-engine/decision-inputs';
import { buildDomains } from '../packages/core/src/evaluator/variable-domain';
import { generateFastPath } from '../packages/core/src/evaluator/generate-fast-path';
import { cycle, measure } from './harness';
const [key, kind, nIn, what] = process.argv.slice(2);
const ps = await loadBenchPolicies();
const p = ps.find((x) => x.key === key)!;
const ref = createEvaluator(p.ir, { generateCode: false });
const inputs = generateDecisionInputs(p.ir, { count: 64, isAllowed: (a) => ref.evaluate(a).result === 'SAT' }).slice(0, Number(nIn));
let ins = kind === 'keyed' ? inputs : inputs.map((a) => Object.fromEntries(Object.entries(a)));
if (process.env.ONLY) ins = ins.filter((a) => (ref.evaluate(a).result === 'SAT') === (process.env.ONLY === 'sat'));
const dm = buildDomains(p.ir);
const domains = [...dm.values()];
const memory = { state: new Int32Array(domains.length), known: new Uint8Array(domains.length) };
const status = new Uint8Array(p.ir.rules.length);
const fast = generateFastPath(p.ir, dm, domains, memory, status, new Int32Array(2), { invalid: () => { throw new Error('x'); }, unknownNames: () => { throw new Error('y'); } })!;
const next = cycle(ins);
const ev = createEvaluator(p.ir);
const fns: Record<string, () => unknown> = {
  load: () => fast.load(next()),
  rules: () => fast.rules(),
  both: () => { fast.load(next()); return fast.rules(); },
  evaluate: () => ev.evaluate(next()).result === 'SAT',
};
const fn = fns[what!]!;
const out: string[] = [];
for (let r = 0; r < 4; r++) out.push(measure(fn, { samples: 2000, warmupMs: 1000 }).median_us.toFixed(3));
console.log(key, kind, nIn, what, out.join(' | '));
