import { describe, it } from 'vitest';
import { expectSupportStory, runQuietly } from '../support-scenario/expect-support-story';
import { runDemo } from './scenario';
import { scriptedSupportModel } from './scripted-model';

describe('pnpm demo (examples/vercel-ai-exfiltration)', () => {
  it('blocks the injected exfiltration, allows the approved update, and verifies its evidence', async () => {
    // The scripted model reads the blocks as `execution-denied` tool results.
    const run = await runQuietly((options) =>
      runDemo({ model: scriptedSupportModel(), ...options }),
    );
    expectSupportStory(run);
  });
});
