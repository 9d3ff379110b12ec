import type { IcmeProgress } from '@preflight/core';
import { cli } from './cli-context';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Live progress of a long ICME call: a spinner on a terminal, one plain line per step otherwise. */
export interface PushProgress {
  step(progress: IcmeProgress): void;
  /** Clears the spinner; call before printing the outcome. */
  stop(): void;
}

/**
 * A spinner with the latest SSE step message and the elapsed time when standard error is an
 * interactive terminal; plain `[step] message` lines otherwise (CI logs, pipes, tests).
 */
export function createPushProgress(title: string, interactive: boolean): PushProgress {
  const { err, color } = cli();
  const started = Date.now();
  if (!interactive) {
    err(`${title}...`);
    return {
      step: ({ step, message }) => err(`  [${step}] ${message}`),
      stop: () => undefined,
    };
  }
  let frame = 0;
  let label = `${title}...`;
  const render = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    const line = `${color.cyan(frames[frame++ % frames.length]!)} ${label} ${color.dim(`${seconds}s`)}`;
    process.stderr.write(`\r\x1b[2K${line}`);
  };
  const timer = setInterval(render, 100);
  timer.unref();
  render();
  return {
    step({ step, message }) {
      label = `${title}: [${step}] ${message}`;
      render();
    },
    stop() {
      clearInterval(timer);
      process.stderr.write('\r\x1b[2K');
    },
  };
}
