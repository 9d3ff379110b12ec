import { defineCommand, type SubCommandsDef } from 'citty';

/**
 * The top-level commands, lazy-loaded. Registering a command is one line: its name and the
 * import of its file (a folder for commands with subcommands, like `policy`).
 */
export const commands: SubCommandsDef = {
  policy: () => import('./policy').then((module) => module.policyCommand),
  check: () => import('./check').then((module) => module.checkCommand),
  approve: () => import('./approve').then((module) => module.approveCommand),
  approver: () => import('./approver').then((module) => module.approverCommand),
  evidence: () => import('./evidence').then((module) => module.evidenceCommand),
};

/** The `preflight` command itself. */
export const mainCommand = defineCommand({
  meta: {
    name: 'preflight',
    version: '0.1.0',
    description: 'Check AI agent actions against a plain-English policy before they run',
  },
  subCommands: commands,
});
