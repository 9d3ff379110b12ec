// The real-model path, offline: the real @langchain/openai provider talks HTTP to a fake OpenAI
// server on 127.0.0.1 that replays the support script, and the guarded agent runs the whole
// scenario through it. No network beyond the loopback interface.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectSupportStory, runQuietly } from '../support-scenario/expect-support-story';
import { type FakeOpenAI, startFakeOpenAI } from '../support-scenario/fake-openai';
import { loadRealModel } from './real-model';
import { runDemo } from './scenario';

let server: FakeOpenAI;
beforeEach(async () => {
  server = await startFakeOpenAI();
});
afterEach(() => server.close());

describe('the real-model path (examples/langchain-exfiltration/real-model.ts)', () => {
  it('without OPENAI_API_KEY there is no real model (the demo runs scripted)', async () => {
    expect(await loadRealModel({ OPENAI_BASE_URL: server.baseURL })).toBeUndefined();
    expect(server.requests).toEqual([]);
  });

  it('with a key, runs the scenario through @langchain/openai, every tool call guarded', async () => {
    const real = await loadRealModel({
      OPENAI_API_KEY: 'sk-test-offline',
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_MODEL: 'gpt-test',
    });
    expect(real?.name).toBe('openai:gpt-test');
    const run = await runQuietly((options) => runDemo({ model: real!.model, ...options }));
    expectSupportStory(run);

    // One Chat Completions request per model step, with the key and the model asked for.
    expect(server.requests).toHaveLength(8);
    for (const request of server.requests) {
      expect(request.path).toBe('/v1/chat/completions');
      expect(request.authorization).toBe('Bearer sk-test-offline');
      expect(request.body['model']).toBe('gpt-test');
    }
    // What the provider sent the model after the blocked export: the denial, not the records.
    const afterExport = server.requests[3]!.body['messages'] as { role: string }[];
    expect(afterExport.at(-1)).toMatchObject({
      role: 'tool',
      tool_call_id: 'call_3',
      content: expect.stringMatching(/did not run/),
    });
  });
});
