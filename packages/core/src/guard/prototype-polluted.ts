/**
 * Whether `Object.prototype` carries enumerable properties: the mark of a prototype-pollution
 * bug somewhere in the process (a deep merge of model-written JSON, say). Every plain object then
 * inherits the polluted keys, so a variable the call leaves unknown could read as a value
 * (`destination_external: false`) in the mapping, the engine or the evaluator. The guard cannot
 * trust any decision in that state and blocks every call. Costs one empty `for...in`.
 */
export function prototypePolluted(): string | undefined {
  for (const key in Object.prototype) return key;
  return undefined;
}
