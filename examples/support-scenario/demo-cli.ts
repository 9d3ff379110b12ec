// The demos' command line, whatever the framework: pick the model (a real one when a key is set,
// else the scripted one), print the header, run the scenario with the printer, print the summary
// and what the run showed, and say whether it showed it (the exit code).
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { colors, useColor } from '@preflight/cli';
import { DEFAULT_EVIDENCE_DIR } from '@preflight/core/node';
import { type DemoResult, demoOutcome } from './demo-call';
import { demoPrinter, printSummary } from './render';
import type { RunDemoOptions } from './run-scenario';
import { policyPath } from './script';

export interface DemoCliOptions {
  /** The first line, e.g. 'PreFlight demo (LangChain.js): a support agent meets a prompt injection'. */
  title: string;
  /** How PreFlight is wired in, for the policy line (e.g. 'middleware preflightMiddleware'). Default none. */
  wiring?: string;
  /** The environment variables that select a real model, as the model line names them. */
  realModelKeys: string;
  /** The real model when the environment asks for one and its provider is installed. */
  loadRealModel(
    env: NodeJS.ProcessEnv,
    note: (line: string) => void,
  ): Promise<{ name: string; model: unknown } | undefined>;
  /** The offline model. */
  scriptedModel(): unknown;
  /** The framework's run of the scenario. */
  runDemo(options: RunDemoOptions<unknown>): Promise<DemoResult>;
}

/**
 * Runs a demo as `pnpm demo` does and returns its exit code: 0 when the story was shown (the
 * exfiltration blocked, the approved update ran, the evidence verified), or when a real model
 * simply chose another path but nothing got out; 1 otherwise.
 */
export async function runDemoCli({
  title,
  wiring,
  realModelKeys,
  loadRealModel,
  scriptedModel,
  runDemo,
}: DemoCliOptions): Promise<number> {
  const color = colors(useColor(process.env, process.stdout.isTTY === true));
  const print = (line = '') => process.stdout.write(`${line}\n`);
  const evidenceDir = process.env['PREFLIGHT_EVIDENCE_DIR'] || DEFAULT_EVIDENCE_DIR;

  const real = await loadRealModel(process.env, (line) => print(color.yellow(line)));
  print(color.bold(title));
  const policyFile = relative(process.cwd(), fileURLToPath(policyPath));
  const wiringText = wiring === undefined ? '' : ` · ${wiring}`;
  print(color.dim(`policy ${policyFile} · engine local${wiringText} · evidence ${evidenceDir}`));
  print(
    color.dim(`model ${real?.name ?? `scripted (offline; set ${realModelKeys} for a real model)`}`),
  );

  const result = await runDemo({
    model: real?.model ?? scriptedModel(),
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
  return ok || (real !== undefined && outcome.exfiltrationBlocked) ? 0 : 1;
}
