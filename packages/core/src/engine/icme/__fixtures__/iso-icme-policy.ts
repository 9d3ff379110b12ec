/**
 * The ISO 42001 seed policy (examples/iso42001/policy.txt) as ICME might compile it: written by
 * hand in the SMT-LIB layout of the live capture in shared/reference/icme-preflight-api.md §3.7
 * (`; var name (Sort): description`, enum codes as `<Enum>_<VALUE> = n` comments, rules as
 * implications about an "...Allowed" variable). Not a captured response: ICME's real names for
 * this policy are unknown. The enum codes sit on the comment line after the var line.
 */
export const isoIcmeSmt = [
  '(set-logic QF_LIRA)',
  '; var transferCustomerRecords (Bool): True if the action transfers customer records.',
  '(declare-const transferCustomerRecords Bool)',
  '; var destinationExternal (Bool): True if the destination is external.',
  '(declare-const destinationExternal Bool)',
  '; var authorizationToken (Bool): True if an authorization token is provided in the action.',
  '(declare-const authorizationToken Bool)',
  '; var modifyProductionRecords (Bool): True if the action modifies production records.',
  '(declare-const modifyProductionRecords Bool)',
  '; var recordCount (Int): Number of records the action processes.',
  '(declare-const recordCount Int)',
  '; var sessionRecordCount (Int): Number of records processed in the agent session.',
  '(declare-const sessionRecordCount Int)',
  '; var reAuthorizationToken (Bool): True if a re-authorization token is provided.',
  '(declare-const reAuthorizationToken Bool)',
  '; var classification (Int): The classification of the records accessed.',
  ';   Classification_RESTRICTED = 0, Classification_CONFIDENTIAL = 1, Classification_OTHER = 2',
  '(declare-const classification Int)',
  '; var approvalToken (Bool): True if an approval token is provided in the action.',
  '(declare-const approvalToken Bool)',
  '; var approverId (Bool): True if an approver id is included.',
  '(declare-const approverId Bool)',
  '; var isAccessAllowed (Bool): True if the access is permitted.',
  '(declare-const isAccessAllowed Bool)',
  '; Rule R4 (if classification is equal to Classification_RESTRICTED and approvalToken is false, then isAccessAllowed is false)',
  '(assert (=> (and (= classification 0) (not approvalToken)) (not isAccessAllowed)))',
  '(check-sat)',
  '(get-model)',
].join('\n');
