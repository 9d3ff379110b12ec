import type { Assignment, PolicyIR } from '@preflight/core';
import { emitSmtLib, smtQuery } from '@preflight/core';
import type { Bool, Z3HighLevel, Z3LowLevel } from 'z3-solver';

type Z3Api = Z3HighLevel & Z3LowLevel;

/** One Z3 per process: the wasm module and its worker threads are costly to start. */
export type Z3Session = {
  api: Z3Api;
  /** Ends Z3's worker threads so the process can exit. */
  close: () => Promise<void>;
};

/** Loads z3-solver (dynamically: only the benchmark needs it). */
export async function openZ3(): Promise<Z3Session> {
  const { init, killThreads } = await import('z3-solver');
  const api: Z3Api = await init();
  return { api, close: () => killThreads(api.em) };
}

/** A decision input prepared for Z3 outside the timed loop. */
export type Z3Decision = {
  /** The assignment's SMT-LIB assertions, as the emitter's `smtQuery` writes them. */
  script: string;
  /** The same assertions parsed once into Z3 terms, for a check under assumptions. */
  assumptions: Bool<'bench'>[];
};

/**
 * The Z3 baseline for one policy: the emitted SMT-LIB (`emitSmtLib`) plus the allowed-query (no
 * rule violated), loaded once. For a fully assigned input one check decides: sat = allowed
 * (SAT), unsat = denied (UNSAT).
 */
export type Z3Engine = {
  prepare: (assignment: Assignment) => Z3Decision;
  /** One `solver.check` with the assignment as assumptions: the cheapest single call. */
  checkAssuming: (decision: Z3Decision) => Promise<boolean>;
  /** `push`, assert the assignment (parsed from SMT-LIB), `check`, `pop`. */
  checkPushPop: (decision: Z3Decision) => Promise<boolean>;
};

/** Creates the engine in its own Z3 context, so policies' declarations never clash. */
export function createZ3Engine({ api }: Z3Session, ir: PolicyIR): Z3Engine {
  const context = new api.Context('bench');
  const solver = new context.Solver();
  const violations = ir.rules.map((rule) => `violates_rule_${rule.id}`);
  const anyViolated = violations.length === 1 ? violations[0] : `(or ${violations.join(' ')})`;
  const policy = `${emitSmtLib(ir)}(assert (not ${anyViolated}))\n`;
  solver.fromString(policy);
  const verdict = (answer: string) => {
    if (answer !== 'sat' && answer !== 'unsat') throw new Error(`Z3 answered ${answer}`);
    return answer === 'sat';
  };
  return {
    prepare(assignment) {
      const script = assignmentScript(ir, assignment);
      // Parse inside a scope so the terms use this solver's declarations, then drop the scope.
      solver.push();
      const before = solver.assertions().length();
      solver.fromString(script);
      const all = solver.assertions();
      const assumptions: Bool<'bench'>[] = [];
      for (let i = before; i < all.length(); i++) assumptions.push(all.get(i));
      solver.pop();
      return { script, assumptions };
    },
    async checkAssuming({ assumptions }) {
      return verdict(await solver.check(...assumptions));
    },
    async checkPushPop({ script }) {
      solver.push();
      try {
        solver.fromString(script);
        return verdict(await solver.check());
      } finally {
        solver.pop();
      }
    },
  };
}

/** The assignment part of the emitter's allowed-query script (between its section comments). */
function assignmentScript(ir: PolicyIR, assignment: Assignment): string {
  const query = smtQuery(ir, assignment, 'allowed');
  const start = query.indexOf('; Assignment');
  const end = query.indexOf('; Query');
  if (start < 0 || end < start) throw new Error('unexpected smtQuery layout');
  return query.slice(start, end);
}
