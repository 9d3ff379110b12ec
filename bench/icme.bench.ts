/**
 * ICME client benchmark, against a local stand-in of the API (no network, no credits):
 * - client overhead per `checkIt` (SSE parse, zod, deadline, retry wrapper, undici transport)
 *   versus a raw undici request to the same server in the same run (target ratio <= 1.10);
 * - 32 concurrent checks, versus 32 concurrent raw requests;
 * - the ICME engine's decision-cache hit path.
 */
import { type Action, createIcmeClient, createIcmeEngine } from '@preflight/core';
import { createUndiciTransport, startIcmeStandIn } from '@preflight/core/node';
// The same undici package instance the transport uses (one copy in the workspace store).
import { Agent } from 'undici';
import { type BenchContext, type BenchRow, measureAsync, summarize } from './harness';

const OVERHEAD_TARGET = { maxRatio: 1.1, label: '<= 1.10x a raw undici request' };

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const standIn = await startIcmeStandIn();
  const transport = createUndiciTransport({ keepAliveTimeoutMs: 30_000, connections: 32 });
  // The same pool settings as the transport's own Agent (createUndiciTransport's defaults).
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: 32,
    connect: { timeout: 10_000 },
  });
  try {
    const url = new URL(standIn.url);
    const headers = {
      'user-agent': 'bench',
      accept: 'text/event-stream',
      'content-type': 'application/json',
      'x-api-key': 'sk-smt-bench',
    };
    // The least any client does to get a verdict: serialise the request, read the whole body and
    // parse its last event (no SSE parser, no validation, no deadline, no retries).
    const raw = async () => {
      const response = await agent.request({
        origin: url.origin,
        path: `${url.pathname}/checkIt`,
        method: 'POST',
        headers,
        body: JSON.stringify({ policy_id: 'bench-policy', action: 'approval_token: provided' }),
      });
      const text = await response.body.text();
      const done = JSON.parse(text.slice(text.lastIndexOf('data: ') + 6)) as { step?: unknown };
      if (response.statusCode !== 200 || done.step !== 'done')
        throw new Error('raw request failed');
      return done;
    };
    const client = createIcmeClient({ apiKey: 'sk-smt-bench', baseUrl: standIn.url, transport });
    const check = () =>
      client.checkIt({ policyId: 'bench-policy', action: 'approval_token: provided' });
    const samples = Math.max(50, Math.round(3000 * ctx.scale));

    // Interleaved: each sample times one raw request and one client check back to back, in
    // alternating order, so drift (GC, a CPU shared with other work) hits both alike.
    const pair = await measurePair(raw, check, samples);
    ctx.log(
      `  checkIt: raw ${pair.raw.median_us.toFixed(0)} us, client ${pair.client.median_us.toFixed(0)} us median (client overhead ${(pair.client.median_us - pair.raw.median_us).toFixed(0)} us)`,
    );

    const fanout = 32;
    const bursts = await measurePair(
      () => Promise.all(Array.from({ length: fanout }, raw)),
      () => Promise.all(Array.from({ length: fanout }, check)),
      Math.max(20, Math.round(300 * ctx.scale)),
    );
    const { raw: rawBurst, client: clientBurst } = bursts;
    ctx.log(
      `  ${fanout} concurrent: raw ${(fanout / (rawBurst.median_us / 1e6)).toFixed(0)} checks/s, client ${(fanout / (clientBurst.median_us / 1e6)).toFixed(0)} checks/s`,
    );

    const engine = createIcmeEngine({ client, policyId: 'bench-policy', screen: true });
    const action: Action = {
      tool: 'export',
      toolCallId: 't',
      sessionId: 's',
      variables: { approval_token: { value: true, provenance: 'context' } },
      description: 'PreFlight action v1\napproval_token: provided',
      digest: 'sha256:0',
      argsDigest: 'sha256:1',
      assignment: { approval_token: true },
    };
    const first = await engine.decide(action);
    if (first.result !== 'SAT')
      throw new Error(`engine warm-up gave ${first.result}: ${first.reason}`);
    const hit = await measureAsync(() => engine.decide(action), {
      samples: Math.max(200, Math.round(5000 * ctx.scale)),
    });

    const rawName = 'icme/checkIt raw undici request';
    const clientName = 'icme/checkIt client (vs raw undici)';
    return [
      { name: rawName, ...row(pair.raw), baseline: null },
      { name: clientName, ...row(pair.client), baseline: rawName, target: OVERHEAD_TARGET },
      {
        name: `icme/${fanout} concurrent raw requests (per burst)`,
        ...row(rawBurst),
        baseline: null,
      },
      {
        name: `icme/${fanout} concurrent checkIt (per burst, vs raw)`,
        ...row(clientBurst),
        baseline: `icme/${fanout} concurrent raw requests (per burst)`,
      },
      {
        name: 'icme/engine decide, cache hit (vs client checkIt)',
        ...row(hit),
        baseline: clientName,
      },
    ];
  } finally {
    await transport.close();
    await agent.close();
    await standIn.close();
  }
}

function row(measurement: { median_us: number; p99_us: number; batch: number; samples: number }) {
  const { median_us, p99_us, batch, samples } = measurement;
  return { median_us, p99_us, batch, samples };
}

/**
 * Times `a` and `b` alternately, one call each per sample, after a warm-up of both. The order
 * flips every sample (a b, b a, ...) so neither always runs right after the other's garbage.
 */
async function measurePair(a: () => Promise<unknown>, b: () => Promise<unknown>, samples: number) {
  for (let i = 0; i < Math.max(100, samples / 5); i++) {
    await a();
    await b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const start = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - start));
  };
  for (let i = 0; i < samples; i++) {
    if (i % 2 === 0) {
      await time(a, timesA);
      await time(b, timesB);
    } else {
      await time(b, timesB);
      await time(a, timesA);
    }
  }
  return { raw: summarize(timesA), client: summarize(timesB) };
}
