import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSmtVariables } from '../engine/icme/parse-smt-variables';
import { readStatedValues } from './read-stated-values';
import type { StandInFault } from './stand-in-fault';
import { createStandInProofs } from './stand-in-proofs';
import { sleep, writeStandInStream } from './write-stand-in-stream';

export type { StandInFault } from './stand-in-fault';

/** What the stand-in answers to one `checkIt`: the `done` event's fields. */
export type StandInVerdict = Record<string, unknown>;

/** A `checkIt` request as `decide` sees it. */
export interface StandInCheck {
  policyId: string;
  action: string;
  /** What the stand-in reads from the action's `name: value` lines for the variables of `smt`
   * (see `extract`); empty without `smt`. */
  extracted: Record<string, boolean | number>;
}

export interface IcmeStandInOptions {
  /** Decides a `checkIt`. Default: SAT on every layer. */
  decide?: (request: StandInCheck) => StandInVerdict;
  /** Relevance screen. Default: relevant (`should_check: true`). */
  relevant?: (request: { policyId: string; action: string }) => boolean;
  /** SMT-LIB returned by `GET /policy/{id}`. Default: none (404). */
  smt?: string;
  /**
   * Imitate ICME's variable extraction: when `decide` returns no `extracted`, the `done` event
   * carries the values the action's `name: value` lines state for the variables of `smt`
   * (`true`/`provided`, `false`/`not provided`, numbers, enum literals as their codes; anything
   * else is left out, as ICME leaves unresolved variables out). Default true.
   */
  extract?: boolean;
  /** Delay between progress events, in ms. Default 0. */
  stepDelayMs?: number;
  /** `GET /proof/{id}` answers 404 this many times before the proof is ready. Default 1. */
  proofPendingPolls?: number;
  /** Required API key; requests without it get 401. Default: any key accepted. */
  apiKey?: string;
  /** Port on 127.0.0.1. Default 0 (any free port). */
  port?: number;
}

/** A running stand-in. */
export interface IcmeStandIn {
  /** Base URL to use as `ICME_API_URL`, e.g. `http://127.0.0.1:54321/v1`. */
  url: string;
  /** TCP connections accepted so far (keep-alive reuse keeps this low). */
  readonly connections: number;
  /** Requests received, in order: method, path, headers and parsed JSON body. */
  readonly requests: ReadonlyArray<{
    method: string;
    path: string;
    headers: IncomingMessage['headers'];
    body: unknown;
  }>;
  /** Queues faults for the next requests of `endpoint` (`checkIt`, `checkRelevance`, ...). */
  inject(endpoint: string, ...faults: StandInFault[]): void;
  close(): Promise<void>;
}

/**
 * A local imitation of the ICME PreFlight API on 127.0.0.1, for tests, benchmarks and offline
 * demos: makeRules and checkIt stream SSE, proofs are single use, and faults can be injected.
 * It never decides anything real; `decide` says what it answers.
 */
export async function startIcmeStandIn({
  decide = () => ({
    result: 'SAT',
    detail: 'Satisfiable',
    z3_result: 'SAT',
    ar_result: 'SAT',
    llm_result: 'SAT',
  }),
  relevant = () => true,
  smt,
  extract = true,
  stepDelayMs = 0,
  proofPendingPolls = 1,
  apiKey,
  port = 0,
}: IcmeStandInOptions = {}): Promise<IcmeStandIn> {
  let connections = 0;
  const requests: IcmeStandIn['requests'][number][] = [];
  const faults = new Map<string, StandInFault[]>();
  const proofs = createStandInProofs(proofPendingPolls);
  const compiled = new Map((smt ? parseSmtVariables(smt) : []).map((v) => [v.name, v]));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: Record<string, unknown> = text ? JSON.parse(text) : {};
    const path = (req.url ?? '/').replace(/^\/v1/, '').split('?')[0]!;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    const endpoint = endpointOf(req.method ?? 'GET', path);
    const fault = faults.get(endpoint)?.shift();
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (fault?.kind === 'status') {
      json(
        fault.status,
        fault.body ?? { error: `injected ${fault.status}` },
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      );
      return;
    }
    if (
      apiKey !== undefined &&
      req.headers['x-api-key'] !== apiKey &&
      !endpoint.includes('Proof')
    ) {
      json(401, { error: 'invalid API key' });
      return;
    }
    const stream = (steps: string[], done: Record<string, unknown>) =>
      writeStandInStream(res, steps, done, { fault, stepDelayMs });

    const policyId = String(body['policy_id'] ?? '');
    const action = String(body['action'] ?? '');
    switch (endpoint) {
      case 'makeRules': {
        const rules = String(body['policy'] ?? '')
          .split('\n')
          .filter((line) => /^\s*\d+\./.test(line));
        await stream(['Parsing rules...', 'Formalizing...', 'Checking consistency...'], {
          status: 'ok',
          policy_id: randomUUID(),
          rule_count: rules.length,
          scenarios: 0,
          generation_time_ms: 3 * stepDelayMs,
        });
        return;
      }
      case 'checkRelevance': {
        const should = relevant({ policyId, action });
        json(200, {
          relevance: should ? 0.5 : 0,
          matched_variables: should ? 1 : 0,
          total_variables: 2,
          matched: [],
          should_check: should,
          threshold: 0,
          time_ms: 1,
        });
        return;
      }
      case 'checkIt': {
        const extracted = readStatedValues(action, compiled);
        const decided = decide({ policyId, action, extracted });
        const verdict =
          extract && compiled.size > 0 && !('extracted' in decided)
            ? { ...decided, extracted }
            : decided;
        const proofId = proofs.issue(String(verdict['result'] ?? 'SAT'));
        await stream(
          [
            'Analyzing action...',
            'Extracting values from action...',
            'Verifying against policy...',
          ],
          {
            check_id: randomUUID(),
            verification_time_ms: 3 * stepDelayMs,
            proof_id: proofId,
            proof_url: `/v1/proof/${proofId}`,
            ...verdict,
          },
        );
        return;
      }
      case 'getPolicy':
        if (smt === undefined) json(404, { error: 'policy not found' });
        else
          json(200, {
            policy_id: path.split('/')[2],
            smt,
            rules_parsed: [],
            rule_count: 0,
            created_at: new Date().toISOString(),
          });
        return;
      case 'getProof':
      case 'downloadProof':
      case 'verifyProof': {
        const proofId = endpoint === 'verifyProof' ? String(body['proof_id']) : path.split('/')[2]!;
        return proofs.answer(endpoint, proofId, res, json);
      }
      case 'me':
        return json(200, { username: 'stand-in', credits: 1000 });
      default:
        return json(404, { error: `no route ${req.method} ${path}` });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error) }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/v1`,
    get connections() {
      return connections;
    },
    requests,
    inject(endpoint, ...list) {
      faults.set(endpoint, [...(faults.get(endpoint) ?? []), ...list]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function endpointOf(method: string, path: string): string {
  if (method === 'POST') return path.slice(1);
  if (path === '/me') return 'me';
  if (/^\/policy\/[^/]+$/.test(path)) return 'getPolicy';
  if (/^\/proof\/[^/]+\/download$/.test(path)) return 'downloadProof';
  if (/^\/proof\/[^/]+$/.test(path)) return 'getProof';
  return path;
}
