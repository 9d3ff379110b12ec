// The CLI's tests run the command in-process through this: exit code plus captured output.
import { fileURLToPath } from 'node:url';
import { runCli } from '../run-cli';

/** The repository root (where `examples/` lives), the default working directory of a run. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Options of {@link runCliInProcess}. */
export interface InProcessRunOptions {
  /** Arguments after the program name, e.g. `['check', '--policy', 'p.txt']`. */
  argv: readonly string[];
  /** Directory relative paths are read from. Default {@link repoRoot}. */
  cwd?: string;
  /** The command's whole environment (process.env is not inherited). Default `{}`. */
  env?: Record<string, string>;
  /** Whether stdout counts as a terminal (colour). Default false. */
  isTTY?: boolean;
}

/** What one run gave: its exit code and its stdout and stderr lines, each joined by `\n`. */
export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the preflight command in-process with captured output.
 *
 * @example
 * const { code, stdout } = await runCliInProcess({ argv: ['policy', 'compile', 'p.txt'] });
 */
export async function runCliInProcess({
  argv,
  cwd = repoRoot,
  env = {},
  isTTY = false,
}: InProcessRunOptions): Promise<InProcessRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli({
    argv,
    cwd,
    env,
    isTTY,
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
