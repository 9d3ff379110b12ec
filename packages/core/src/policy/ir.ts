import { z } from 'zod';

/**
 * The policy IR: what the controlled-English compiler produces and what the evaluator, the
 * SMT-LIB emitter, the action text extractor and the guard consume. JSON-serialisable,
 * validated with zod at every boundary, and hashed (see `policyHash`) to give the policy version.
 *
 * A rule is a *prohibition*: it is violated exactly when its `violation` expression is true.
 * An action is allowed when no rule is violated.
 */

/** Identifier of a policy variable: lowercase snake case, safe as an SMT-LIB symbol. */
export const variableNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'variable names are lowercase snake_case');

export const comparisonSchema = z.enum(['>', '>=', '<', '<=', '=']);
export type Comparison = z.infer<typeof comparisonSchema>;

export type Expr =
  | { op: 'true' }
  | { op: 'false' }
  /** A bool variable is true. */
  | { op: 'var'; name: string }
  | { op: 'not'; arg: Expr }
  | { op: 'and'; args: Expr[] }
  | { op: 'or'; args: Expr[] }
  /** An int or real variable compared with a constant. */
  | { op: 'cmp'; name: string; cmp: Comparison; value: number }
  /** An enum variable takes one of the listed values. */
  | { op: 'in'; name: string; values: string[] };

export const exprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.object({ op: z.literal('true') }).strict(),
    z.object({ op: z.literal('false') }).strict(),
    z.object({ op: z.literal('var'), name: variableNameSchema }).strict(),
    z.object({ op: z.literal('not'), arg: exprSchema }).strict(),
    z.object({ op: z.literal('and'), args: z.array(exprSchema).min(1) }).strict(),
    z.object({ op: z.literal('or'), args: z.array(exprSchema).min(1) }).strict(),
    z
      .object({
        op: z.literal('cmp'),
        name: variableNameSchema,
        cmp: comparisonSchema,
        value: z.number().finite(),
      })
      .strict(),
    z
      .object({ op: z.literal('in'), name: variableNameSchema, values: z.array(z.string()).min(1) })
      .strict(),
  ]),
);

/**
 * What a variable stands for. `permission` variables (tokens, approver ids) grant permission and
 * are read from the app's trusted context, never from model-written tool args by default.
 */
export const variableRoleSchema = z.enum([
  'activity', // the action performs an activity on a thing (bool)
  'qualifier', // a property of the thing or the action (bool): external destination, containing PHI
  'attribute', // a named attribute of the thing with quoted values (enum)
  'counter', // a count of units (int), per action or per session
  'amount', // a money amount (real)
  'membership', // a value is on a named list (bool), computed from list data
  'permission', // a token or approver id is provided (bool)
  'condition', // a documented step or recorded condition is present (bool)
]);
export type VariableRole = z.infer<typeof variableRoleSchema>;

const variableBase = {
  name: variableNameSchema,
  description: z.string(),
  role: variableRoleSchema,
  /** Words that name this variable in plain text, for the action text extractor. */
  vocabulary: z
    .object({
      /** Verb of an activity (base form, e.g. "transfer"). */
      verb: z.string().optional(),
      /** Noun phrase of the thing, singular (e.g. "customer record"). */
      noun: z.string().optional(),
      /** Unit counted (singular, e.g. "record"). */
      unit: z.string().optional(),
      /** Attribute name (e.g. "classification"). */
      attribute: z.string().optional(),
      /** Phrase (e.g. "external destination", "containing phi"). */
      phrase: z.string().optional(),
    })
    .strict()
    .default({}),
};

export const variableSchema = z.discriminatedUnion('type', [
  z.object({ ...variableBase, type: z.literal('bool') }).strict(),
  z.object({ ...variableBase, type: z.literal('int'), min: z.number().int().optional() }).strict(),
  z.object({ ...variableBase, type: z.literal('real'), min: z.number().optional() }).strict(),
  z
    .object({
      ...variableBase,
      type: z.literal('enum'),
      /** The values the policy names. The domain also holds one catch-all "other" value. */
      values: z.array(z.string().min(1)).min(1),
    })
    .strict(),
]);
export type Variable = z.infer<typeof variableSchema>;
export type VariableType = Variable['type'];

/** The value of an enum variable that is none of the named values. */
export const ENUM_OTHER = '(other)';

/** A named list, supplied as data at decision time (e.g. the approved BAA list). */
export const listSchema = z
  .object({
    /** The list's name as written in the policy, e.g. "approved BAA". */
    name: z.string().min(1),
    /** Key to look the list up in list data: the name in snake case, e.g. "approved_baa". */
    key: variableNameSchema,
    /** The bool membership variable the list feeds. */
    variable: variableNameSchema,
    /** What is looked up in the list: a plain value, e.g. "destination". */
    subject: variableNameSchema,
  })
  .strict();
export type PolicyList = z.infer<typeof listSchema>;

/**
 * A count that accumulates: `sessionVariable` (used by rules) is the total of `actionVariable`
 * over the session's admitted actions plus the current one. The guard's session store keeps it.
 */
export const counterSchema = z
  .object({
    unit: z.string().min(1),
    actionVariable: variableNameSchema,
    sessionVariable: variableNameSchema,
  })
  .strict();
export type Counter = z.infer<typeof counterSchema>;

export const ruleShapeSchema = z.enum([
  'unless-provided', // Do not <activity> [qualifiers] unless <token> is provided [in the action].
  'count-limit', // Do not <activity> more than <N> <unit> in a single agent session unless <token> ...
  'attribute', // Do not <activity> <things> with <attribute> "<a>" or "<b>" unless <token> ...
  'requires-also', // Every action that requires <token> must also include <token2>.
  'amount-without', // Do not <activity> above $<amount> without <condition>.
  'list', // Do not <activity> to a destination not on the <list> list.
  'without', // Do not <activity> without <documented step>.
  'custom', // written directly as IR
]);
export type RuleShape = z.infer<typeof ruleShapeSchema>;

export const ruleSchema = z
  .object({
    /** The rule's number in the policy text (1-based). */
    id: z.number().int().positive(),
    /** The rule's text, verbatim. */
    text: z.string(),
    shape: ruleShapeSchema,
    /** The rule is violated exactly when this is true. */
    violation: exprSchema,
    /**
     * Permission or condition variables that, when provided, lift this rule (the "unless" or
     * "without" part). Used to tell an app which approvals would make a blocked action pass.
     */
    exceptions: z.array(variableNameSchema).default([]),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

export const policyIrSchema = z
  .object({
    version: z.literal('v1'),
    rules: z.array(ruleSchema).min(1),
    variables: z.array(variableSchema),
    lists: z.array(listSchema).default([]),
    counters: z.array(counterSchema).default([]),
    /** Warnings the compiler raised (kept so that auditors see them). */
    warnings: z.array(z.string()).default([]),
  })
  .strict();
export type PolicyIR = z.infer<typeof policyIrSchema>;
/** The IR as written by hand, before zod fills in defaults. */
export type PolicyIRInput = z.input<typeof policyIrSchema>;

/** A value assigned to a variable: bool, number (int/real) or enum value string. */
export type Value = boolean | number | string;
/** A partial assignment: variables that are absent are unknown. */
export type Assignment = Readonly<Record<string, Value>>;
