import { readFile } from 'node:fs/promises';
import { compilePolicy, type PolicyIR, policyIrSchema } from '@preflight/core';
import { policiesById } from './cedar-engine';
import { generatePolicy } from './generated-policy';

/** A benchmark policy: the IR our evaluator and Z3 use, and the equivalent Cedar policies. */
export type BenchPolicy = {
  key: string;
  ir: PolicyIR;
  /** Cedar policies by id (`permit-all`, `rule-<id>`). */
  cedar: Record<string, string>;
};

/** Rules in the generated policy: ICME's maximum. */
const GENERATED_RULES = 50;

const isoPolicyUrl = new URL('../../examples/iso42001/policy.txt', import.meta.url);
const isoCedarUrl = new URL('./iso42001.cedar', import.meta.url);

/**
 * The policies the benchmark runs on: the ISO 42001 policy compiled from its plain-English text
 * (with the hand-written Cedar next to this file) and the generated 50-rule policy.
 */
export async function loadBenchPolicies(): Promise<BenchPolicy[]> {
  const [isoText, isoCedar] = await Promise.all([
    readFile(isoPolicyUrl, 'utf8'),
    readFile(isoCedarUrl, 'utf8'),
  ]);
  const generated = generatePolicy(GENERATED_RULES);
  return [
    { key: 'iso42001', ir: compilePolicy(isoText).ir, cedar: policiesById(isoCedar) },
    {
      key: `generated-${GENERATED_RULES}`,
      ir: policyIrSchema.parse(generated.ir),
      cedar: generated.cedar,
    },
  ];
}
