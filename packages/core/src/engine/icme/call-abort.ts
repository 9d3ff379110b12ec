import type { IcmeAbortNotice } from './icme-transport';
import { type Expirable, SharedDeadlines } from './shared-deadlines';

type Listener = () => void;

/** Every call's deadline, on one timer (see SharedDeadlines for why). */
const deadlines = new SharedDeadlines<CallAbort>();

/**
 * The abort state of one client call (caller abort or overall deadline), shaped like a Node
 * EventEmitter so that undici takes it as a request `signal` directly.
 *
 * Why not an `AbortController` per call: on Node 20 creating an `AbortSignal` and attaching a
 * listener to it costs tens of microseconds (signal construction and its GC), more than the rest
 * of the client's per-request work together. A real `AbortSignal` is still available through
 * {@link CallAbort.signal}, created only when something asks for it (the fetch transport, a
 * retry's backoff sleep, a custom transport).
 */
export class CallAbort implements IcmeAbortNotice, Expirable {
  aborted = false;
  reason: unknown = undefined;
  /** True when the abort came from the deadline. */
  deadlineHit = false;
  /** When the overall deadline passes (`performance.now()` clock: monotonic). */
  readonly deadlineAt: number;
  /** Whether the deadline is pending (managed by the shared deadline timer). */
  queued = false;
  private listeners: Listener[] | undefined;
  private controller: AbortController | undefined;
  private caller: AbortSignal | undefined;
  private onCallerAbort: Listener | undefined;

  /**
   * Starts the call's overall deadline and follows the caller's signal, if any.
   * {@link CallAbort.stop} must run when the call ends.
   */
  constructor(deadlineMs: number, caller?: AbortSignal) {
    this.deadlineAt = performance.now() + deadlineMs;
    deadlines.add(this);
    if (!caller) return;
    if (caller.aborted) {
      this.abort(caller.reason);
      return;
    }
    this.caller = caller;
    this.onCallerAbort = () => this.abort(caller.reason);
    caller.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  /** The deadline passed. */
  expire(): void {
    this.deadlineHit = true;
    this.abort(new Error('deadline'));
  }

  /** Clears the deadline and stops following the caller's signal. */
  stop(): void {
    deadlines.remove(this);
    if (this.caller && this.onCallerAbort) {
      this.caller.removeEventListener('abort', this.onCallerAbort);
    }
  }

  /** An `AbortSignal` that follows this call's abort state; created on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  on(event: 'abort', listener: Listener): this {
    if (event === 'abort' && !this.aborted) {
      this.listeners ??= [];
      this.listeners.push(listener);
    }
    return this;
  }

  /** Same as `on`: the abort event fires at most once. */
  once(event: 'abort', listener: Listener): this {
    return this.on(event, listener);
  }

  addListener(event: 'abort', listener: Listener): this {
    return this.on(event, listener);
  }

  removeListener(event: 'abort', listener: Listener): this {
    const index = event === 'abort' && this.listeners ? this.listeners.indexOf(listener) : -1;
    if (index >= 0) this.listeners?.splice(index, 1);
    return this;
  }

  off(event: 'abort', listener: Listener): this {
    return this.removeListener(event, listener);
  }

  /** Aborts the call (first reason wins) and notifies every listener once. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) {
      try {
        listener();
      } catch {
        // one listener's failure must not keep the others from learning about the abort
      }
    }
  }
}
