import type { TrustedContext } from '../guard/types';
import type { Value } from '../policy/ir';
import type { SessionTotals } from '../session/session-store';

/** What a mapping sees of the call's session. */
export interface SessionView {
  readonly id: string;
  /** Committed plus pending counter totals before this call, by session variable name. */
  readonly totals: SessionTotals;
}

/**
 * A tool's mapping as one function: args (parsed by the mapping's schema, if any), trusted
 * context and session in, policy variables (or list subjects such as `destination`) out.
 * Values it returns have provenance `derived`. A permission-granting variable it returns is
 * ignored unless the mapping lists it in `trustArgs` (the function reads model-written args).
 */
export type MapFunction<Args = unknown> = (
  args: Args,
  context: TrustedContext,
  session: SessionView,
) => Readonly<Record<string, Value | undefined>>;

/** Where one variable's value comes from, in a declarative mapping. */
export type VariableSource<Args = unknown> =
  /** A path into the args, `to`, `records[0].id` or `records.0.id` (provenance `arg`). */
  | string
  | { from: 'arg'; path: string }
  /** A key of the trusted context (provenance `context`). */
  | { from: 'context'; key: string }
  /** The length of the array at an args path: how many units the call touches (`derived`). */
  | { count: string }
  /** A fixed value: what this tool always is or does (`derived`). */
  | { const: Value }
  /** Computed from the call (`derived`). */
  | ((args: Args, context: TrustedContext, session: SessionView) => Value | undefined);

/** Anything with zod's `safeParse` (zod 3 or 4): validates and may transform the args. */
export interface ArgsSchema<Args> {
  safeParse(data: unknown):
    | { success: true; data: Args }
    | {
        success: false;
        error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> };
      };
}

/** A tool's mapping, declaratively. Every field is optional. */
export interface DeclarativeToolMapping<Args = unknown> {
  /** Schema the args must satisfy; a failure blocks the call with ARGS_INVALID. Default: none. */
  args?: ArgsSchema<Args>;
  /** Policy variable (or list subject) name -> where its value comes from. Default: none. */
  variables?: Readonly<Record<string, VariableSource<Args>>>;
  /** A function computing further variables; `variables` entries win over it. Default: none. */
  map?: MapFunction<Args>;
  /**
   * Permission-granting variables this mapping may take from model-written args (an explicit,
   * audited opt-in; the value's provenance is `arg`). Default: none.
   */
  trustArgs?: readonly string[];
  /** Also apply default name matching to the args (explicit entries win). Default false. */
  nameMatching?: boolean;
}

/** How one tool's calls become policy variables. */
export type ToolMapping<Args = unknown> = MapFunction<Args> | DeclarativeToolMapping<Args>;

/** A mapping for any args type (each tool has its own; collections of mappings erase it). */
// biome-ignore lint/suspicious/noExplicitAny: args are contravariant in functions; only `any` erases them.
export type AnyToolMapping = ToolMapping<any>;

/** Tool name -> mapping, as `createGuard({ tools })` takes it. */
export type ToolMappings = Readonly<Record<string, AnyToolMapping>>;

/**
 * Identity function that infers `Args` from the mapping's schema, so sources and `map` are typed.
 *
 * @example
 * const exportRecords = defineToolMapping({
 *   args: z.object({ to: z.string(), records: z.array(z.string()) }),
 *   variables: {
 *     transfer_customer_record: { const: true },
 *     destination_external: (args) => !args.to.endsWith('@example.com'),
 *     record_count: { count: 'records' },
 *   },
 * });
 */
export function defineToolMapping<Args>(mapping: DeclarativeToolMapping<Args>): ToolMapping<Args> {
  return mapping;
}
