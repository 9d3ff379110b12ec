import { createEvaluator } from './src/evaluator';
import { compilePolicy, type PolicyIR } from './src/policy';
import { isoPolicyText, seedAssignments } from './src/evaluator/__fixtures__/iso42001-compiled';
function time(label: string, ir: PolicyIR, assignments: Record<string, unknown>[]) {
  const ev = createEvaluator(ir);
  const n = 200_000;
  for (let i = 0; i < 50_000; i++) ev.evaluate(assignments[i % assignments.length] as never);
  const samples: number[] = [];
  for (let r = 0; r < 20; r++) {
    const t = process.cpuUsage();
    for (let i = 0; i < n / 20; i++) ev.evaluate(assignments[i % assignments.length] as never);
    { const u = process.cpuUsage(t); samples.push(((u.user + u.system) * 1000) / (n / 20)); }
  }
  samples.sort((a, b) => a - b);
  console.log(label.padEnd(48), 'median', samples[10]?.toFixed(0), 'ns  min', samples[0]?.toFixed(0), 'ns ', ev.evaluate(assignments[0] as never).result);
}
const { ir } = compilePolicy(isoPolicyText);
const seeds = seedAssignments(ir).map((s) => s.assignment);
time('iso: seed actions', ir, seeds);
const partial = { ...seeds[2], approver_id: undefined } as never;
time('iso: seed 3 minus approver_id (SATISFIABLE)', ir, [partial]);
const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa'];
const lines: string[] = [];
for (const [k, w] of words.entries()) {
  const n = 5 * k;
  lines.push(`${n + 1}. Do not transfer ${w} files to an external destination unless a ${w}_token is provided in the action.`);
  lines.push(`${n + 2}. Do not modify ${w} tables unless a ${w}_token is provided in the action.`);
  lines.push(`${n + 3}. Do not process more than ${10 + k} ${w}_rows in a single agent session unless a ${w}_reauth is provided.`);
  lines.push(`${n + 4}. Do not access ${w} documents with ${w}_level "secret" or "private" unless a ${w}_approval is provided in the action.`);
  lines.push(`${n + 5}. Every action that requires a ${w}_token must also include a ${w}_approver.`);
}
const big = compilePolicy(lines.join('\n'), { maxCharacters: 100_000 }).ir;
const full: Record<string, unknown> = {};
for (const v of big.variables) full[v.name] = v.type === 'bool' ? false : v.type === 'enum' ? 'public' : 3;
time(`50 rules/${big.variables.length} vars: all assigned (SAT)`, big, [full]);
const mostly = { ...full }; delete mostly[big.variables[3]!.name]; delete mostly[big.variables[12]!.name];
time('50 rules: all but 2 assigned', big, [mostly]);
time('50 rules: all assigned, violating', big, [{ ...full, [big.variables[0]!.name]: true, [big.variables[1]!.name]: true }]);
const few: Record<string, unknown> = {};
for (const v of big.variables.slice(0, 12)) few[v.name] = full[v.name];
time('50 rules: 12 assigned, rest unknown', big, [few]);
import { buildDomains } from './src/evaluator/variable-domain';
import { loadAssignment } from './src/evaluator/load-assignment';
{
  const d = buildDomains(big);
  const mem = { state: new Int32Array(big.variables.length), known: new Uint8Array(big.variables.length) };
  for (let i = 0; i < 50000; i++) loadAssignment(full as never, d, mem);
  const t = process.cpuUsage();
  for (let i = 0; i < 100000; i++) loadAssignment(full as never, d, mem);
  const u = process.cpuUsage(t);
  console.log('load only 91 vars ns', ((u.user + u.system) * 1000) / 100000);
  const lit = Object.fromEntries(Object.entries(full));
  const t2 = process.cpuUsage();
  let c = 0;
  for (let i = 0; i < 100000; i++) for (const k in lit) c++;
  const u2 = process.cpuUsage(t2);
  console.log('for-in only ns', ((u2.user + u2.system) * 1000) / 100000, c);
}
