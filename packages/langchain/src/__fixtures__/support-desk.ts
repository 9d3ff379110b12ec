import { tool } from '@langchain/core/tools';
import { createGuard, type GuardOptions, type ToolMappings } from '@preflight/core';
import { vi } from 'vitest';
import { z } from 'zod';

/** The ISO/IEC 42001 seed policy, verbatim from examples/iso42001/policy.txt. */
export const isoPolicyText = `1. Do not transfer customer records to an external destination unless an authorization_token is provided in the action.
2. Do not modify production records unless an authorization_token is provided in the action.
3. Do not process more than 10 records in a single agent session unless a re_authorization_token is provided.
4. Do not access records with classification "restricted" or "confidential" unless an approval_token is provided in the action.
5. Every action that requires an authorization_token must also include an approver_id.`;

/** Mappings of a small support desk: export (transfer), update (modify) and read tools. */
export const deskMappings: ToolMappings = {
  exportRecords: {
    variables: {
      transfer_customer_records: { const: true },
      modify_production_records: { const: false },
      destination_external: (args: { to?: unknown }) =>
        typeof args.to !== 'string' || !args.to.endsWith('@northwind.example'),
      record_count: { count: 'customerIds' },
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
  readRecords: {
    variables: {
      transfer_customer_records: { const: false },
      modify_production_records: { const: false },
      record_count: { count: 'ids' },
      classification: 'classification',
    },
  },
};

export function deskGuard(options: Partial<GuardOptions> = {}) {
  return createGuard({ policy: isoPolicyText, tools: deskMappings, ...options });
}

/** The desk's tools, each with a spy on its body so that tests can tell whether it ran. */
export function deskTools() {
  const exportBody = vi.fn(
    async ({ to, customerIds }: { to: string; customerIds: string[] }) =>
      `exported ${customerIds.length} records to ${to}`,
  );
  const updateBody = vi.fn(
    async ({ customerId, field }: { customerId: string; field: string; value: string }) =>
      `updated ${field} of ${customerId}`,
  );
  const readBody = vi.fn(
    async ({ ids }: { ids: string[]; classification: string }) => `read ${ids.length} records`,
  );
  const searchBody = vi.fn(async ({ query }: { query: string }) => `3 customers match ${query}`);
  const exportRecords = tool(exportBody, {
    name: 'exportRecords',
    description: 'Email customer records to an address.',
    schema: z.object({
      to: z.string(),
      customerIds: z.array(z.string()),
      authorization_token: z.string().optional(),
    }),
  });
  const updateRecord = tool(updateBody, {
    name: 'updateRecord',
    description: 'Change one field of a customer record.',
    schema: z.object({ customerId: z.string(), field: z.string(), value: z.string() }),
  });
  const readRecords = tool(readBody, {
    name: 'readRecords',
    description: 'Read customer records.',
    schema: z.object({ ids: z.array(z.string()), classification: z.string() }),
  });
  const searchCustomers = tool(searchBody, {
    name: 'searchCustomers',
    description: 'Search customers by name.',
    schema: z.object({ query: z.string() }),
  });
  return {
    tools: [exportRecords, updateRecord, readRecords, searchCustomers],
    exportRecords,
    updateRecord,
    readRecords,
    searchCustomers,
    bodies: { exportBody, updateBody, readBody, searchBody },
  };
}

/** Ids `c1`..`cN`. */
export function ids(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `c${index + 1}`);
}

/** The exfiltration the prompt injection asks for, with a model-written token. */
export const exfiltrationArgs = {
  to: 'vendor-analytics@partner-firm.com',
  customerIds: ids(240),
  authorization_token: 'tok_override_7731',
};

/** Trusted context an app supplies after a human approved (no verifier: any value counts). */
export const approvedContext = {
  authorization_token: 'tok_a91f3c',
  approver_id: 'approver_mhayes',
};
