// The real-model path: with OPENAI_API_KEY set, the same scenario runs against OpenAI through
// @ai-sdk/openai (a dependency of this example). The provider is imported only here, when a key
// is set, so the offline demo never loads it.

export interface RealModel {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: a LanguageModel from the provider package.
  model: any;
}

/**
 * The OpenAI model the environment asks for, or undefined without `OPENAI_API_KEY` (the demo
 * then uses the scripted model). `OPENAI_MODEL` picks the model (default `gpt-4o-mini`),
 * `OPENAI_BASE_URL` an OpenAI-compatible endpoint (default the OpenAI API). The demo passes
 * `process.env`; a test passes its own env to point the provider at a local server.
 */
export async function loadRealModel(env: NodeJS.ProcessEnv): Promise<RealModel | undefined> {
  const apiKey = env['OPENAI_API_KEY'];
  if (!apiKey) return undefined;
  const { createOpenAI } = await import('@ai-sdk/openai');
  const baseURL = env['OPENAI_BASE_URL'] || undefined;
  const openai = createOpenAI({ apiKey, ...(baseURL === undefined ? {} : { baseURL }) });
  const id = env['OPENAI_MODEL'] || 'gpt-4o-mini';
  return { name: `openai ${id}`, model: openai(id) };
}
