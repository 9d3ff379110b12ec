export { type Admission, admit } from './admit';
export { createGuard } from './create-guard';
export { type DecisionCode, decisionCodes } from './decision-code';
export { forbiddenAssignment } from './forbidden-assignment';
export type { CheckOptions, Guard, GuardOptions } from './guard-options';
export { type GuardPolicy, resolvePolicy } from './resolve-policy';
export { runSelfTest, type SelfTestOptions } from './self-test';
export type * from './types';
