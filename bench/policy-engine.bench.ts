/**
 * Policy-engine benchmark: the embedded evaluator per decision against, in the same run and on
 * the same fully assigned inputs, Z3 (one check per decision on the SMT-LIB our emitter writes)
 * and Cedar-wasm 4 (an equivalent Cedar policy, preparsed, `statefulIsAuthorized`).
 * Policies: the ISO 42001 policy compiled from examples/iso42001/policy.txt, and a generated
 * 50-rule policy written both as IR and as Cedar.
 */
import {
  type Assignment,
  createEvaluator,
  type Evaluator,
  type PolicyIR,
  type Value,
} from '@preflight/core';
import {
  type BenchContext,
  type BenchRow,
  cycle,
  type Measurement,
  measure,
  measureAsync,
} from './harness';
import { cedarVersion, createCedarEngine } from './policy-engine/cedar-engine';
import { checkAgreement, type PreparedInput } from './policy-engine/check-agreement';
import { generateDecisionInputs } from './policy-engine/decision-inputs';
import { type BenchPolicy, loadBenchPolicies } from './policy-engine/load-bench-policies';
import { createZ3Engine, openZ3, type Z3Session } from './policy-engine/z3-engine';

/** The targets: at least 10,000x faster than a Z3 check, 10x faster than Cedar-wasm. */
const Z3_TARGET = { maxRatio: 1 / 10_000, label: '>= 10,000x faster than Z3' };
const CEDAR_TARGET = { maxRatio: 1 / 10, label: '>= 10x faster than Cedar-wasm' };

/** Decision inputs per policy, half allowed and half denied. */
const INPUT_COUNT = 64;

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const policies = await loadBenchPolicies();
  ctx.log(`  cedar-wasm ${cedarVersion()}; loading z3-solver...`);
  const z3 = await openZ3();
  try {
    const rows: BenchRow[] = [];
    for (const policy of policies) rows.push(...(await benchPolicy(policy, z3, ctx)));
    return rows;
  } finally {
    await z3.close();
  }
}

/**
 * Warm-up before each in-process measurement: V8 compiles the evaluator's generated code (and
 * Cedar's wasm) with its optimising compiler on a background thread, which takes a few hundred
 * milliseconds on a loaded machine; timing before that would time the interpreter.
 */
const WARMUP_MS = 1000;

async function benchPolicy(
  { key, ir, cedar: cedarPolicies }: BenchPolicy,
  z3Session: Z3Session,
  ctx: BenchContext,
): Promise<BenchRow[]> {
  const evaluator = createEvaluator(ir);
  const closures = createEvaluator(ir, { generateCode: false });
  const cedar = createCedarEngine(`bench-${key}`, cedarPolicies, ir.variables);
  const z3 = createZ3Engine(z3Session, ir);
  const assignments = decisionInputs(ir, (assignment) => cedar.decide(cedar.request(assignment)));
  const inputs: PreparedInput[] = assignments.map((assignment) => ({
    assignment,
    cedar: cedar.request(assignment),
    z3: z3.prepare(assignment),
  }));
  const mix = await checkAgreement(key, inputs, { evaluator, cedar, z3 });
  for (const assignment of assignments) {
    const ours = JSON.stringify(evaluator.evaluate(assignment));
    if (JSON.stringify(closures.evaluate(assignment)) !== ours) {
      throw new Error(
        `${key}: generated code and closures disagree on ${JSON.stringify(assignment)}`,
      );
    }
  }
  ctx.log(
    `  ${key}: ${ir.rules.length} rules, ${ir.variables.length} variables, ` +
      `${inputs.length} inputs (${mix.allowed} allowed, ${mix.denied} denied): all engines agree`,
  );

  const scaled = (samples: number) => Math.max(5, Math.round(samples * ctx.scale));
  const timeEvaluator = (target: Evaluator, given: readonly Assignment[]) => {
    const next = cycle(given);
    return measure(() => target.evaluate(next()).result === 'SAT', {
      samples: scaled(5000),
      warmupMs: WARMUP_MS,
    });
  };
  const ours = timeEvaluator(evaluator, assignments);
  ctx.log(`  ${key}: evaluator ${ours.median_us.toFixed(3)} µs`);
  const oursClosures = timeEvaluator(closures, assignments);
  ctx.log(`  ${key}: evaluator without code generation ${oursClosures.median_us.toFixed(3)} µs`);
  const oursDictionary = timeEvaluator(evaluator, assignments.map(dictionaryMode));
  ctx.log(
    `  ${key}: evaluator, dictionary-mode assignments ${oursDictionary.median_us.toFixed(3)} µs`,
  );
  const cedarRequests = cycle(inputs.map((input) => input.cedar));
  const cedarTime = measure(() => cedar.isAllowed(cedarRequests()), {
    samples: scaled(3000),
    warmupMs: WARMUP_MS,
  });
  ctx.log(`  ${key}: cedar-wasm ${cedarTime.median_us.toFixed(1)} µs`);
  const z3Decisions = cycle(inputs.map((input) => input.z3));
  const z3Assuming = await measureAsync(() => z3.checkAssuming(z3Decisions()), {
    samples: scaled(200),
    warmupMs: 300,
  });
  ctx.log(`  ${key}: z3 check ${z3Assuming.median_us.toFixed(0)} µs`);
  const z3PushPop = await measureAsync(() => z3.checkPushPop(z3Decisions()), {
    samples: scaled(100),
    warmupMs: 300,
  });
  ctx.log(`  ${key}: z3 push/assert/check/pop ${z3PushPop.median_us.toFixed(0)} µs`);

  const prefix = `policy-engine/${key}`;
  const z3Name = `${prefix}/z3 check (assignment as assumptions)`;
  const cedarName = `${prefix}/cedar-wasm statefulIsAuthorized`;
  return [
    row(z3Name, z3Assuming, null),
    row(`${prefix}/z3 push+assert+check+pop`, z3PushPop, null),
    row(cedarName, cedarTime, null),
    row(`${prefix}/evaluator (vs z3)`, ours, z3Name, Z3_TARGET),
    row(`${prefix}/evaluator (vs cedar)`, ours, cedarName, CEDAR_TARGET),
    // Informational: the fallback where `new Function` is forbidden, and the same assignments
    // as objects that V8 keeps as hash tables.
    row(`${prefix}/evaluator without code generation (vs cedar)`, oursClosures, cedarName),
    row(`${prefix}/evaluator, dictionary-mode assignments (vs z3)`, oursDictionary, z3Name),
    row(`${prefix}/evaluator, dictionary-mode assignments (vs cedar)`, oursDictionary, cedarName),
  ];
}

/**
 * The decision inputs, as plain objects with V8's fast properties: the layout an object literal,
 * a spread or `JSON.parse` (an assignment received as JSON) gives, and the one a program that
 * builds many assignments alike keeps.
 */
function decisionInputs(
  ir: PolicyIR,
  cedarDecide: (assignment: Assignment) => { allowed: boolean },
): Assignment[] {
  // Cedar labels the candidates only to balance the mix; checkAgreement then holds every engine
  // to the same answers.
  return generateDecisionInputs(ir, {
    count: INPUT_COUNT,
    isAllowed: (assignment) => cedarDecide(assignment).allowed,
  }).map((assignment) => JSON.parse(JSON.stringify(assignment)) as Assignment);
}

/**
 * The same assignment as an object V8 keeps as a hash table ("dictionary mode") instead of with
 * fast properties: what a `delete` does to an object, and what adding many keys one by one to
 * `{}` can do when no earlier object took the same path. Every read is then a hash lookup and
 * enumerating the keys (to reject names the policy lacks) allocates and sorts them.
 */
function dictionaryMode(assignment: Assignment): Assignment {
  const copy: Record<string, Value> = { ...assignment };
  // Deleting a property other than the last one added turns the object into a hash table.
  const [first] = Object.keys(copy);
  if (first !== undefined) {
    const value = copy[first] as Value;
    delete copy[first];
    copy[first] = value;
  }
  return copy;
}

function row(
  name: string,
  measurement: Measurement,
  baseline: string | null,
  target?: BenchRow['target'],
): BenchRow {
  const { median_us, p99_us, batch, samples } = measurement;
  return { name, median_us, p99_us, baseline, batch, samples, ...(target ? { target } : {}) };
}
