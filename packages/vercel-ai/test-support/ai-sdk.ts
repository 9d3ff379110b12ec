// The AI SDK (ai 7), its mock models and zod, re-exported for code that lives outside this
// package and has no `ai` dependency of its own: examples/vercel-ai-exfiltration and
// bench/vercel-ai.bench.ts (neither has a package.json that could declare `ai`, and adding one
// needs a lockfile update). Resolved from here, `ai` is this package's dev dependency.
export {
  generateText,
  isStepCount,
  type ModelMessage,
  streamText,
  ToolLoopAgent,
  tool,
} from 'ai';
export { MockLanguageModelV4 } from 'ai/test';
export { z } from 'zod';
