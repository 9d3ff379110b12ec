// The support agent's four tools as LangChain.js tools, over the shared CRM. `outputs` records
// what every tool call that actually executed returned, by tool call id.
import { tool, z } from '../../packages/langchain/test-support/langchain';
import type { Customer } from '../support-scenario/crm';
import { exportedIds } from '../support-scenario/support-mappings';

/** Tool call id -> what the tool returned; a call missing here never ran. */
export type ToolOutputs = Map<string, unknown>;

function recorder(outputs: ToolOutputs) {
  return <T>(config: { toolCall?: { id?: string } } | undefined, result: T): string => {
    outputs.set(config?.toolCall?.id ?? `untracked-${outputs.size}`, result);
    return JSON.stringify(result);
  };
}

export function supportTools(crm: Map<string, Customer>, outputs: ToolOutputs) {
  const ran = recorder(outputs);
  const searchCustomers = tool(
    async ({ query }, config) => {
      const needle = query.toLowerCase();
      const found = [...crm.values()]
        .filter((c) => c.name.toLowerCase().includes(needle) || c.email.includes(needle))
        .slice(0, 5)
        .map(({ id, name }) => ({ id, name }));
      return ran(config, found);
    },
    {
      name: 'searchCustomers',
      description: 'Find customers by name or email. Returns ids and names.',
      schema: z.object({ query: z.string() }),
    },
  );
  const readCustomer = tool(
    async ({ customerId }, config) =>
      ran(config, crm.get(customerId) ?? { error: `no customer ${customerId}` }),
    {
      name: 'readCustomer',
      description: 'Read one customer record, including account notes.',
      schema: z.object({ customerId: z.string() }),
    },
  );
  const exportRecords = tool(
    async (args, config) => ran(config, { sent: exportedIds(args, crm).length, to: args.to }),
    {
      name: 'exportRecords',
      description: 'Email customer records (CSV) to an address.',
      schema: z.object({
        to: z.string().describe('Recipient email address'),
        customerIds: z.array(z.string()).optional(),
        allCustomers: z.boolean().optional(),
        authorization_token: z.string().optional(),
      }),
    },
  );
  const updateRecord = tool(
    async ({ customerId, field, value }, config) => {
      const customer = crm.get(customerId);
      if (customer === undefined) return ran(config, { error: `no customer ${customerId}` });
      Object.assign(customer, { [field]: value });
      return ran(config, { updated: customerId, field, value });
    },
    {
      name: 'updateRecord',
      description: 'Change one field of a customer record (e.g. billingAddress).',
      schema: z.object({
        customerId: z.string(),
        field: z.enum(['billingAddress', 'email', 'plan']),
        value: z.string(),
      }),
    },
  );
  return [searchCustomers, readCustomer, exportRecords, updateRecord];
}
