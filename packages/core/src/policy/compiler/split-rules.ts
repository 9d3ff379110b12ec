import { PreflightError } from '../../errors';

/** One numbered rule as written in the policy text. */
export interface SourceRule {
  /** The number the author wrote. */
  number: number;
  /** 1-based line of the rule in the policy text. */
  line: number;
  /** The rule text without its number, trimmed. */
  text: string;
  /** 1-based column in the line where `text` starts. */
  column: number;
}

const numbered = /^(\s*)(\d+)[.)](\s+|$)/;

/**
 * Splits policy text into its numbered rules: one rule per line starting with `1.` or `1)`.
 * Blank lines and `#` comment lines are skipped. Any other line, or numbers that are not
 * consecutive from 1, is a POLICY_NUMBERING error listing every problem at once.
 */
export function splitRules(text: string): SourceRule[] {
  const rules: SourceRule[] = [];
  const problems: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    const match = numbered.exec(raw);
    if (match === null) {
      problems.push(
        `line ${line} is not a numbered rule (each rule starts with its number, e.g. "1. Do not ..."): "${clip(raw.trim())}"`,
      );
      return;
    }
    const prefix = match[0];
    const body = raw.slice(prefix.length);
    const trimmedStart = body.length - body.trimStart().length;
    rules.push({
      number: Number(match[2]),
      line,
      text: body.trim(),
      column: prefix.length + trimmedStart + 1,
    });
  });
  for (const rule of rules) {
    if (rule.text === '') problems.push(`rule ${rule.number} (line ${rule.line}) is empty`);
  }
  const lines = new Map<number, number[]>();
  for (const rule of rules) lines.set(rule.number, [...(lines.get(rule.number) ?? []), rule.line]);
  for (const [number, onLines] of lines) {
    if (onLines.length > 1) {
      problems.push(
        `rule number ${number} is used ${onLines.length} times (lines ${onLines.join(', ')})`,
      );
    }
  }
  if (rules.some((rule, index) => rule.number !== index + 1)) {
    problems.push(
      `rules must be numbered 1 to ${rules.length} in order, found ${rules.map((rule) => rule.number).join(', ')}`,
    );
  }
  if (problems.length > 0) {
    throw new PreflightError({
      code: 'POLICY_NUMBERING',
      message: `Policy numbering: ${problems.join('; ')}.`,
      details: { problems },
    });
  }
  return rules;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
