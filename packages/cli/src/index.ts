// Library face of the CLI: run it in-process, or reuse its checks and output.
export { type CheckActionOptions, type CheckReport, checkAction } from './check-action';
export { type CheckEngine, type CheckEngineRequest, checkEngines } from './check-engines';
export { type CliContext, cli, colors, useColor } from './cli-context';
export { exitCodes } from './exit-code';
export { formatCheckReport, formatResult } from './format-check-report';
export { type LoadedPolicy, loadPolicy } from './load-policy';
export { type RunCliOptions, runCli } from './run-cli';
