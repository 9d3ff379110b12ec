import type { Decision } from '@preflight/core';
import type { isTracingEnabled as IsTracingEnabled } from 'langsmith';
import type { isRunnableConfigLike as IsRunnableConfigLike } from 'langsmith/run_trees';
import type { traceable as Traceable } from 'langsmith/traceable';
import { decisionRecord } from './decision-record';

/** The inputs of a `preflight.check` run. The trusted context is left out: it holds tokens. */
export interface CheckRunInput {
  tool: string;
  toolCallId: string;
  sessionId: string | undefined;
  args: unknown;
  /** Names of the trusted context's keys (never their values). */
  contextKeys: string[];
}

/**
 * Runs a check, as a `preflight.check` child run when tracing is on. Never throws. The parent
 * is the LangChain run of `parentConfig` when it carries a LangSmith tracer (a tool invoked
 * with `callbacks`), else the run in the async context (the agent's `tools` node).
 */
export type TracedCheck = (
  input: CheckRunInput,
  check: () => Promise<Decision>,
  parentConfig?: unknown,
) => Promise<Decision>;

/** Name of the child run that carries each decision in LangSmith. */
export const CHECK_RUN_NAME = 'preflight.check';

interface LangSmith {
  traceable: typeof Traceable;
  isRunnableConfigLike: typeof IsRunnableConfigLike;
  isTracingEnabled: typeof IsTracingEnabled;
}

// langsmith is an optional peer: load it once, lazily, and run untraced without it.
let langsmithLoaded: Promise<LangSmith | undefined> | undefined;
function loadLangSmith(): Promise<LangSmith | undefined> {
  langsmithLoaded ??= Promise.all([
    import('langsmith/traceable'),
    import('langsmith/run_trees'),
    import('langsmith'),
  ])
    .then(([traceableModule, runTrees, root]) => ({
      traceable: traceableModule.traceable,
      isRunnableConfigLike: runTrees.isRunnableConfigLike,
      // Older langsmith versions lack it: then every check goes through traceable.
      isTracingEnabled: root.isTracingEnabled ?? (() => true),
    }))
    .catch(() => undefined);
  return langsmithLoaded;
}

// biome-ignore lint/suspicious/noExplicitAny: traceable's variadic form (optional parent config first).
type TracedFunction = (...args: any[]) => Promise<Decision>;

/**
 * Creates the function that wraps each check in a LangSmith `traceable` run named
 * `preflight.check` (run type `tool`, tag `preflight`): a child of the current run (the
 * agent's `tools` node, or the caller's run), with the call as inputs and the decision's record
 * as outputs. Without tracing (`enabled` false, LangSmith off, `langsmith` missing) the check
 * runs as a plain call.
 */
export function createTracedCheck(enabled: boolean): TracedCheck {
  if (!enabled) return (_input, check) => check();
  let traced: TracedFunction | null = null;
  let hasTracer: (config: unknown) => boolean = () => false;
  let tracingOn: () => boolean = () => false;
  const ready = loadLangSmith().then((langsmith) => {
    if (langsmith === undefined) return;
    hasTracer = langsmith.isRunnableConfigLike;
    tracingOn = langsmith.isTracingEnabled;
    traced = langsmith.traceable(
      async (_input: CheckRunInput, check: () => Promise<Decision>) => check(),
      {
        name: CHECK_RUN_NAME,
        run_type: 'tool',
        tags: ['preflight'],
        processInputs: (inputs) => ({ ...inputs.args[0] }),
        processOutputs: (decision) => ({ ...decisionRecord(decision as Decision) }),
      },
    );
  });
  return async (input, check, parentConfig) => {
    await ready;
    // traceable costs hundreds of microseconds even when it records nothing: skip it unless a
    // run could be recorded (a tracer in the caller's config, the current run tree, or env).
    let parentTraced = false;
    try {
      parentTraced = hasTracer(parentConfig);
      if (!traced || !(parentTraced || tracingOn())) return check();
    } catch {
      return check();
    }
    // The decision is kept aside so that a tracing failure after the check cannot lose it,
    // and a failure before it cannot run the check twice (counters would be reserved twice).
    let decision: Promise<Decision> | undefined;
    const once = () => {
      decision ??= check();
      return decision;
    };
    try {
      return await (parentTraced ? traced(parentConfig, input, once) : traced(input, once));
    } catch {
      return once();
    }
  };
}
