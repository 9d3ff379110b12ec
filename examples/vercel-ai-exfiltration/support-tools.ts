// The support agent's four tools as AI SDK 7 tools (`tool()`), over the shared CRM. What they do
// is in ../support-scenario/support-actions.ts, how each maps to the policy's variables in
// ../support-scenario/support-mappings.ts.
import { tool } from 'ai';
import { z } from 'zod';
import type { Customer } from '../support-scenario/crm';
import { supportActions, toolDescriptions } from '../support-scenario/support-actions';

/** The tools, over `crm`. `ran` records every tool call that actually executed. */
export function supportTools(crm: Map<string, Customer>, ran: Set<string>) {
  const actions = supportActions(crm);
  // Marks the call as run, then does what the tool does.
  const run =
    <A, R>(action: (args: A) => R) =>
    async (args: A, { toolCallId }: { toolCallId: string }) => {
      ran.add(toolCallId);
      return action(args);
    };
  return {
    searchCustomers: tool({
      description: toolDescriptions.searchCustomers,
      inputSchema: z.object({ query: z.string() }),
      execute: run(actions.searchCustomers),
    }),
    readCustomer: tool({
      description: toolDescriptions.readCustomer,
      inputSchema: z.object({ customerId: z.string() }),
      execute: run(actions.readCustomer),
    }),
    exportRecords: tool({
      description: toolDescriptions.exportRecords,
      inputSchema: z.object({
        to: z.string().describe('Recipient email address'),
        customerIds: z.array(z.string()).optional(),
        allCustomers: z.boolean().optional(),
        authorization_token: z.string().optional(),
      }),
      execute: run(actions.exportRecords),
    }),
    updateRecord: tool({
      description: toolDescriptions.updateRecord,
      inputSchema: z.object({
        customerId: z.string(),
        field: z.enum(['billingAddress', 'email', 'plan']),
        value: z.string(),
      }),
      execute: run(actions.updateRecord),
    }),
  };
}
