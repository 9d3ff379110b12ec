import { readFileSync } from 'node:fs';
import { createGuard, type Guard, type GuardOptions, type ToolMappings } from '@preflight/core';
import { tool } from 'ai';
import { vi } from 'vitest';
import { z } from 'zod';

/** The ISO/IEC 42001 example policy, read from examples/iso42001/policy.txt. */
export const isoPolicyText = readFileSync(
  new URL('../../../../examples/iso42001/policy.txt', import.meta.url),
  'utf8',
);

/** The company's own email domain: exports elsewhere are external. */
export const companyDomain = 'acme.test';

/** Mappings of the support tools to the ISO policy's variables. */
export const supportMappings: ToolMappings = {
  exportRecords: {
    variables: {
      transfer_customer_records: { const: true },
      modify_production_records: { const: false },
      destination_external: (args: { to: string }) =>
        !args.to.toLowerCase().endsWith(`@${companyDomain}`),
      record_count: { count: 'recordIds' },
      classification: { const: 'standard' },
    },
  },
  updateRecord: {
    variables: {
      modify_production_records: { const: true },
      transfer_customer_records: { const: false },
      record_count: { const: 1 },
      classification: { const: 'standard' },
    },
  },
  readCustomer: {
    variables: {
      transfer_customer_records: { const: false },
      modify_production_records: { const: false },
      record_count: { const: 1 },
      classification: { const: 'standard' },
    },
  },
};

/** A guard over the ISO policy with the support mappings. */
export function supportGuard(options: Partial<GuardOptions> = {}): Promise<Guard> {
  return createGuard({ policy: isoPolicyText, tools: supportMappings, ...options });
}

/** Tokens an app would put in the trusted context (no verifier: any non-blank value counts). */
export const trustedTokens = { authorization_token: 'tok_a91f3c', approver_id: 'approver_mhayes' };

/** The support tools (ai 7 `tool()`), with spies on every execute. */
export function supportTools() {
  const spies = {
    exportRecords: vi.fn(async ({ recordIds }: { to: string; recordIds: string[] }) => ({
      sent: recordIds.length,
    })),
    updateRecord: vi.fn(
      async ({ customerId }: { customerId: string; field: string; value: string }) => ({
        updated: customerId,
      }),
    ),
    readCustomer: vi.fn(async ({ id }: { id: string }) => ({ id, name: 'Dana Reyes' })),
  };
  const tools = {
    exportRecords: tool({
      description: 'Email customer records to an address',
      inputSchema: z.object({
        to: z.string(),
        recordIds: z.array(z.string()),
        authorization_token: z.string().optional(),
        note: z.string().optional(),
      }),
      execute: spies.exportRecords,
    }),
    updateRecord: tool({
      description: 'Update one field of a customer record',
      inputSchema: z.object({ customerId: z.string(), field: z.string(), value: z.string() }),
      execute: spies.updateRecord,
      toModelOutput: ({ output }) => ({ type: 'text', value: `updated ${output.updated}` }),
    }),
    readCustomer: tool({
      description: 'Read a customer record',
      inputSchema: z.object({ id: z.string() }),
      execute: spies.readCustomer,
    }),
  };
  return { tools, spies };
}

/**
 * `updateRecord` with a context schema: in ai 7 the app then passes its per-call context as
 * `toolsContext.updateRecord` (typed and required by the SDK), and the tool's execute gets it.
 */
export function updateRecordWithContext(
  execute: ReturnType<typeof supportTools>['spies']['updateRecord'],
) {
  return tool({
    inputSchema: z.object({ customerId: z.string(), field: z.string(), value: z.string() }),
    contextSchema: z.object({
      sessionId: z.string().optional(),
      authorization_token: z.string().optional(),
      approver_id: z.string().optional(),
    }),
    execute,
  });
}
