import { defineCommand, type SubCommandsDef } from 'citty';

/** `preflight approver <subcommand>`; registering a subcommand is one line. */
export const approverSubCommands: SubCommandsDef = {
  add: () => import('./add').then((module) => module.addCommand),
  list: () => import('./list').then((module) => module.listCommand),
  remove: () => import('./remove').then((module) => module.removeCommand),
};

export const approverCommand = defineCommand({
  meta: { name: 'approver', description: 'Manage the approvers whose signed tokens count' },
  subCommands: approverSubCommands,
});
