// Hand-written action text -> policy variables.
export { applyCounters, type SessionTotals } from './apply-counters';
// Tool calls -> actions (the guard's map step), canonical description, args validation.
export { actionDigestTag, type BuildActionOptions, buildAction } from './build-action';
export { type Coercion, coerceValue } from './coerce-value';
export {
  type DescribeActionOptions,
  type DescribeActionResult,
  describeAction,
  maxDescriptionLength,
} from './describe-action';
export {
  type ExtractAssignmentOptions,
  type ExtractedAssignment,
  extractAssignment,
} from './extract-assignment';
export { isOnList, type ListData } from './list-membership';
export {
  type MappedCall,
  type MapToolCallOptions,
  type MapToolCallResult,
  mapToolCall,
  type PermissionOffer,
} from './map-tool-call';
export { matchNames, snakeName } from './name-matching';
export { permissionVariables } from './permission-variables';
export { quoteUntrusted } from './quote-untrusted';
export { isProvided, type ResolvedPermissions, resolvePermissions } from './resolve-permissions';
export {
  type AnyToolMapping,
  type ArgsSchema,
  type DeclarativeToolMapping,
  defineToolMapping,
  type MapFunction,
  type SessionView,
  type ToolMapping,
  type ToolMappings,
  type VariableSource,
} from './tool-mapping';
export {
  parseToolMappingFile,
  type ToolMappingFile,
  toolMappingFileSchema,
} from './tool-mapping-file';
export {
  type ArgsLimits,
  type ArgsValidation,
  argsDigestTag,
  defaultArgsLimits,
  type JsonValue,
  validateArgs,
} from './validate-args';
export { validateToolMappings } from './validate-tool-mappings';
