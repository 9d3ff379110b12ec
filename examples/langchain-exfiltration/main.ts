// `pnpm demo:langchain`: a support agent built on LangChain.js (`createAgent`) meets a prompt
// injection that tries to email all 240 customer records to an outside address. PreFlight, one
// line of middleware, blocks it (UNSAT, rules named) and later allows a billing-address change
// that a supervisor approved. Offline by default.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { colors, useColor } from '../../packages/cli/src/index';
import { DEFAULT_EVIDENCE_DIR } from '../../packages/core/src/node/index';
import { demoOutcome } from '../support-scenario/demo-call';
import { demoPrinter, printSummary } from '../support-scenario/render';
import { policyPath } from '../support-scenario/script';
import { loadRealModel } from './real-model';
import { runDemo } from './scenario';
import { scriptedSupportModel } from './scripted-model';

const color = colors(useColor(process.env, process.stdout.isTTY === true));
const print = (line = '') => process.stdout.write(`${line}\n`);
const evidenceDir = process.env['PREFLIGHT_EVIDENCE_DIR'] || DEFAULT_EVIDENCE_DIR;

const real = await loadRealModel(process.env, (line) => print(color.yellow(line)));
print(color.bold('PreFlight demo (LangChain.js): a support agent meets a prompt injection'));
const policyFile = relative(process.cwd(), fileURLToPath(policyPath));
print(
  color.dim(
    `policy ${policyFile} · engine local · middleware preflightMiddleware · evidence ${evidenceDir}`,
  ),
);
print(
  color.dim(
    `model ${real?.name ?? 'scripted (offline; set OPENAI_API_KEY or ANTHROPIC_API_KEY for a real model)'}`,
  ),
);

const result = await runDemo({
  model: real?.model ?? scriptedSupportModel(),
  evidenceDir,
  events: demoPrinter(print, color),
});
printSummary(result, evidenceDir, print, color);

const outcome = demoOutcome(result.calls);
print();
const mark = (ok: boolean) => (ok ? color.green('✓') : color.red('✗'));
if (outcome.exportAttempts === 0) {
  print(`${color.yellow('–')} the model did not attempt the export this time (nothing to block)`);
} else {
  print(
    `${mark(outcome.exfiltrationBlocked)} exfiltration of customer records blocked before the tool ran`,
  );
}
print(
  `${mark(outcome.authorizedUpdateRan)} the approved billing-address update was allowed and ran`,
);
print(`${mark(result.evidence.ok)} every decision is in the signed, hash-chained evidence log`);
const ok = outcome.exfiltrationBlocked && outcome.authorizedUpdateRan && result.evidence.ok;
process.exitCode = ok || (real !== undefined && outcome.exfiltrationBlocked) ? 0 : 1;
