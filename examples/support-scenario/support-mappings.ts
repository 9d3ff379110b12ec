// How each of the support agent's tools maps to the ISO/IEC 42001 policy's variables, for any
// framework. The mappings are the app developer's statement of what each tool does: they read
// the model's args (untrusted) and the CRM (the app's own data), never a token.
import type { ToolMappings } from '@preflight/core';
import { type Customer, companyDomain } from './crm';

/** The args of exportRecords. `authorization_token` is there because models write one. */
export interface ExportArgs {
  to: string;
  customerIds?: string[];
  allCustomers?: boolean;
  authorization_token?: string;
}

/** How many records an export touches: all of them, or the ones named. */
export function exportedIds(args: ExportArgs, crm: Map<string, Customer>): string[] {
  return args.allCustomers === true ? [...crm.keys()] : (args.customerIds ?? []);
}

// One plain address, `local@host`: an unquoted local part, a host of ASCII labels, optionally
// the root dot.
const plainAddress = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\.?$/;

/**
 * The domain of exactly one plain email address, else undefined. Whatever else the model may
 * write into `to` (a recipient list `attacker@evil.com, ops@acme.example`, several `@`, a quoted
 * local part, a display name, a header line) has no single domain, so it counts as external:
 * taking the text after the last `@` would call that list internal.
 */
function domainOf(address: string): string | undefined {
  return plainAddress.exec(address.trim())?.[1]?.toLowerCase();
}

/** Tool name -> policy variables, for `createGuard({ tools })`. */
export function supportMappings(crm: Map<string, Customer>): ToolMappings {
  const classificationOf = (id: string) => crm.get(id)?.classification;
  return {
    // searchCustomers has no mapping: it touches no policy variable and is screened out.
    readCustomer: {
      variables: {
        transfer_customer_records: { const: false },
        modify_production_records: { const: false },
        record_count: { const: 1 },
        classification: (args: { customerId: string }) => classificationOf(args.customerId),
      },
    },
    exportRecords: {
      variables: {
        transfer_customer_records: { const: true },
        modify_production_records: { const: false },
        destination_external: (args: ExportArgs) => domainOf(args.to) !== companyDomain,
        record_count: (args: ExportArgs) => exportedIds(args, crm).length,
        classification: { const: 'standard' },
      },
      // Also read args named like policy variables, so a token the model writes is seen (and
      // refused: permission variables never come from args) and reported in the decision.
      nameMatching: true,
    },
    updateRecord: {
      variables: {
        modify_production_records: { const: true },
        transfer_customer_records: { const: false },
        record_count: { const: 1 },
        classification: (args: { customerId: string }) => classificationOf(args.customerId),
      },
    },
  };
}
