import { defineCommand, type SubCommandsDef } from 'citty';

/** `preflight evidence <subcommand>`; registering a subcommand is one line. */
export const evidenceSubCommands: SubCommandsDef = {
  verify: () => import('./verify').then((module) => module.verifyCommand),
  export: () => import('./export').then((module) => module.exportCommand),
  show: () => import('./show').then((module) => module.showCommand),
};

export const evidenceCommand = defineCommand({
  meta: { name: 'evidence', description: 'Verify, export and inspect the signed evidence log' },
  subCommands: evidenceSubCommands,
});
