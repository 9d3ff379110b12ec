// The support agent's four tools as LangChain.js tools, over the shared CRM. What they do is in
// ../support-scenario/support-actions.ts, how each maps to the policy's variables in
// ../support-scenario/support-mappings.ts. `outputs` records what every tool call that actually
// executed returned, by tool call id.
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { Customer } from '../support-scenario/crm';
import { supportActions, toolDescriptions } from '../support-scenario/support-actions';

/** Tool call id -> what the tool returned; a call missing here never ran. */
export type ToolOutputs = Map<string, unknown>;

export function supportTools(crm: Map<string, Customer>, outputs: ToolOutputs) {
  const actions = supportActions(crm);
  // Does what the tool does, records the result as run, and answers with its JSON text.
  const run =
    <A>(action: (args: A) => unknown) =>
    async (args: A, config?: { toolCall?: { id?: string } }): Promise<string> => {
      const result = action(args);
      outputs.set(config?.toolCall?.id ?? `untracked-${outputs.size}`, result);
      return JSON.stringify(result);
    };
  const searchCustomers = tool(run(actions.searchCustomers), {
    name: 'searchCustomers',
    description: toolDescriptions.searchCustomers,
    schema: z.object({ query: z.string() }),
  });
  const readCustomer = tool(run(actions.readCustomer), {
    name: 'readCustomer',
    description: toolDescriptions.readCustomer,
    schema: z.object({ customerId: z.string() }),
  });
  const exportRecords = tool(run(actions.exportRecords), {
    name: 'exportRecords',
    description: toolDescriptions.exportRecords,
    schema: z.object({
      to: z.string().describe('Recipient email address'),
      customerIds: z.array(z.string()).optional(),
      allCustomers: z.boolean().optional(),
      authorization_token: z.string().optional(),
    }),
  });
  const updateRecord = tool(run(actions.updateRecord), {
    name: 'updateRecord',
    description: toolDescriptions.updateRecord,
    schema: z.object({
      customerId: z.string(),
      field: z.enum(['billingAddress', 'email', 'plan']),
      value: z.string(),
    }),
  });
  return [searchCustomers, readCustomer, exportRecords, updateRecord];
}
