import { afterEach, describe, expect, it } from 'vitest';
import { isoPolicy, isoTools } from './__fixtures__/iso42001';
import { createGuard } from './create-guard';

// Attack: smuggle permissions or facts through prototype keys in model-written args (parsed
// JSON gives `__proto__` as an own key) or in a context object the app built carelessly.
const policy = isoPolicy();
const update = (args: unknown) => ({
  tool: 'updateRecord',
  args,
  toolCallId: 'c',
  sessionId: 'proto',
});

afterEach(() => {
  // Belt and braces: no test may leave Object.prototype polluted for the others.
  for (const key of ['authorization_token', 'approver_id', 'polluted', 'destination_external']) {
    delete (Object.prototype as Record<string, unknown>)[key];
  }
});

describe('attack: prototype pollution through args and context', () => {
  it('JSON args with __proto__ / constructor.prototype carry no permission and pollute nothing', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const payloads = [
      '{"id":"c1","classification":"standard","__proto__":{"authorization_token":"t","approver_id":"a"}}',
      '{"id":"c1","classification":"standard","constructor":{"prototype":{"authorization_token":"t","polluted":1}}}',
      '{"id":"c1","classification":"standard","hasOwnProperty":"x","toString":"y","valueOf":1}',
    ];
    for (const payload of payloads) {
      const decision = await guard.check(update(JSON.parse(payload)));
      expect(decision).toMatchObject({ allowed: false, result: 'UNSAT', code: 'POLICY_UNSAT' });
      expect(decision.action?.assignment['authorization_token']).toBe(false);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(({} as Record<string, unknown>)['authorization_token']).toBeUndefined();
    }
  });

  it('an args object whose prototype carries the token is refused (not plain JSON)', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const args = Object.create({ authorization_token: 't' });
    Object.assign(args, { id: 'c1', classification: 'standard' });
    const decision = await guard.check(update(args));
    expect(decision).toMatchObject({ allowed: false, code: 'ARGS_INVALID' });
  });

  it('a token inherited by the context (not own) or a polluted Object.prototype is not provided', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const inherited = Object.create({ authorization_token: 't', approver_id: 'a' });
    const viaInheritance = await guard.check(
      update({ id: 'c1', classification: 'standard' }),
      inherited,
    );
    expect(viaInheritance).toMatchObject({ allowed: false, result: 'UNSAT' });

    (Object.prototype as Record<string, unknown>)['authorization_token'] = 't';
    (Object.prototype as Record<string, unknown>)['approver_id'] = 'a';
    const viaPollution = await guard.check(update({ id: 'c1', classification: 'standard' }), {});
    expect(viaPollution).toMatchObject({ allowed: false, code: 'GUARD_INTERNAL' });
  });

  it('a polluted Object.prototype cannot fix a variable the call leaves unknown', async () => {
    const guard = await createGuard({ policy });
    // An unmapped transfer: where the records go is unknown, so the call is blocked (SATISFIABLE).
    const call = {
      tool: 'transferCustomerRecords',
      args: { records: ['a'], classification: 'public', modify_production_records: false },
      toolCallId: 'c',
    };
    expect(await guard.check({ ...call, sessionId: 'p1' })).toMatchObject({
      allowed: false,
      result: 'SATISFIABLE',
    });
    // Some other bug in the process (a deep merge of model-written JSON) pollutes the prototype.
    (Object.prototype as Record<string, unknown>)['destination_external'] = false;
    try {
      const polluted = await guard.check({ ...call, sessionId: 'p2' });
      expect(polluted).toMatchObject({ allowed: false, code: 'GUARD_INTERNAL' });
      expect(polluted.reason).toMatch(/prototype pollution/);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['destination_external'];
    }
    expect((await guard.check({ ...call, sessionId: 'p3' })).result).toBe('SATISFIABLE');
  });

  it('a context with a __proto__ own key (from JSON) is read only for its own keys', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const context = JSON.parse('{"__proto__":{"authorization_token":"t","approver_id":"a"}}');
    const decision = await guard.check(update({ id: 'c1', classification: 'standard' }), context);
    expect(decision).toMatchObject({ allowed: false, result: 'UNSAT' });
  });

  it('a context whose getters throw, or a Proxy that throws, blocks and never throws', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const getter = Object.defineProperty({}, 'authorization_token', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy(
      {},
      {
        has: () => {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    for (const context of [getter, proxy]) {
      const decision = await guard.check(update({ id: 'c1', classification: 'standard' }), context);
      expect(decision).toMatchObject({ allowed: false, result: 'ERROR', code: 'GUARD_INTERNAL' });
    }
  });

  it('args whose getters change between reads are checked once, on a plain copy', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    let reads = 0;
    const args = Object.defineProperty({ id: 'c1' }, 'classification', {
      enumerable: true,
      get() {
        reads += 1;
        return reads === 1 ? 'standard' : 'restricted';
      },
    });
    const decision = await guard.check(update(args), {
      authorization_token: 't',
      approver_id: 'a',
    });
    // One read: the mapping, the description and the digest all saw the same value.
    expect(reads).toBe(1);
    expect(decision.action?.assignment['classification']).toBe('(other)');
    expect(decision.action?.description).toContain('arg "classification" = "standard"');
  });

  it('session ids come from the call, never from args or context', async () => {
    const guard = await createGuard({ policy, tools: isoTools });
    const ids = Array.from({ length: 8 }, (_, i) => `r${i}`);
    const read = (extra: Record<string, unknown>) =>
      guard.check(
        {
          tool: 'readRecords',
          args: { ids, classification: 'public', ...extra },
          toolCallId: 'r',
          sessionId: 'victim',
        },
        { sessionId: 'fresh', session_id: 'fresh' },
      );
    const first = await read({});
    await guard.settle(first, { ran: true, ok: true });
    const second = await read({ sessionId: 'fresh', session: 'fresh', session_record_count: 0 });
    expect(second.action?.sessionId).toBe('victim');
    expect(second.action?.assignment['session_record_count']).toBe(16);
    expect(second).toMatchObject({ allowed: false, result: 'UNSAT' });
  });
});
