/**
 * The set-up the adapter benches (langchain, vercel-ai) share: a guard on the ISO/IEC 42001
 * policy with the embedded engine and no recorder, mapping one `updateRecord` tool, the args a
 * fake model sends it, and the trusted tokens that make the call allowed.
 */
import { readFile } from 'node:fs/promises';
import { createGuard, type Guard } from '@preflight/core';

const policyUrl = new URL('../examples/iso42001/policy.txt', import.meta.url);

/** The args every benched `updateRecord` call carries. */
export const updateArgs = {
  customerId: 'cust_4421',
  field: 'billingAddress',
  value: '12 Harbour St',
};

/** Trusted context that satisfies rules 2 and 5, so the call is allowed (SAT). */
export const tokens = { authorization_token: 'tok_bench', approver_id: 'approver_bench' };

/** A guard that maps `updateRecord` to "modifies one standard production record". */
export async function createUpdateRecordGuard(): Promise<Guard> {
  return createGuard({
    policy: await readFile(policyUrl, 'utf8'),
    tools: {
      updateRecord: {
        variables: {
          modify_production_records: { const: true },
          transfer_customer_records: { const: false },
          record_count: { const: 1 },
          classification: { const: 'standard' },
        },
      },
    },
  });
}

/**
 * `guard.check` + `settle` of one allowed `updateRecord` call with no framework around it, each
 * call in its own session (`nextId`), so an adapter's own share of its overhead can be read off.
 */
export function directCheck(guard: Guard, nextId: () => string): () => Promise<void> {
  return async () => {
    const id = nextId();
    const decision = await guard.check(
      { tool: 'updateRecord', args: updateArgs, toolCallId: id, sessionId: id },
      tokens,
    );
    await guard.settle(decision, { ran: true, ok: true });
  };
}
