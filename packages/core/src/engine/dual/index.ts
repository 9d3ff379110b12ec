export { createDualEngine, type DualEngineOptions } from './create-dual-engine';
