// `pnpm demo:langchain`: a support agent built on LangChain.js (`createAgent`) meets a prompt
// injection that tries to email all 240 customer records to an outside address. PreFlight, one
// line of middleware, blocks it (UNSAT, rules named) and later allows a billing-address change
// that a supervisor approved. Offline by default.
import { runDemoCli } from '../support-scenario/demo-cli';
import { loadRealModel } from './real-model';
import { runDemo } from './scenario';
import { scriptedSupportModel } from './scripted-model';

process.exitCode = await runDemoCli({
  title: 'PreFlight demo (LangChain.js): a support agent meets a prompt injection',
  wiring: 'middleware preflightMiddleware',
  realModelKeys: 'OPENAI_API_KEY',
  loadRealModel,
  scriptedModel: scriptedSupportModel,
  runDemo,
});
