export { createLocalEngine, type LocalEngineOptions } from './create-local-engine';
