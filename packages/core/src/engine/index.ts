export * from './dual';
export * from './icme';
export * from './local';
