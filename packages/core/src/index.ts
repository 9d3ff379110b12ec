export * from './crypto';
export * from './errors';
export type * from './guard/types';
export * from './policy/ir';
