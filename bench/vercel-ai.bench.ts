/**
 * The Vercel AI SDK adapter's overhead: one `generateText` step in which a mock model calls one
 * tool, with the tool set unguarded (baseline) and wrapped by `guardTools` (allowed and blocked
 * calls), on the ISO/IEC 42001 policy with the embedded engine and no recorder. The ratio is the
 * cost of the whole step with the guard over the step without it, measured in the same run.
 */
import { readFile } from 'node:fs/promises';
import { createGuard } from '@preflight/core';
import { guardTools } from '../packages/vercel-ai/src/index';
import {
  generateText,
  MockLanguageModelV4,
  tool,
  z,
} from '../packages/vercel-ai/test-support/ai-sdk';
import { generateResultOf } from '../packages/vercel-ai/test-support/scripted-model';
import { type BenchContext, type BenchRow, measureAsync } from './harness';

const policyUrl = new URL('../examples/iso42001/policy.txt', import.meta.url);
const baselineName = 'vercel-ai/generateText + 1 tool call, unguarded';

const updateArgs = { customerId: 'cust_4421', field: 'billingAddress', value: '12 Harbour St' };

/** A model that answers every call with one `updateRecord` tool call (fresh toolCallId). */
function toolCallingModel(): MockLanguageModelV4 {
  let calls = 0;
  return new MockLanguageModelV4({
    doGenerate: async () =>
      // biome-ignore lint/suspicious/noExplicitAny: the scripted result has the V4 shape.
      generateResultOf({
        toolCalls: [{ toolCallId: `c${calls++}`, toolName: 'updateRecord', input: updateArgs }],
      }) as any,
  });
}

function supportTools() {
  return {
    updateRecord: tool({
      inputSchema: z.object({ customerId: z.string(), field: z.string(), value: z.string() }),
      execute: async ({ customerId }) => ({ updated: customerId }),
    }),
  };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const guard = await createGuard({
    policy: await readFile(policyUrl, 'utf8'),
    tools: {
      updateRecord: {
        variables: {
          modify_production_records: { const: true },
          transfer_customer_records: { const: false },
          record_count: { const: 1 },
          classification: { const: 'standard' },
        },
      },
    },
  });
  let session = 0;
  // A fresh session per call, so the session record limit (rule 3) never kicks in.
  const sessionId = () => `bench-${session++}`;
  const allowedTools = guardTools(supportTools(), guard, {
    sessionId,
    context: { authorization_token: 'tok_bench', approver_id: 'approver_bench' },
  });
  const blockedTools = guardTools(supportTools(), guard, { sessionId });
  const plainTools = supportTools();
  const model = toolCallingModel();
  const samples = Math.max(50, Math.round(1000 * ctx.scale));

  const step = (tools: ReturnType<typeof supportTools>) => () =>
    generateText({ model, prompt: 'Update the billing address', tools });

  // Check once that the guarded variants do what they are named after.
  const allowed = await step(allowedTools)();
  const blocked = await step(blockedTools)();
  if (JSON.stringify(allowed.toolResults[0]?.output) !== '{"updated":"cust_4421"}') {
    throw new Error('the allowed guarded call did not run the tool');
  }
  if (!JSON.stringify(blocked.toolResults[0]?.output).includes('"blocked":true')) {
    throw new Error('the blocked guarded call was not blocked');
  }

  ctx.log(`vercel-ai: ${samples} samples per variant`);
  const rows: BenchRow[] = [];
  const variants = [
    { name: baselineName, tools: plainTools, baseline: null },
    {
      name: 'vercel-ai/generateText + 1 tool call, guarded (SAT, runs)',
      tools: allowedTools,
      baseline: baselineName,
    },
    {
      name: 'vercel-ai/generateText + 1 tool call, guarded (UNSAT, blocked)',
      tools: blockedTools,
      baseline: baselineName,
    },
  ];
  // The guard's own work for the allowed call, without the SDK or the adapter: the rest of the
  // guarded row's extra time over the baseline is the adapter itself.
  let direct = 0;
  const checkAlone = async () => {
    const decision = await guard.check(
      {
        tool: 'updateRecord',
        args: updateArgs,
        toolCallId: `d${direct}`,
        sessionId: `direct-${direct++}`,
      },
      { authorization_token: 'tok_bench', approver_id: 'approver_bench' },
    );
    await guard.settle(decision, { ran: true, ok: true });
  };
  for (const variant of variants) {
    const measured = await measureAsync(step(variant.tools), { samples });
    rows.push({
      name: variant.name,
      median_us: measured.median_us,
      p99_us: measured.p99_us,
      baseline: variant.baseline,
      batch: measured.batch,
      samples: measured.samples,
    });
  }
  const alone = await measureAsync(checkAlone, { samples });
  rows.push({
    name: 'vercel-ai/guard.check + settle alone (SAT), no SDK',
    median_us: alone.median_us,
    p99_us: alone.p99_us,
    baseline: baselineName,
    batch: alone.batch,
    samples: alone.samples,
  });
  return rows;
}
