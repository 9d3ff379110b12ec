import { stripVTControlCharacters } from 'node:util';
import { type ArgsDef, type CommandDef, renderUsage, runCommand } from 'citty';
import { type CliContext, colors, useColor, withCliContext } from './cli-context';
import { mainCommand } from './commands';
import { exitCodeFor, exitCodes } from './exit-code';
import { reportError } from './report-error';

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Arguments after the program name, e.g. `['check', '--policy', 'p.txt', '--json']`. */
  argv: readonly string[];
  /** Receives standard output, one call per line. Default: process.stdout. */
  stdout?: (line: string) => void;
  /** Receives standard error, one call per line. Default: process.stderr. */
  stderr?: (line: string) => void;
  /** Environment. Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are read from. Default: process.cwd(). */
  cwd?: string;
  /** Whether stdout is a terminal (colour). Default: process.stdout.isTTY. */
  isTTY?: boolean;
}

type AnyCommand = CommandDef<ArgsDef>;

async function resolveValue<T>(value: T | Promise<T> | (() => T | Promise<T>)): Promise<T> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}

/** The command the words of `argv` lead to, its parent (for usage text) and its words. */
async function resolveCommand(
  argv: readonly string[],
): Promise<{ command: AnyCommand; parent: AnyCommand | undefined; path: string[] }> {
  let command: AnyCommand = mainCommand;
  let parent: AnyCommand | undefined;
  const path: string[] = [];
  for (const word of argv) {
    if (word.startsWith('-')) continue;
    const subCommands = command.subCommands ? await resolveValue(command.subCommands) : undefined;
    const next = subCommands?.[word];
    if (next === undefined) break;
    parent = command;
    command = await resolveValue(next);
    path.push(word);
  }
  return { command, parent, path };
}

/** citty's own argument errors (missing positional, unknown command) are usage errors. */
function isUsageError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'CLIError';
}

/**
 * Runs the preflight command in-process and resolves to its exit code: 0 ok/allowed, 1 not
 * allowed / test mismatch / compile error, 2 usage or input error. Never throws and never prints
 * a stack trace for a user mistake.
 *
 * @example await runCli({ argv: ['policy', 'compile', 'examples/iso42001/policy.txt'] }) // 0
 */
export async function runCli({
  argv,
  stdout = (line) => process.stdout.write(`${line}\n`),
  stderr = (line) => process.stderr.write(`${line}\n`),
  env = process.env,
  cwd = process.cwd(),
  isTTY = process.stdout.isTTY === true,
}: RunCliOptions): Promise<number> {
  const colored = useColor(env, isTTY);
  const plain = (write: (line: string) => void) => (line: string) =>
    write(colored ? line : stripVTControlCharacters(line));
  const context: CliContext = {
    out: plain(stdout),
    err: plain(stderr),
    color: colors(colored),
    env,
    cwd,
    exitCode: exitCodes.ok,
  };
  return withCliContext(context, async () => {
    const [first] = argv;
    try {
      if (first === undefined || argv.includes('--help') || argv.includes('-h')) {
        const { command, parent } = await resolveCommand(argv);
        context.out(await renderUsage(command, parent));
        return first === undefined ? exitCodes.usage : exitCodes.ok;
      }
      if (first === '--version' || first === '-v') {
        const meta = await resolveValue(mainCommand.meta ?? {});
        context.out(meta.version ?? 'unknown');
        return exitCodes.ok;
      }
      await runCommand(mainCommand, { rawArgs: [...argv] });
      return context.exitCode;
    } catch (error) {
      if (isUsageError(error)) {
        context.err(`${context.color.red(context.color.bold('error'))} ${error.message}`);
        const { path } = await resolveCommand(argv);
        context.err(`Run "preflight ${[...path, '--help'].join(' ')}" for usage.`);
        return exitCodes.usage;
      }
      reportError(error);
      return exitCodeFor(error);
    }
  });
}
