// The optional real-model path: with OPENAI_API_KEY (or ANTHROPIC_API_KEY) set and the provider
// package (@langchain/openai, @langchain/anthropic) installed, the same scenario runs against
// that model through LangChain's `initChatModel`. Neither package is a dependency of this
// repository; without one, the demo says so and falls back to the scripted model.
import { initChatModel } from 'langchain';

export interface RealModel {
  name: string;
  model: Awaited<ReturnType<typeof initChatModel>>;
}

const providers = [
  { key: 'OPENAI_API_KEY', prefix: 'openai', model: 'OPENAI_MODEL', fallback: 'gpt-4o-mini' },
  {
    key: 'ANTHROPIC_API_KEY',
    prefix: 'anthropic',
    model: 'ANTHROPIC_MODEL',
    fallback: 'claude-3-5-haiku-latest',
  },
] as const;

export async function loadRealModel(
  env: NodeJS.ProcessEnv,
  note: (line: string) => void,
): Promise<RealModel | undefined> {
  for (const provider of providers) {
    if (!env[provider.key]) continue;
    const id = `${provider.prefix}:${env[provider.model] || provider.fallback}`;
    try {
      const model = await initChatModel(id);
      // initChatModel imports the provider package on first use: a missing one fails here.
      await model._getModelInstance();
      return { name: id, model };
    } catch {
      note(
        `${provider.key} is set but @langchain/${provider.prefix} is not installed; using the scripted model.`,
      );
    }
  }
  return undefined;
}
