/**
 * Guard benchmark: `guard.check` per tool call on the ISO 42001 policy (compiled from
 * examples/iso42001/policy.txt) with declared tool mappings, relevance screening and session
 * accounting (reserve at check, commit or release at settle), embedded engine. Reference measured
 * in the same run: one Ed25519 signature with node:crypto over a decision-sized payload, the cost
 * a signed receipt will add to every call.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { canonicalJson, createGuard, type ToolCall, type TrustedContext } from '@preflight/core';
// What a CRM app would declare for its tools (see examples/iso42001/tool-mappings.yaml): the
// same mappings the guard's own tests run on.
import { isoTools as tools } from '../packages/core/src/guard/__fixtures__/iso42001';
import { type BenchContext, type BenchRow, cycle, measure, measureAsync } from './harness';

const policyPath = fileURLToPath(new URL('../examples/iso42001/policy.txt', import.meta.url));

const tokens: TrustedContext = {
  authorization_token: 'tok_a91f3c',
  approver_id: 'approver_mhayes',
};
const ids = (n: number) => Array.from({ length: n }, (_, i) => `cust_${i}`);

/** Mapped calls, half allowed and half blocked, each as (tool, args, context). */
const mappedCalls: Array<[string, unknown, TrustedContext]> = [
  [
    'exportRecords',
    { to: 'vendor@partner-firm.com', recordIds: ids(3), classification: 'standard' },
    {},
  ],
  [
    'exportRecords',
    { to: 'vendor@partner-firm.com', recordIds: ids(3), classification: 'standard' },
    tokens,
  ],
  ['updateRecord', { id: 'cust_4421', classification: 'standard', address: '1 Main St' }, tokens],
  ['updateRecord', { id: 'cust_4421', classification: 'standard', address: '1 Main St' }, {}],
  ['readRecords', { ids: ids(35), classification: 'restricted' }, {}],
  ['readRecords', { ids: ids(5), classification: 'public' }, {}],
  ['readRecords', { ids: ids(2), classification: 'confidential' }, { approval_token: 'tok_b2' }],
  [
    'exportRecords',
    { to: 'team@example.com', recordIds: ids(4), classification: 'restricted' },
    {},
  ],
];

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const guard = await createGuard({ policy: await readFile(policyPath, 'utf8'), tools });
  const samples = Math.max(200, Math.round(2000 * ctx.scale));
  const rows: BenchRow[] = [];

  // Reference: one Ed25519 signature over a decision-sized canonical payload.
  const sample = await guard.check(call(mappedCalls[0]!, -1), mappedCalls[0]![2]);
  const payload = new TextEncoder().encode(canonicalJson(JSON.parse(JSON.stringify(sample))));
  const { privateKey } = generateKeyPairSync('ed25519');
  const ed25519 = measure(() => sign(null, payload, privateKey), { samples });
  const ed25519Name = 'guard/ed25519 sign (node:crypto)';
  rows.push({ name: ed25519Name, ...ed25519, baseline: null });
  ctx.log(`  ed25519 payload ${payload.length} bytes`);

  let counter = 0;
  const nextMapped = cycle(mappedCalls);
  let allowed = 0;
  const mapped = await measureAsync(
    async () => {
      const entry = nextMapped();
      const decision = await guard.check(call(entry, counter++), entry[2]);
      if (decision.allowed) allowed++;
      await guard.settle(decision, { ran: decision.allowed, ok: decision.allowed });
      return decision;
    },
    { samples },
  );
  ctx.log(`  mapped calls: ${Math.round((100 * allowed) / counter)}% allowed`);
  rows.push({ name: 'guard/iso42001/check+settle mapped call', ...mapped, baseline: ed25519Name });

  const unmapped = cycle<Array<[string, unknown]>[number]>([
    ['bulkRead', { records: ids(4), classification: 'restricted' }],
    ['bulkRead', { records: ids(2), classification: 'public', modify_production_records: false }],
  ]);
  const named = await measureAsync(
    async () => {
      const [tool, args] = unmapped();
      const decision = await guard.check({
        tool,
        args,
        toolCallId: 'n',
        sessionId: `n${counter++}`,
      });
      await guard.settle(decision, { ran: decision.allowed, ok: decision.allowed });
      return decision;
    },
    { samples },
  );
  rows.push({
    name: 'guard/iso42001/check+settle name-matched call',
    ...named,
    baseline: ed25519Name,
  });

  const screened = await measureAsync(
    async () => {
      const decision = await guard.check(
        {
          tool: 'getWeather',
          args: { city: 'Paris', units: 'metric' },
          toolCallId: 's',
          sessionId: 's',
        },
        tokens,
      );
      if (!decision.screenedOut) throw new Error('the screening bench call was not screened out');
      return decision;
    },
    { samples },
  );
  rows.push({ name: 'guard/iso42001/check screened-out call', ...screened, baseline: ed25519Name });
  return rows;
}

/** A tool call in its own session (so counters stay in range and results stay as designed). */
function call([tool, args]: [string, unknown, TrustedContext], index: number): ToolCall {
  return { tool, args, toolCallId: `call-${index}`, sessionId: `session-${index}` };
}
