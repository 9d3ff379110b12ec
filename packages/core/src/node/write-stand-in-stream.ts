import type { ServerResponse } from 'node:http';
import type { StandInFault } from './stand-in-fault';

/** Options of {@link writeStandInStream}. */
export interface StandInStreamOptions {
  /** The fault injected into this request: `cut`, `stall` and `reset-after-done` act here. */
  fault: StandInFault | undefined;
  /** Delay between progress events, in ms. */
  stepDelayMs: number;
}

/** Waits `ms` milliseconds (between progress events, and for a `delay` fault). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Answers with an SSE stream as ICME does: one progress event per step (each followed by a
 * keep-alive comment), then the `done` event with its fields.
 */
export async function writeStandInStream(
  res: ServerResponse,
  steps: string[],
  done: Record<string, unknown>,
  { fault, stepDelayMs }: StandInStreamOptions,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const [index, msg] of steps.entries()) {
    res.write(`data: ${JSON.stringify({ step: `${index + 1}/${steps.length}`, msg })}\n\n`);
    if (fault?.kind === 'cut' && index === 1) {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'stall') return; // leave the stream open and silent
    res.write(': keep-alive\n\n');
    if (stepDelayMs > 0) await sleep(stepDelayMs);
  }
  res.write(`data: ${JSON.stringify({ step: 'done', ...done })}\n\n`);
  if (fault?.kind === 'reset-after-done') {
    setTimeout(() => res.socket?.destroy(), 5);
    return;
  }
  res.end();
}
