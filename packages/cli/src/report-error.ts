import { PreflightError } from '@preflight/core';
import { cli } from './cli-context';

/** Lines that explain a compile error: where, what was expected, the accepted shapes. */
function detailLines(details: Readonly<Record<string, unknown>>, message: string): string[] {
  const lines: string[] = [];
  const shapes = details.acceptedShapes ?? details.shapes;
  if (Array.isArray(shapes) && shapes.length > 0 && !message.includes(String(shapes[0]))) {
    lines.push('Accepted rule shapes:', ...shapes.map((shape) => `  - ${String(shape)}`));
  }
  return lines;
}

/**
 * Prints an error for a person: the message (and, for compile errors, the accepted shapes), never
 * a stack trace. Set PREFLIGHT_DEBUG=1 to see the stack of an unexpected error.
 */
export function reportError(error: unknown): void {
  const { err, color, env } = cli();
  if (PreflightError.isInstance(error)) {
    err(`${color.red(color.bold('error'))} ${color.dim(`[${error.code}]`)} ${error.message}`);
    for (const line of detailLines(error.details, error.message)) err(line);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`${color.red(color.bold('internal error'))} ${message}`);
  if (env.PREFLIGHT_DEBUG && error instanceof Error && error.stack) err(error.stack);
}
