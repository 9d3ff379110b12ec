/** Something with a deadline that {@link SharedDeadlines} can expire. */
export interface Expirable {
  /** When {@link Expirable.expire} runs, on the `performance.now()` clock (monotonic: a wall
   * clock step must not move deadlines), unless removed first. */
  readonly deadlineAt: number;
  /** Set by {@link SharedDeadlines} while the deadline is pending; never set it yourself. */
  queued: boolean;
  expire(): void;
}

type Timer = ReturnType<typeof setTimeout>;

/** setTimeout's largest delay (2^31 - 1 ms); a longer one fires after 1 ms. */
const maxTimerDelay = 2_147_483_647;

/**
 * Many deadlines on one timer. Why: a Node timer per call costs more than it looks when calls
 * run one after another, because the last timer of a given duration takes its timer list down
 * with it (a heap removal and a map deletion) and the next call builds both again. Here the one
 * timer stays armed across calls, referenced only while a deadline is pending (so it never keeps
 * an idle process alive), and adding or removing a deadline is an array operation.
 *
 * Deadlines are kept in an array sorted by time (calls with equal timeouts arrive in order, so
 * adding is usually a push); removed ones are only unmarked, and dropped when the timer passes
 * them, when nothing is pending, or when they outnumber the pending ones.
 */
export class SharedDeadlines<T extends Expirable> {
  private entries: T[] = [];
  private pending = 0;
  /** Entries still in `entries` whose deadline was removed. */
  private stale = 0;
  private timer: Timer | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  /** Adds a deadline: `entry.expire()` runs at `entry.deadlineAt` unless it is removed first. */
  add(entry: T): void {
    if (entry.queued) return;
    entry.queued = true;
    const { entries } = this;
    const last = entries[entries.length - 1];
    if (last === undefined || last.deadlineAt <= entry.deadlineAt) entries.push(entry);
    else entries.splice(this.insertionIndex(entry.deadlineAt), 0, entry);
    this.pending++;
    if (entry.deadlineAt < this.timerAt) this.arm(entry.deadlineAt);
    else if (this.pending === 1) refTimer(this.timer, true);
  }

  /** Removes a pending deadline (a no-op for one that expired or was removed). */
  remove(entry: T): void {
    if (!entry.queued) return;
    entry.queued = false;
    this.pending--;
    if (this.pending === 0) {
      // The common case (one call at a time): nothing left to keep.
      this.entries.length = 0;
      this.stale = 0;
      refTimer(this.timer, false);
      return;
    }
    this.stale++;
    if (this.stale > 64 && this.stale > this.pending) {
      this.entries = this.entries.filter((item) => item.queued);
      this.stale = 0;
    }
  }

  /** Deadlines added and neither expired nor removed. */
  get size(): number {
    return this.pending;
  }

  /** The timer fired: expire what is due, then re-arm for the next pending deadline. */
  run(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    const { entries } = this;
    const due: T[] = [];
    let index = 0;
    for (; index < entries.length; index++) {
      const entry = entries[index]!;
      if (!entry.queued) {
        this.stale--;
        continue;
      }
      if (entry.deadlineAt > now) break;
      entry.queued = false;
      due.push(entry);
    }
    this.entries = index === 0 ? entries : entries.slice(index);
    this.pending -= due.length;
    const next = this.entries.find((entry) => entry.queued);
    if (next) this.arm(next.deadlineAt);
    for (const entry of due) {
      try {
        entry.expire();
      } catch {
        // one deadline's failure must not keep the others from expiring
      }
    }
  }

  private insertionIndex(deadlineAt: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle]!.deadlineAt <= deadlineAt) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    // Capped at setTimeout's largest delay (longer ones fire at once); the timer re-arms then.
    this.timer = setTimeout(
      fire,
      Math.min(maxTimerDelay, Math.max(0, at - performance.now())),
      this,
    );
  }
}

/** The timer's callback (module level: no closure per arm). */
function fire(deadlines: SharedDeadlines<Expirable>): void {
  deadlines.run();
}

/** Node timers can stop keeping the process alive; other runtimes' timer ids cannot. */
function refTimer(timer: Timer | undefined, referenced: boolean): void {
  const handle = timer as { ref?: () => void; unref?: () => void } | undefined;
  if (typeof handle !== 'object' || handle === null) return;
  if (referenced) handle.ref?.();
  else handle.unref?.();
}
