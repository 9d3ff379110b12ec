export { type CompiledPolicy, type CompilePolicyOptions, compilePolicy } from './compile-policy';
export { acceptedShapes } from './compiler';
export { definePolicy } from './define-policy';
export { expressionVariables } from './expression-variables';
export * from './ir';
export * from './lexicon';
export { policyHash, policyIrDomainTag } from './policy-hash';
export * from './smt';
export { type VariableCatalogueEntry, variableCatalogue } from './variable-catalogue';
