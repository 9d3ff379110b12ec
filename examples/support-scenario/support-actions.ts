// What the support agent's four tools do to the CRM, whatever the framework. Each demo wraps
// these in its framework's tool shape (name, description, input schema); nothing here checks a
// policy: PreFlight decides before any of them runs.
import type { Customer } from './crm';
import { type ExportArgs, exportedIds } from './support-mappings';

/** The field of a record `updateRecord` may change. */
export type UpdatableField = 'billingAddress' | 'email' | 'plan';

/** The tools' descriptions, as the model reads them. */
export const toolDescriptions = {
  searchCustomers: 'Find customers by name or email. Returns ids and names.',
  readCustomer: 'Read one customer record, including account notes.',
  exportRecords: 'Email customer records (CSV) to an address.',
  updateRecord: 'Change one field of a customer record (e.g. billingAddress).',
} as const;

/** The tools' behaviour over `crm` (which `updateRecord` changes in place). */
export function supportActions(crm: Map<string, Customer>) {
  return {
    searchCustomers({ query }: { query: string }) {
      const needle = query.toLowerCase();
      return [...crm.values()]
        .filter((c) => c.name.toLowerCase().includes(needle) || c.email.includes(needle))
        .slice(0, 5)
        .map(({ id, name }) => ({ id, name }));
    },
    readCustomer({ customerId }: { customerId: string }) {
      return crm.get(customerId) ?? { error: `no customer ${customerId}` };
    },
    exportRecords(args: ExportArgs) {
      return { sent: exportedIds(args, crm).length, to: args.to };
    },
    updateRecord({
      customerId,
      field,
      value,
    }: {
      customerId: string;
      field: UpdatableField;
      value: string;
    }) {
      const customer = crm.get(customerId);
      if (customer === undefined) return { error: `no customer ${customerId}` };
      Object.assign(customer, { [field]: value });
      return { updated: customerId, field, value };
    },
  };
}
