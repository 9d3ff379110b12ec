import { describe, expect, it, vi } from 'vitest';
import { describeAction } from '../action/describe-action';
import { canonicalJson } from '../crypto';
import { createLocalEngine } from '../engine/local';
import { isoPolicy, isoPolicyText, isoTools } from './__fixtures__/iso42001';
import { createGuard } from './create-guard';
import { forbiddenAssignment } from './forbidden-assignment';
import type { GuardOptions } from './guard-options';
import type { Engine } from './types';

const compiled = isoPolicy();
const tokens = { authorization_token: 'tok_a91f3c', approver_id: 'approver_mhayes' };
let seq = 0;
const call = (tool: string, args: unknown, sessionId = 'session-1') => ({
  tool,
  args,
  toolCallId: `call-${++seq}`,
  sessionId,
});

function guardWith(options: Partial<GuardOptions> = {}) {
  return createGuard({ policy: compiled, tools: isoTools, ...options });
}

describe('createGuard: decisions', () => {
  it('blocks the seed exfiltration (UNSAT) and says which approvals would allow it', async () => {
    const guard = await guardWith();
    const decision = await guard.check(
      call('exportRecords', {
        to: 'vendor-analytics@partner-firm.com',
        recordIds: ['c1', 'c2'],
        classification: 'standard',
      }),
    );
    expect(decision).toMatchObject({
      allowed: false,
      wouldAllow: false,
      mode: 'enforce',
      result: 'UNSAT',
      code: 'POLICY_UNSAT',
      screenedOut: false,
      policyHash: compiled.hash,
    });
    expect(decision.violations.map((v) => v.id)).toEqual(expect.arrayContaining([1, 5]));
    expect(decision.wouldAllowWith).toEqual(
      expect.arrayContaining(['authorization_token', 'approver_id']),
    );
    expect(decision.reason).toMatch(/rule 1 \(Do not transfer customer records/);
    expect(decision.action?.variables).toMatchObject({
      transfer_customer_records: { value: true, provenance: 'derived' },
      destination_external: { value: true, provenance: 'derived' },
      record_count: { value: 2, provenance: 'derived' },
      session_record_count: { value: 2, provenance: 'session' },
      classification: { value: '(other)', provenance: 'arg' },
      authorization_token: { value: false, provenance: 'context' },
    });
    expect(decision.action?.description).toContain('authorization_token: not provided');
    expect(decision.action?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(decision.verdicts).toEqual([
      expect.objectContaining({ engine: 'local', result: 'UNSAT' }),
    ]);
  });

  it('allows the same call with tokens from trusted context (SAT)', async () => {
    const guard = await guardWith();
    const decision = await guard.check(
      call('exportRecords', {
        to: 'vendor@partner-firm.com',
        recordIds: ['c1'],
        classification: 'standard',
      }),
      tokens,
    );
    expect(decision).toMatchObject({
      allowed: true,
      wouldAllow: true,
      result: 'SAT',
      violations: [],
    });
    expect(decision.code).toBeUndefined();
    expect(decision.action?.variables['authorization_token']).toMatchObject({
      value: true,
      provenance: 'context',
    });
  });

  it('decides the seed record update and the restricted read', async () => {
    const guard = await guardWith();
    const update = await guard.check(
      call('updateRecord', { id: 'cust_4421', classification: 'standard' }),
      tokens,
    );
    expect(update.result).toBe('SAT');
    const read = await guard.check(
      call(
        'readRecords',
        { ids: Array.from({ length: 35 }, (_, i) => `r${i}`), classification: 'restricted' },
        's2',
      ),
    );
    expect(read.result).toBe('UNSAT');
    expect(read.violations.map((v) => v.id).sort()).toEqual([3, 4]);
  });

  it('blocks SATISFIABLE by default and names the unknowns; uncertain: allow lets it pass', async () => {
    const args = { ids: ['r1'] };
    const blocked = await (await guardWith()).check(call('readRecords', args));
    expect(blocked).toMatchObject({
      allowed: false,
      result: 'SATISFIABLE',
      code: 'POLICY_UNCERTAIN',
    });
    expect(blocked.unknown).toContain('classification');
    expect(blocked.reason).toMatch(/classification/);
    const allowed = await (await guardWith({ uncertain: 'allow' })).check(
      call('readRecords', args),
    );
    expect(allowed).toMatchObject({ allowed: true, result: 'SATISFIABLE' });
  });

  it('screens out a call that touches no policy variable, without asking the engine', async () => {
    const local = createLocalEngine({ policy: compiled });
    const engine: Engine = { name: 'spy', decide: vi.fn(local.decide) };
    const guard = await guardWith({ engine });
    vi.mocked(engine.decide).mockClear();
    const decision = await guard.check(call('getWeather', { city: 'Paris' }), tokens);
    expect(decision).toMatchObject({
      allowed: true,
      screenedOut: true,
      result: 'SAT',
      verdicts: [],
    });
    expect(decision.action?.variables['authorization_token']?.provenance).toBe('context');
    expect(engine.decide).not.toHaveBeenCalled();
  });

  it('checks unmapped tools by name matching', async () => {
    const guard = await guardWith();
    const decision = await guard.check(
      call('bulkRead', { records: ['a', 'b'], classification: 'confidential' }),
    );
    expect(decision).toMatchObject({ result: 'UNSAT', screenedOut: false });
    expect(decision.violations.map((v) => v.id)).toEqual([4]);
  });

  it('follows unmappedTools: block and allow', async () => {
    const blocking = await guardWith({ unmappedTools: 'block' });
    expect(await blocking.check(call('getWeather', {}))).toMatchObject({
      allowed: false,
      code: 'TOOL_NOT_MAPPED',
    });
    expect(
      (await blocking.check(call('updateRecord', { classification: 'standard' }), tokens)).allowed,
    ).toBe(true);
    const allowing = await guardWith({ unmappedTools: 'allow' });
    expect(
      await allowing.check(
        call('deleteEverything', { records: ['a'], classification: 'restricted' }),
      ),
    ).toMatchObject({
      allowed: true,
      screenedOut: true,
    });
  });

  it('shadow mode decides and records but never blocks', async () => {
    const recorded: string[] = [];
    const guard = await guardWith({
      mode: 'shadow',
      recorder: {
        recordDecision: async (decision) => {
          recorded.push(`${decision.wouldAllow}:${decision.code}`);
          return { id: 'r' };
        },
        recordOutcome: async () => {},
      },
    });
    const decision = await guard.check(call('updateRecord', { classification: 'standard' }));
    expect(decision).toMatchObject({
      allowed: true,
      wouldAllow: false,
      mode: 'shadow',
      result: 'UNSAT',
      code: 'POLICY_UNSAT',
    });
    expect(decision.reason).toMatch(/^Shadow mode, not enforced\. Blocked/);
    expect(recorded).toEqual(['false:POLICY_UNSAT']);
    expect(guard.mode).toBe('shadow');
  });

  it('fills ids, times, hashes and accepts policy text or IR', async () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    const fromText = await createGuard({ policy: isoPolicyText, tools: isoTools, clock: () => at });
    const fromIr = await createGuard({ policy: compiled.ir });
    expect(fromText.policyHash).toBe(compiled.hash);
    expect(fromIr.policyHash).toBe(compiled.hash);
    expect(fromText.engine).toBe('local');
    const a = await fromText.check(call('updateRecord', {}), tokens);
    const b = await fromText.check(call('updateRecord', {}), tokens);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.createdAt).toBe(at.toISOString());
    expect(a.timings.totalMs).toBeGreaterThanOrEqual(0);
    expect(a.timings.decideMs).toBeGreaterThanOrEqual(0);
  });
});

describe('createGuard: limits and serialisation', () => {
  it('blocks with ACTION_TOO_LARGE when the variable lines exceed the description limit', async () => {
    // The limit just fits every self-test action; a longer fixed part (tool line) does not.
    const longest = Math.max(
      ...compiled.ir.rules.map((rule) => {
        const assignment = forbiddenAssignment(compiled.ir, rule) ?? {};
        const variables = Object.fromEntries(
          Object.entries(assignment).map(([name, value]) => [
            name,
            { value, provenance: 'derived' as const },
          ]),
        );
        const described = describeAction({
          policy: compiled.ir,
          tool: 'preflight-self-test',
          variables,
        });
        return described.ok ? described.description.length : 0;
      }),
    );
    const guard = await guardWith({ maxDescriptionLength: longest });
    // A long (quoted, capped) tool name makes the fixed part longer than any self-test action's.
    const decision = await guard.check(
      call('x'.repeat(100), { records: ['r1'], classification: 'restricted' }),
    );
    expect(decision).toMatchObject({ allowed: false, code: 'ACTION_TOO_LARGE', result: 'ERROR' });
    expect(decision.reason).toMatch(/variable lines need \d+ characters/);
  });

  it('produces decisions that canonical JSON accepts (receipts hash them)', async () => {
    const guard = await guardWith();
    const decisions = [
      await guard.check(call('exportRecords', { to: 'a@b.c', recordIds: [], classification: 'x' })),
      await guard.check(call('getWeather', {})),
      await guard.check(call('updateRecord', { n: 1n })),
      await guard.check(call('updateRecord', { classification: 'standard' }), tokens),
    ];
    for (const decision of decisions) expect(() => canonicalJson(decision)).not.toThrow();
  });
});
