// The optional real-model path: with OPENAI_API_KEY set and @ai-sdk/openai installed, the same
// scenario runs against OpenAI. @ai-sdk/openai is not a dependency of this repository; it is
// loaded only when asked for, and the demo falls back to the scripted model without it.

export interface RealModel {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: a LanguageModel from the provider package.
  model: any;
}

/** The provider package, named in a variable so that TypeScript and bundlers leave it optional. */
const openaiPackage = '@ai-sdk/openai';

export async function loadRealModel(
  env: NodeJS.ProcessEnv,
  note: (line: string) => void,
): Promise<RealModel | undefined> {
  if (!env['OPENAI_API_KEY']) return undefined;
  try {
    const { openai } = (await import(openaiPackage)) as { openai: (id: string) => unknown };
    const id = env['OPENAI_MODEL'] || 'gpt-4o-mini';
    return { name: `openai ${id}`, model: openai(id) };
  } catch {
    note(`OPENAI_API_KEY is set but ${openaiPackage} is not installed; using the scripted model.`);
    return undefined;
  }
}
