import { AsyncLocalStorage } from 'node:async_hooks';
import pc from 'picocolors';
import type { Colors } from 'picocolors/types';

/**
 * Where a command writes and how it reports its exit code. Commands read it with
 * {@link cli}; `runCli` sets it per invocation, so tests run commands in-process with their own
 * output buffers and parallel invocations do not mix.
 */
export interface CliContext {
  /** Writes to standard output (a newline is added). */
  out(text: string): void;
  /** Writes to standard error (a newline is added). */
  err(text: string): void;
  /** Colour functions; plain when colour is off (NO_COLOR, not a TTY, TERM=dumb). */
  color: Colors;
  /** The process environment the command sees. */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are read from. */
  cwd: string;
  /** Exit code the invocation ends with; commands set 1 for a failed check or a mismatch. */
  exitCode: number;
}

const storage = new AsyncLocalStorage<CliContext>();

/** Whether to colour output: never with NO_COLOR or TERM=dumb, always with FORCE_COLOR, else on a TTY. */
export function useColor(env: CliContext['env'], isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}

/** Colour functions that are on or off. */
export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

/** Runs `body` with `context` as the current CLI context. */
export function withCliContext<T>(context: CliContext, body: () => Promise<T>): Promise<T> {
  return storage.run(context, body);
}

/** The current CLI context (the process's own stdout/stderr outside `runCli`). */
export function cli(): CliContext {
  const current = storage.getStore();
  if (current !== undefined) return current;
  const env = process.env;
  const fallback: CliContext = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    color: colors(useColor(env, process.stdout.isTTY === true)),
    env,
    cwd: process.cwd(),
    exitCode: 0,
  };
  return fallback;
}
