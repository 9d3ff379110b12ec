/**
 * A one-line message for any thrown value, for a blocked decision's reason or an outcome's
 * error. Never throws: an `Error`'s message, else the value as a string, and a fixed text when
 * even that fails (a hostile `toString` or `message` getter must not turn a block into a crash).
 */
export function describeError(error: unknown): string {
  try {
    const message: unknown = error instanceof Error ? error.message : error;
    return typeof message === 'string' ? message : String(message);
  } catch {
    return 'unprintable error';
  }
}
