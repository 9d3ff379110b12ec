export { emitSmtLib } from './emit-smt-lib';
export { invalidValueReason } from './invalid-value-reason';
export { type SmtQueryKind, smtQuery } from './smt-query';
