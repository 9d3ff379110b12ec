import { defineCommand, type SubCommandsDef } from 'citty';

/** `preflight policy <subcommand>`; registering a subcommand is one line. */
export const policySubCommands: SubCommandsDef = {
  compile: () => import('./compile').then((module) => module.compileCommand),
  test: () => import('./test').then((module) => module.testCommand),
  push: () => import('./push').then((module) => module.pushCommand),
  status: () => import('./status').then((module) => module.statusCommand),
};

export const policyCommand = defineCommand({
  meta: { name: 'policy', description: 'Compile and test controlled-English policies' },
  subCommands: policySubCommands,
});
