import type { GuardableTool } from './guard-tools-options';
import {
  denialReasonFor,
  isBlockedOutput,
  isReceiptedOutput,
  PREFLIGHT_OUTPUT_KEY,
} from './preflight-output';

type ToModelOutput = NonNullable<GuardableTool['toModelOutput']>;

/**
 * The guarded tool's `toModelOutput`: a PreFlight denial becomes `execution-denied` with the
 * reason (the receipt stays in the tool result, out of the model's sight); a result wrapped
 * with its receipt is unwrapped; everything else goes to the tool's own `toModelOutput`, or to
 * the SDK's default (text for strings, JSON otherwise). The SDK also applies it when UI
 * messages are converted back (`convertToModelMessages(messages, { tools })`), so pass the
 * guarded tools there too.
 */
export function guardedModelOutput(original: ToModelOutput | undefined): ToModelOutput {
  return function guardedToModelOutput(options) {
    const { output } = options;
    if (isBlockedOutput(output)) {
      return { type: 'execution-denied', reason: denialReasonFor(output[PREFLIGHT_OUTPUT_KEY]) };
    }
    const unwrapped = isReceiptedOutput(output) ? output.output : output;
    if (original !== undefined) return original({ ...options, output: unwrapped });
    return typeof unwrapped === 'string'
      ? { type: 'text', value: unwrapped }
      : { type: 'json', value: toJsonValue(unwrapped) };
  };
}

// The SDK's default: a plain JSON value, as a JSON round-trip makes it (ai 7 behaviour).
function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  const serialized = JSON.stringify(value);
  return serialized === undefined ? null : JSON.parse(serialized);
}
