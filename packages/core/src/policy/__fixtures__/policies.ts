/** The ISO 42001 policy, verbatim from issue 2 (examples/iso42001/policy.txt). */
export const isoPolicy = `1. Do not transfer customer records to an external destination unless an authorization_token is provided in the action.
2. Do not modify production records unless an authorization_token is provided in the action.
3. Do not process more than 10 records in a single agent session unless a re_authorization_token is provided.
4. Do not access records with classification "restricted" or "confidential" unless an approval_token is provided in the action.
5. Every action that requires an authorization_token must also include an approver_id.
`;

/** The four sector rules of issue 2, each shipped as its own example policy. */
export const sectorRules = {
  hipaa: 'Do not transmit any record containing PHI to a destination not on the approved BAA list.',
  payments:
    'Do not initiate any transfer above $10,000 without dual approval recorded in the action.',
  decisions:
    'Do not produce a final decision affecting an individual without a documented human-review step.',
  vendors: 'Do not call third-party APIs not on the approved-vendor list.',
} as const;

/** Same shapes, other words: proves the grammar is not written for the examples. */
export const otherWordsPolicy = `1. Do not delete invoices unless a deletion_ticket is provided.
2. Do not export more than 5 files in a single agent session unless a bulk_export_token is provided.
3. Do not share documents with sensitivity "secret" unless a clearance_token is provided in the action.
4. Do not wire any payment above $2,500 without treasurer sign-off recorded in the action.
5. Do not upload any file containing PII to a bucket not on the sanctioned storage list.
`;
