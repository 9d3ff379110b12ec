import { createEvaluator } from '@preflight/core';
import { writeFileSync } from 'node:fs';
import { loadBenchPolicies } from './policy-engine/load-bench-policies';
import { generateDecisionInputs } from './policy-engine/decision-inputs';
import { buildDomains } from '../packages/core/src/evaluator/variable-domain';
import { loaderSource } from '../packages/core/src/evaluator/loader-source';
import { rulesSource } from '../packages/core/src/evaluator/rules-source';
const ps = await loadBenchPolicies();
for (const p of ps) {
  const ref = createEvaluator(p.ir, { generateCode: false });
  const inputs = generateDecisionInputs(p.ir, { count: 64, isAllowed: (a) => ref.evaluate(a).result === 'SAT' });
  const d = buildDomains(p.ir);
  const l = loaderSource([...d.values()]);
  const r = rulesSource(p.ir, d, true);
  writeFileSync(`/tmp/h11/${p.key}.json`, JSON.stringify({ loader: l.body, rules: r.body, tables: r.tables.map((t) => [...t]), n: d.size, nr: p.ir.rules.length, inputs }));
}
