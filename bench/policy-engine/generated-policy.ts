import type { Expr, PolicyIRInput, Rule, Variable } from '@preflight/core';
import { exprToCedar } from './ir-to-cedar';
import { createRandom } from './seeded-random';

/** A generated benchmark policy, written twice: as policy IR and as Cedar. */
export type GeneratedPolicy = {
  ir: PolicyIRInput;
  /** Cedar policies by id: `permit-all` plus one `rule-<id>` forbid per IR rule. */
  cedar: Record<string, string>;
};

const verbs = ['transfer', 'modify', 'delete', 'export', 'read', 'create', 'pay', 'call'];
const things = ['invoice', 'contract', 'patient_record', 'payment_file', 'report', 'dataset'];
const tokens = ['approval_token', 'manager_token', 'audit_token', 'security_token', 'legal_token'];
const qualifiers = ['destination_external', 'containing_pii', 'bulk_request', 'after_hours'];
const attributes: Record<string, string[]> = {
  classification: ['restricted', 'confidential', 'internal'],
  region: ['eu', 'us', 'apac'],
  sensitivity: ['high', 'medium'],
};
const units = ['record', 'file', 'email', 'row'];
const amounts = ['payment_amount', 'refund_amount', 'credit_amount'];
const lists = [
  { subject: 'vendor', list: 'approved vendor' },
  { subject: 'destination', list: 'approved BAA' },
];
const conditions = ['dual_approval', 'documented_human_review_step'];

type RuleSpec = { shape: Rule['shape']; trigger: Expr[]; exception: string | null; text: string };

/**
 * Generates `ruleCount` rules in the shapes of the controlled-English grammar (unless-provided,
 * count-limit, attribute, amount-without, list, without, requires-also) over shared variables, as
 * IR and as an equivalent Cedar policy set: every rule is
 * `forbid (principal, action, resource) when { <trigger> } unless { context.<exception> };`
 * next to a `permit` for everything, so Cedar allows exactly when no rule is violated.
 */
export function generatePolicy(ruleCount: number, seed = 42): GeneratedPolicy {
  const random = createRandom(seed);
  const variables = new Map<string, Variable>();
  const counters: NonNullable<PolicyIRInput['counters']> = [];
  const specs: RuleSpec[] = [];
  const declare = (variable: Variable) => {
    if (!variables.has(variable.name)) variables.set(variable.name, variable);
    return { op: 'var', name: variable.name } as const;
  };
  const bool = (name: string, role: Variable['role']) =>
    declare({ name, type: 'bool', role, description: name.replaceAll('_', ' '), vocabulary: {} });
  const activity = () => {
    const verb = random.pick(verbs);
    const thing = random.pick(things);
    return {
      expr: bool(`${verb}_${thing}`, 'activity'),
      words: `${verb} ${thing.replaceAll('_', ' ')}s`,
    };
  };

  while (specs.length < ruleCount) {
    const kind = random.int(0, 9);
    const token = random.pick(tokens);
    const { expr: act, words } = activity();
    if (kind <= 2) {
      const qualifier = random.pick(qualifiers);
      const q = bool(qualifier, 'qualifier');
      const text = `Do not ${words} (${qualifier.replaceAll('_', ' ')}) unless ${token} is provided.`;
      specs.push({ shape: 'unless-provided', trigger: [act, q], exception: token, text });
    } else if (kind === 3) {
      const unit = random.pick(units);
      const limit = random.int(1, 100);
      declareCounter(declare, counters, unit);
      const trigger: Expr = { op: 'cmp', name: `session_${unit}_count`, cmp: '>', value: limit };
      const text = `Do not process more than ${limit} ${unit}s in a single agent session unless ${token} is provided.`;
      specs.push({ shape: 'count-limit', trigger: [trigger], exception: token, text });
    } else if (kind <= 5) {
      const [attribute, values] = random.pick(Object.entries(attributes));
      declare({
        name: attribute,
        type: 'enum',
        role: 'attribute',
        description: attribute,
        values,
        vocabulary: {},
      });
      const chosen = values.filter(() => random.chance(0.5));
      const inValues = chosen.length > 0 ? chosen : [values[0]!];
      const trigger: Expr = { op: 'in', name: attribute, values: inValues };
      const text = `Do not ${words} with ${attribute} ${inValues.map((v) => `"${v}"`).join(' or ')} unless ${token} is provided.`;
      specs.push({ shape: 'attribute', trigger: [act, trigger], exception: token, text });
    } else if (kind === 6) {
      const amount = random.pick(amounts);
      const limit = random.int(1, 50) * 500;
      declare({
        name: amount,
        type: 'real',
        min: 0,
        role: 'amount',
        description: amount,
        vocabulary: {},
      });
      const condition = random.pick(conditions);
      bool(condition, 'condition');
      const trigger: Expr = { op: 'cmp', name: amount, cmp: '>', value: limit };
      const text = `Do not ${words} above $${limit} without ${condition.replaceAll('_', ' ')}.`;
      specs.push({ shape: 'amount-without', trigger: [act, trigger], exception: condition, text });
    } else if (kind === 7) {
      const { subject, list } = random.pick(lists);
      const key = list.toLowerCase().replaceAll(' ', '_');
      const membership = bool(`${subject}_on_${key}_list`, 'membership');
      const trigger: Expr = { op: 'not', arg: membership };
      const text = `Do not ${words} to a ${subject} not on the ${list} list.`;
      specs.push({ shape: 'list', trigger: [act, trigger], exception: null, text });
    } else if (kind === 8) {
      const condition = random.pick(conditions);
      bool(condition, 'condition');
      const text = `Do not ${words} without ${condition.replaceAll('_', ' ')}.`;
      specs.push({ shape: 'without', trigger: [act], exception: condition, text });
    } else {
      const requiring = specs.filter((spec) => spec.exception === token);
      if (requiring.length === 0) continue;
      const also = random.pick(tokens.filter((other) => other !== token));
      bool(also, 'permission');
      const trigger: Expr = { op: 'or', args: requiring.map((spec) => and(spec.trigger)) };
      const text = `Every action that requires ${token} must also include ${also}.`;
      specs.push({ shape: 'requires-also', trigger: [trigger], exception: also, text });
    }
    const last = specs.at(-1)!;
    if (last.exception) bool(last.exception, last.shape === 'without' ? 'condition' : 'permission');
  }

  const rules = specs.map((spec, index) => toRule(spec, index + 1));
  const cedar: Record<string, string> = { 'permit-all': 'permit (principal, action, resource);' };
  for (const [index, spec] of specs.entries()) {
    const unless = spec.exception ? ` unless { context.${spec.exception} }` : '';
    cedar[`rule-${index + 1}`] =
      `forbid (principal, action, resource) when { ${exprToCedar(and(spec.trigger), variables)} }${unless};`;
  }
  const ir: PolicyIRInput = {
    version: 'v1',
    rules,
    variables: [...variables.values()],
    counters,
    warnings: [],
  };
  return { ir, cedar };
}

function and(args: Expr[]): Expr {
  return args.length === 1 ? args[0]! : { op: 'and', args };
}

function toRule(spec: RuleSpec, id: number): Rule {
  const notException: Expr[] = spec.exception
    ? [{ op: 'not', arg: { op: 'var', name: spec.exception } }]
    : [];
  return {
    id,
    text: spec.text,
    shape: spec.shape,
    violation: and([...spec.trigger, ...notException]),
    exceptions: spec.exception ? [spec.exception] : [],
  };
}

function declareCounter(
  declare: (variable: Variable) => unknown,
  counters: NonNullable<PolicyIRInput['counters']>,
  unit: string,
) {
  const actionVariable = `${unit}_count`;
  const sessionVariable = `session_${unit}_count`;
  if (counters.some((counter) => counter.unit === unit)) return;
  counters.push({ unit, actionVariable, sessionVariable });
  for (const name of [actionVariable, sessionVariable]) {
    declare({
      name,
      type: 'int',
      min: 0,
      role: 'counter',
      description: name,
      vocabulary: { unit },
    });
  }
}
