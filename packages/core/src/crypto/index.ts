export { canonicalJson } from './canonical-json';
export { digestJson, sha256Hex } from './digest';
