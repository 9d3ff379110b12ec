import type { Decision, Outcome } from '@preflight/core';

type OtelApi = typeof import('@opentelemetry/api');
type Span = NonNullable<ReturnType<OtelApi['trace']['getActiveSpan']>>;
type Attributes = Record<string, string | number | boolean | string[] | number[]>;

/** Span attribute and event names, documented in docs/vercel-ai.md. */
export const spanNames = {
  decisionEvent: 'preflight.decision',
  outcomeEvent: 'preflight.outcome',
} as const;

let otel: Promise<OtelApi | undefined> | undefined;

/**
 * Loads `@opentelemetry/api` once, if installed (an optional peer). Started when tools are
 * guarded, so it has resolved by the first call.
 */
export function loadOtel(): Promise<OtelApi | undefined> {
  otel ??= import('@opentelemetry/api').then(
    (api) => api,
    () => undefined,
  );
  return otel;
}

/** The attributes of one decision (`preflight.*`). */
export function decisionAttributes(
  decision: Decision,
  toolName: string,
  toolCallId: string,
  path: 'execute' | 'approval',
): Attributes {
  const attributes: Attributes = {
    'preflight.tool.name': toolName,
    'preflight.tool.call_id': toolCallId,
    'preflight.decision.id': decision.id,
    'preflight.decision.result': decision.result,
    'preflight.decision.allowed': decision.allowed,
    'preflight.decision.would_allow': decision.wouldAllow,
    'preflight.decision.mode': decision.mode,
    'preflight.decision.reason': decision.reason,
    'preflight.decision.path': path,
    'preflight.decision.screened_out': decision.screenedOut,
    'preflight.decision.violated_rules': decision.violations.map((violation) => violation.id),
    'preflight.decision.unknown': [...decision.unknown],
    'preflight.policy.hash': decision.policyHash,
  };
  if (decision.code !== undefined) attributes['preflight.decision.code'] = decision.code;
  const engines = decision.verdicts.map((verdict) => verdict.engine);
  if (engines.length > 0) attributes['preflight.engine'] = engines.join('+');
  if (decision.action !== undefined) {
    attributes['preflight.action.digest'] = decision.action.digest;
    attributes['preflight.session.id'] = decision.action.sessionId;
  }
  if (decision.receipt !== undefined) {
    attributes['preflight.receipt.id'] = decision.receipt.id;
    if (decision.receipt.seq !== undefined)
      attributes['preflight.receipt.seq'] = decision.receipt.seq;
  }
  return attributes;
}

/**
 * Puts the decision on the active span: always as a `preflight.decision` event (several calls
 * may share a parent span), and as span attributes only when the active span is the SDK's span
 * of this tool call (`execute_tool <name>` from @ai-sdk/otel, `ai.toolCall` in ai 6), so a
 * parent span is never overwritten call after call. No-op without OTel or an active span.
 */
export function recordDecisionOnSpan(api: OtelApi | undefined, attributes: Attributes): void {
  const span = activeSpan(api);
  if (span === undefined) return;
  try {
    span.addEvent(spanNames.decisionEvent, attributes);
    if (isToolSpan(span)) span.setAttributes(attributes);
  } catch {
    // Telemetry must never break a tool call.
  }
}

/** Adds the `preflight.outcome` event (did the tool run, did it succeed) to the active span. */
export function recordOutcomeOnSpan(
  api: OtelApi | undefined,
  decision: Decision,
  outcome: Outcome,
): void {
  const span = activeSpan(api);
  if (span === undefined) return;
  try {
    span.addEvent(spanNames.outcomeEvent, {
      'preflight.decision.id': decision.id,
      'preflight.outcome.ran': outcome.ran,
      'preflight.outcome.ok': outcome.ok,
      ...(outcome.durationMs === undefined
        ? {}
        : { 'preflight.outcome.duration_ms': outcome.durationMs }),
      ...(outcome.error === undefined ? {} : { 'preflight.outcome.error': outcome.error }),
    });
  } catch {
    // Telemetry must never break a tool call.
  }
}

function activeSpan(api: OtelApi | undefined): Span | undefined {
  if (api === undefined) return undefined;
  try {
    const span = api.trace.getActiveSpan();
    return span?.isRecording() ? span : undefined;
  } catch {
    return undefined;
  }
}

// The API's Span has no name getter; SDK spans (and most others) expose `name`.
function isToolSpan(span: Span): boolean {
  const name = (span as unknown as { name?: unknown }).name;
  return typeof name === 'string' && (name.startsWith('execute_tool') || name === 'ai.toolCall');
}
