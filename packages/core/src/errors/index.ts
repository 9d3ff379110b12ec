export { type PreflightErrorCode, errorCodes } from './error-codes';
export { PreflightError } from './preflight-error';
