import { tool } from 'ai-v6';
import { vi } from 'vitest';
import { z } from 'zod';

/** The support tools built with ai 6's `tool()`, with spies on every execute. */
export function supportToolsV6() {
  const spies = {
    exportRecords: vi.fn(async ({ recordIds }: { to: string; recordIds: string[] }) => ({
      sent: recordIds.length,
    })),
    updateRecord: vi.fn(
      async ({ customerId }: { customerId: string; field: string; value: string }) => ({
        updated: customerId,
      }),
    ),
  };
  const tools = {
    exportRecords: tool({
      description: 'Email customer records to an address',
      inputSchema: z.object({
        to: z.string(),
        recordIds: z.array(z.string()),
        authorization_token: z.string().optional(),
      }),
      execute: spies.exportRecords,
    }),
    updateRecord: tool({
      description: 'Update one field of a customer record',
      inputSchema: z.object({ customerId: z.string(), field: z.string(), value: z.string() }),
      execute: spies.updateRecord,
      toModelOutput: ({ output }) => ({ type: 'text', value: `updated ${output.updated}` }),
    }),
  };
  return { tools, spies };
}
