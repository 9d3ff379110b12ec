import { AIMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { createAgent, createMiddleware } from 'langchain';
import { z } from 'zod';

const boom = tool(
  async () => {
    throw new Error('CRM down');
  },
  { name: 'boom', description: 'x', schema: z.object({}) },
);
const passthrough = createMiddleware({
  name: 'pass',
  wrapToolCall: (req, handler) => handler(req),
});
for (const middleware of [[], [passthrough]]) {
  const model = fakeModel()
    .respondWithTools([{ name: 'boom', args: {} }])
    .respond(new AIMessage('done'));
  try {
    const r = await createAgent({ model, tools: [boom], middleware }).invoke({
      messages: [{ role: 'user', content: 'x' }],
    });
    console.log(
      middleware.length,
      'resolved',
      r.messages.map((m: any) => [m.type, String(m.content).slice(0, 60), m.status]),
    );
  } catch (e) {
    console.log(middleware.length, 'threw', (e as Error).name, (e as Error).message);
  }
}
