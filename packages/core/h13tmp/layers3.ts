import { icmeCall } from '../src/engine/icme/icme-request';
import type { IcmeTransport } from '../src/engine/icme/icme-transport';
const resp = { status: 200, header: () => null, body: { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true as const, value: undefined }) }) }, discard: async () => {} };
const transport: IcmeTransport = async () => resp;
const config = { baseUrl: 'http://x/v1', apiKey: 'k', userAgent: 'ua', transport, retry: {} };
const f = () => icmeCall(config, { endpoint: 'checkIt', method: 'POST', path: '/checkIt', body: { policy_id: 'p', action: 'a' }, accept: 'text/event-stream', retry: 'unsent', deadlineMs: 120000, bodyIdleMs: 60000, auth: 'required', read: async () => 1 });
for (let r = 0; r < 8; r++) {
  const s = performance.now();
  for (let i = 0; i < 20000; i++) await f();
  console.log(((performance.now() - s) * 1000 / 20000).toFixed(2), 'us');
}
