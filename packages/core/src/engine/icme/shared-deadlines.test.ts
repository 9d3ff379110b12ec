import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Expirable, SharedDeadlines } from './shared-deadlines';

afterEach(() => {
  vi.useRealTimers();
});

const entry = (deadlineAt: number, log: number[], id = deadlineAt): Expirable => ({
  deadlineAt,
  queued: false,
  expire: () => log.push(id),
});

describe('SharedDeadlines', () => {
  it('expires each deadline at its time, in time order, whatever the order they were added in', () => {
    vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const deadlines = new SharedDeadlines();
    const log: number[] = [];
    for (const at of [300, 100, 200, 100]) deadlines.add(entry(at, log));
    vi.advanceTimersByTime(99);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual([100, 100]);
    vi.advanceTimersByTime(200);
    expect(log).toEqual([100, 100, 200, 300]);
    expect(deadlines.size).toBe(0);
  });

  it('never expires a removed deadline, and forgets everything once nothing is pending', () => {
    vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const deadlines = new SharedDeadlines();
    const log: number[] = [];
    const first = entry(100, log);
    const second = entry(200, log);
    deadlines.add(first);
    deadlines.add(second);
    deadlines.remove(first);
    deadlines.remove(first); // twice: no effect
    expect(deadlines.size).toBe(1);
    vi.advanceTimersByTime(150);
    expect(log).toEqual([]);
    deadlines.remove(second);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual([]);
    // the timer armed for 100 is still there (idle); a later deadline still fires on time
    deadlines.add(entry(1400, log));
    vi.advanceTimersByTime(1399 - 1150);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual([1400]);
  });

  it('an earlier deadline added later re-arms the timer', () => {
    vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const deadlines = new SharedDeadlines();
    const log: number[] = [];
    deadlines.add(entry(10_000, log));
    deadlines.add(entry(50, log));
    vi.advanceTimersByTime(50);
    expect(log).toEqual([50]);
  });

  it('matches a plain model for any sequence of adds, removes and clock steps', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), delay: fc.integer({ min: 0, max: 500 }) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 300 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
        try {
          const deadlines = new SharedDeadlines();
          const fired: number[] = [];
          const live = new Map<number, Expirable>();
          const expected: number[] = [];
          let nextId = 0;
          let now = 0;
          for (const step of ops) {
            if (step.kind === 'add') {
              const id = nextId++;
              const item = entry(now + step.delay, fired, id);
              live.set(id, item);
              deadlines.add(item);
            } else if (step.kind === 'remove' && live.size > 0) {
              const id = [...live.keys()][step.pick % live.size]!;
              deadlines.remove(live.get(id)!);
              live.delete(id);
            } else if (step.kind === 'advance') {
              now += step.ms;
              for (const [id, item] of [...live].sort(
                (a, b) => a[1].deadlineAt - b[1].deadlineAt,
              )) {
                if (item.deadlineAt <= now) {
                  expected.push(id);
                  live.delete(id);
                }
              }
              vi.advanceTimersByTime(step.ms);
              expect(new Set(fired)).toEqual(new Set(expected));
            }
            expect(deadlines.size).toBe(live.size);
          }
        } finally {
          vi.useRealTimers();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a deadline that throws does not keep the others from expiring', () => {
    vi.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
    const deadlines = new SharedDeadlines();
    const log: number[] = [];
    deadlines.add({
      deadlineAt: 10,
      queued: false,
      expire: () => {
        throw new Error('boom');
      },
    });
    deadlines.add(entry(10, log));
    vi.advanceTimersByTime(10);
    expect(log).toEqual([10]);
  });
});
