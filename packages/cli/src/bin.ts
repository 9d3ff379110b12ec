#!/usr/bin/env node
import { runCli } from './run-cli';

// `preflight ... | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// The preflight command. From the repo root: `pnpm preflight <command>`.
process.exitCode = await runCli({ argv: process.argv.slice(2) });
