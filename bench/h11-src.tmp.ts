import { loadBenchPolicies } from './policy-engine/load-bench-policies';
import { buildDomains } from '../packages/core/src/evaluator/variable-domain';
import { loaderSource } from '../packages/core/src/evaluator/loader-source';
import { rulesSource } from '../packages/core/src/evaluator/rules-source';
const ps = await loadBenchPolicies();
const p = ps.find((x) => x.key === process.argv[2])!;
const d = buildDomains(p.ir);
console.log(loaderSource([...d.values()]).body);
console.log(rulesSource(p.ir, d).body);
