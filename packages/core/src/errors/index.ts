export { errorCodes, type PreflightErrorCode } from './error-codes';
export { PreflightError } from './preflight-error';
