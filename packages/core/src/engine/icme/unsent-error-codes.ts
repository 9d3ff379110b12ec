/**
 * Connect-phase error codes (Node's `errno` names and undici's connect timeout): the connection
 * was never established, so the request never left and even a paid call may be retried. Both
 * ICME transports (fetch and undici) classify with this one list.
 */
export const unsentErrorCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
