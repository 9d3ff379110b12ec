import { getCallbackManagerForConfig, type RunnableToolLike } from '@langchain/core/runnables';
import {
  type DynamicTool,
  StructuredTool,
  type StructuredToolInterface,
  type ToolRunnableConfig,
} from '@langchain/core/tools';
import type { Guard } from '@preflight/core';
import { threadIdOf } from './call-scope';
import { readToolInput } from './checked-tool-call';
import type { CallDecider } from './decide-call';
import { withReceiptConfig } from './receipt-config';
import { runAllowedCall } from './settle-call';

/** A tool `guardTools` can wrap: what LangGraph's `ToolNode` and `createAgent` accept. */
export type GuardableTool = StructuredToolInterface | DynamicTool | RunnableToolLike;

// A marker instead of `instanceof`, so that two copies of this package still recognise each other.
const GUARDED_TOOL = Symbol.for('preflight.langchain.guarded-tool');

/** Whether `value` is a tool wrapped by `guardTools` / `guardTool`. */
export function isGuardedTool(value: unknown): value is GuardedTool {
  return typeof value === 'object' && value !== null && GUARDED_TOOL in value;
}

/**
 * A tool whose every invocation is checked by a PreFlight guard first. It copies the wrapped
 * tool's name, description, schema, response format, `returnDirect`, `extras`, metadata and
 * tags, so models bind it exactly like the original. Blocked: the original never runs and
 * `invoke` resolves to an error `ToolMessage` (whatever the input form) with the decision in
 * `artifact.preflight`. Allowed: the original's `invoke` runs with the same input and config,
 * plus `metadata.preflight_receipt` and the tag `preflight:allowed` on its tool run.
 */
export class GuardedTool extends StructuredTool {
  static override lc_name(): string {
    return 'GuardedTool';
  }

  readonly [GUARDED_TOOL] = true;
  name: string;
  description: string;
  // biome-ignore lint/suspicious/noExplicitAny: the wrapped tool's schema, zod or JSON schema, as is.
  schema: any;
  /** The wrapped tool, which runs only after an allowing decision. */
  readonly unguarded: GuardableTool;
  /** The guard that checks every call. */
  readonly guard: Guard;
  readonly #decide: CallDecider;

  constructor(tool: GuardableTool, guard: Guard, decide: CallDecider) {
    const source = tool as Partial<StructuredTool>;
    super({
      ...(source.responseFormat === undefined ? {} : { responseFormat: source.responseFormat }),
      ...(source.verboseParsingErrors === undefined
        ? {}
        : { verboseParsingErrors: source.verboseParsingErrors }),
      ...(source.metadata === undefined ? {} : { metadata: source.metadata }),
      ...(source.tags === undefined ? {} : { tags: source.tags }),
      ...(source.extras === undefined ? {} : { extras: source.extras }),
    });
    this.name = tool.name;
    this.description = tool.description ?? '';
    this.schema = tool.schema;
    this.returnDirect = source.returnDirect ?? false;
    this.unguarded = tool;
    this.guard = guard;
    this.#decide = decide;
  }

  /**
   * Checks the call, then runs the wrapped tool or answers with the blocked `ToolMessage`.
   * The session is the run's `configurable.thread_id` (else the `sessionId` option) and the
   * trusted context the run's `context` (else the `context` option).
   */
  // biome-ignore lint/suspicious/noExplicitAny: the wrapped tool's own input and output types.
  override async invoke(input: any, config?: ToolRunnableConfig): Promise<any> {
    // The input is read once; the guard checks that copy and the wrapped tool runs with it.
    const read = readToolInput(input);
    const runtime = config as (ToolRunnableConfig & { toolCallId?: unknown }) | undefined;
    const toolCallId =
      (read.ok ? read.toolCallId : undefined) ??
      idOf(config?.toolCall) ??
      (typeof runtime?.toolCallId === 'string' && runtime.toolCallId.length > 0
        ? runtime.toolCallId
        : `preflight-${globalThis.crypto.randomUUID()}`);
    const verdict = await this.#decide({
      tool: this.name,
      args: read.ok ? read.args : undefined,
      toolCallId,
      threadId: threadIdOf(config?.configurable),
      runContext: config?.context,
      signal: config?.signal,
      parentConfig: await tracingParent(config),
      ...(read.ok ? {} : { unreadable: read.reason }),
    });
    if (!verdict.allowed) return verdict.message;
    const tagged = withReceiptConfig(config, verdict.decision);
    const checked = read.ok ? read.input : input;
    return runAllowedCall(this.guard, verdict.decision, () =>
      this.unguarded.invoke(checked, tagged),
    );
  }

  /** The deprecated `call` goes through the guard too (it would otherwise bypass `invoke`). */
  // biome-ignore lint/suspicious/noExplicitAny: same as `invoke`.
  override call(input: any, config?: any): Promise<any> {
    return this.invoke(input, typeof config === 'object' ? config : undefined);
  }

  // Required by StructuredTool; reachable only through `call`, which is guarded above.
  // biome-ignore lint/suspicious/noExplicitAny: same as `invoke`.
  protected override _call(input: any, _runManager?: unknown, config?: ToolRunnableConfig) {
    return this.invoke(input, config);
  }
}

// LangSmith finds a parent run (and the tracer's client) through a callback *manager*; with a
// plain array of handlers (`tool.invoke(args, { callbacks: [tracer] })`) it would start a root
// run on a new default client instead of the caller's tracer.
async function tracingParent(config: ToolRunnableConfig | undefined): Promise<unknown> {
  if (!Array.isArray(config?.callbacks)) return config;
  try {
    return { ...config, callbacks: await getCallbackManagerForConfig(config) };
  } catch {
    return undefined;
  }
}

function idOf(toolCall: unknown): string | undefined {
  const id =
    typeof toolCall === 'object' && toolCall !== null
      ? (toolCall as { id?: unknown }).id
      : undefined;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
