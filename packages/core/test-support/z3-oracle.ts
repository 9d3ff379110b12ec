import { init, killThreads } from 'z3-solver';
import type { Assignment, PolicyIR } from '../src/policy/ir';
import { smtQuery } from '../src/policy/smt';

export type Z3Answer = 'sat' | 'unsat' | 'unknown';
export type Z3Decision = 'SAT' | 'UNSAT' | 'SATISFIABLE';

/** Z3 (z3-solver, WebAssembly) deciding policies through the emitted SMT-LIB. Test/bench only. */
export interface Z3Oracle {
  /** Two checks (allowed- and violated-query) on `smtQuery` output, combined as docs/evaluation.md says. */
  decide(ir: PolicyIR, assignment: Assignment): Promise<Z3Decision>;
  /** `decide` for many cases in one call into Z3 (much faster than one call per check). */
  decideMany(cases: readonly { ir: PolicyIR; assignment: Assignment }[]): Promise<Z3Decision[]>;
  /** Checks one SMT-LIB script that ends in one `(check-sat)`. */
  checkSmt(smt: string): Promise<Z3Answer>;
  /** Checks many scripts, each in its own (push)/(pop) scope, in one call into Z3. */
  checkSmtMany(smts: readonly string[]): Promise<Z3Answer[]>;
  /** Terminates Z3's worker threads so that the process can exit. */
  close(): Promise<void>;
}

/**
 * Starts Z3. Each script runs inside `(push 1)` ... `(pop 1)` in one context through
 * `Z3_eval_smtlib2_string`, so no declaration leaks from one check into the next; batching many
 * scripts into one call avoids the per-call thread hop (~4 ms) that dominates small checks.
 * Any Z3 error (a parse error in our SMT-LIB, say) rejects: the oracle never guesses.
 *
 * @example
 * ```ts
 * const z3 = await createZ3Oracle();
 * try { await z3.decide(ir, { approval_token: false }); } finally { await z3.close(); }
 * ```
 */
export async function createZ3Oracle(): Promise<Z3Oracle> {
  const api = await init();
  const context = new api.Context('preflight-oracle');
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const em = api.em as Emscripten;
  // z3-solver's own `eval_smtlib2_string` passes the script on the Emscripten stack, which is
  // released as soon as the worker thread starts: long scripts then get overwritten while Z3
  // still parses them (we saw garbled commands). Keep the script on the heap until Z3 is done.
  const evaluate = async (script: string): Promise<string> => {
    const bytes = new TextEncoder().encode(script);
    const pointer = em._malloc(bytes.length + 1);
    em.HEAPU8.set(bytes, pointer);
    em.HEAPU8[pointer + bytes.length] = 0;
    try {
      const call = () =>
        em.ccall(
          'async_Z3_eval_smtlib2_string',
          'void',
          ['number', 'number'],
          [context.ptr, pointer],
        );
      return String(await em.async_call(call));
    } finally {
      em._free(pointer);
    }
  };
  // One evaluation at a time: the context is shared.
  const run = (script: string): Promise<string> => {
    if (closed) return Promise.reject(new Error('Z3 oracle is closed'));
    const next = queue.then(() => evaluate(script));
    queue = next.catch(() => undefined);
    return next;
  };

  const checkSmtMany = async (smts: readonly string[]): Promise<Z3Answer[]> => {
    if (smts.length === 0) return [];
    const output = await run(smts.map((smt) => `(push 1)\n${smt}\n(pop 1)\n`).join(''));
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    const answers = lines.filter((line): line is Z3Answer => /^(sat|unsat|unknown)$/.test(line));
    if (answers.length !== smts.length || answers.length !== lines.length) {
      throw new Error(`Z3 did not answer every check:\n${output.slice(0, 2000)}`);
    }
    return answers;
  };

  const decideMany = async (cases: readonly { ir: PolicyIR; assignment: Assignment }[]) => {
    const scripts = cases.flatMap(({ ir, assignment }) => [
      smtQuery(ir, assignment, 'allowed'),
      smtQuery(ir, assignment, 'violated'),
    ]);
    const answers = await checkSmtMany(scripts);
    return cases.map((_, k) => combine(answers[2 * k] as Z3Answer, answers[2 * k + 1] as Z3Answer));
  };

  return {
    decideMany,
    checkSmtMany,
    decide: async (ir, assignment) => (await decideMany([{ ir, assignment }]))[0] as Z3Decision,
    checkSmt: async (smt) => (await checkSmtMany([smt]))[0] as Z3Answer,
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await killThreads(api.em);
    },
  };
}

/** The parts of the Emscripten module of z3-solver that the oracle uses. */
interface Emscripten {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  ccall(name: string, returns: string, types: string[], args: unknown[]): unknown;
  async_call(call: () => unknown): Promise<unknown>;
}

/** allowed-query unsat => UNSAT; violated-query unsat => SAT; otherwise SATISFIABLE. */
function combine(allowed: Z3Answer, violated: Z3Answer): Z3Decision {
  if (allowed === 'unknown' || violated === 'unknown') {
    throw new Error('Z3 answered unknown: the oracle cannot decide');
  }
  if (allowed === 'unsat') return 'UNSAT';
  return violated === 'unsat' ? 'SAT' : 'SATISFIABLE';
}
