import type { ToolMappings } from '../../action/tool-mapping';
import { type CompiledPolicy, compilePolicy } from '../../policy/compile-policy';

/** The ISO/IEC 42001 seed policy, verbatim from examples/iso42001/policy.txt. */
export const isoPolicyText = `1. Do not transfer customer records to an external destination unless an authorization_token is provided in the action.
2. Do not modify production records unless an authorization_token is provided in the action.
3. Do not process more than 10 records in a single agent session unless a re_authorization_token is provided.
4. Do not access records with classification "restricted" or "confidential" unless an approval_token is provided in the action.
5. Every action that requires an authorization_token must also include an approver_id.`;

export function isoPolicy(): CompiledPolicy {
  return compilePolicy(isoPolicyText);
}

/**
 * Mappings for three tools of a CRM agent, as an app developer would write them. Each fixes
 * every activity of the policy (true or false): an activity left unknown keeps rules 1, 2 and 5
 * undecided, and an undecided (SATISFIABLE) call is blocked by default.
 */
export const isoTools: ToolMappings = {
  exportRecords: {
    variables: {
      transfer_customer_records: { const: true },
      modify_production_records: { const: false },
      destination_external: (args: { to: string }) => !args.to.endsWith('@example.com'),
      record_count: { count: 'recordIds' },
      classification: 'classification',
    },
  },
  updateRecord: {
    variables: {
      modify_production_records: { const: true },
      transfer_customer_records: { const: false },
      record_count: { const: 1 },
      classification: 'classification',
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
