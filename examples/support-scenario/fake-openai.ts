// A stand-in for the OpenAI HTTP API on 127.0.0.1, for testing the demos' real-model path
// offline: the real provider packages (@ai-sdk/openai, @langchain/openai) talk to it exactly as
// they would to api.openai.com. It answers the Responses API (`POST /v1/responses`, what
// @ai-sdk/openai uses) and Chat Completions (`POST /v1/chat/completions`, what @langchain/openai
// uses), non-streaming, replaying the support script one step per request. Like a real model it
// reads only text: a step that depends on a block reads the last tool result sent to it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ScriptedResponse, type ScriptStep, supportScript } from './script';

/** A running fake OpenAI server. */
export interface FakeOpenAI {
  /** The API base URL, e.g. `http://127.0.0.1:40123/v1` (OPENAI_BASE_URL). */
  baseURL: string;
  /** Every request received: its path, its Authorization header and its JSON body. */
  requests: { path: string; authorization: string | undefined; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** What both providers write in a blocked call's tool result (`The tool did not run: ...`). */
const blockedText = /did not run/i;

/** The text of the last tool result the request sends, if the request ends with one. */
function lastToolResultText(path: string, body: Record<string, unknown>): string | undefined {
  if (path.endsWith('/responses')) {
    const last = (body['input'] as { type?: string; output?: unknown }[] | undefined)?.at(-1);
    if (last?.type !== 'function_call_output') return undefined;
    return typeof last.output === 'string' ? last.output : JSON.stringify(last.output);
  }
  const last = (body['messages'] as { role?: string; content?: unknown }[] | undefined)?.at(-1);
  if (last?.role !== 'tool') return undefined;
  return typeof last.content === 'string' ? last.content : JSON.stringify(last.content);
}

function responsesReply(n: number, model: string, { text, toolCalls = [] }: ScriptedResponse) {
  const message =
    text === undefined
      ? []
      : [
          {
            type: 'message',
            role: 'assistant',
            id: `msg_${n}`,
            content: [{ type: 'output_text', text, annotations: [] }],
          },
        ];
  return {
    id: `resp_${n}`,
    object: 'response',
    created_at: 1_767_225_600,
    model,
    status: 'completed',
    output: [
      ...message,
      ...toolCalls.map(({ id, name, args }) => ({
        type: 'function_call',
        id: `fc_${id}`,
        call_id: id,
        name,
        arguments: JSON.stringify(args),
      })),
    ],
    incomplete_details: null,
    usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
  };
}

function chatReply(n: number, model: string, { text, toolCalls = [] }: ScriptedResponse) {
  return {
    id: `chatcmpl_${n}`,
    object: 'chat.completion',
    created: 1_767_225_600,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text ?? null,
          ...(toolCalls.length === 0
            ? {}
            : {
                tool_calls: toolCalls.map(({ id, name, args }) => ({
                  id,
                  type: 'function',
                  function: { name, arguments: JSON.stringify(args) },
                })),
              }),
        },
        finish_reason: toolCalls.length === 0 ? 'stop' : 'tool_calls',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * Starts the fake server on a free port of 127.0.0.1. `script` defaults to the support script;
 * once it is used up, the server answers with an error (so a model that loops shows up).
 */
export async function startFakeOpenAI(
  script: readonly ScriptStep[] = supportScript,
): Promise<FakeOpenAI> {
  const requests: FakeOpenAI['requests'] = [];
  let next = 0;
  const server = createServer((request, response) => {
    readJson(request).then(
      (body) => {
        const path = request.url ?? '';
        requests.push({ path, authorization: request.headers.authorization, body });
        const step = script[next];
        const model = typeof body['model'] === 'string' ? body['model'] : 'unknown';
        const reply = path.endsWith('/responses')
          ? responsesReply
          : path.endsWith('/chat/completions')
            ? chatReply
            : undefined;
        if (request.method !== 'POST' || reply === undefined || step === undefined) {
          send(response, 400, { error: { message: `unexpected request ${path}`, type: 'test' } });
          return;
        }
        if (body['stream'] === true) {
          send(response, 400, { error: { message: 'streaming is not faked', type: 'test' } });
          return;
        }
        next += 1;
        const lastResult = lastToolResultText(path, body);
        const blocked = lastResult !== undefined && blockedText.test(lastResult);
        send(response, 200, reply(next, model, typeof step === 'function' ? step(blocked) : step));
      },
      () => send(response, 400, { error: { message: 'body is not JSON', type: 'test' } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
