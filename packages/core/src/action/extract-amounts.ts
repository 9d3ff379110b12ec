import type { PolicyIR } from '../policy';
import type { Finding } from './extract-finding';
import { extractNumber, numberPattern } from './extract-number';
import { extractWords, findPhrase, phraseWords } from './extract-words';

/** A money amount written in the text, with where it is. */
interface WrittenAmount {
  value: number;
  written: string;
  at: number;
}

const scale = String.raw`(?:\s?(?:k|m|mm|bn|thousand|million|billion)\b)?`;

/** Money amounts: `$12,500`, `$2.5k`, `USD 12,500`, `12,500 USD`, `12500 dollars`. */
function writtenAmounts(text: string): WrittenAmount[] {
  const pattern = new RegExp(
    `(?:US\\$|\\$|€|£|\\b(?:USD|EUR|GBP)\\s?)(?:${numberPattern})${scale}|\\b(?:${numberPattern})\\s?(?:USD|EUR|GBP|dollars?|euros?)\\b`,
    'gi',
  );
  const amounts: WrittenAmount[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = extractNumber(match[0]);
    if (value !== undefined) amounts.push({ value, written: match[0], at: match.index });
  }
  return amounts;
}

/**
 * Amount variables (`transfer_amount`) from money written in the text. With one amount written,
 * it is the amount; with several, the one nearest the thing's name ("transfer"); with several
 * and the thing not named, the amount stays unknown.
 */
export function extractAmounts(ir: PolicyIR, text: string): Finding[] {
  const amounts = writtenAmounts(text);
  if (amounts.length === 0) return [];
  const words = extractWords(text);
  const findings: Finding[] = [];
  for (const variable of ir.variables) {
    if (variable.role !== 'amount' || (variable.type !== 'real' && variable.type !== 'int')) {
      continue;
    }
    const { name } = variable;
    const distinct = new Set(amounts.map((amount) => amount.value));
    const [only] = amounts;
    if (distinct.size === 1 && only !== undefined) {
      findings.push({ name, value: only.value, note: `amount "${only.written}" written` });
      continue;
    }
    const noun = variable.vocabulary.noun;
    const mentions =
      noun === undefined
        ? []
        : findPhrase(words, phraseWords(noun)).map((match) => words[match.first]?.start ?? 0);
    if (mentions.length === 0) {
      findings.push({ name, value: undefined, note: 'several amounts written' });
      continue;
    }
    const distance = (amount: WrittenAmount) =>
      Math.min(...mentions.map((mention) => Math.abs(mention - amount.at)));
    const nearest = [...amounts].sort((a, b) => distance(a) - distance(b))[0];
    if (nearest !== undefined) {
      findings.push({
        name,
        value: nearest.value,
        note: `amount "${nearest.written}" nearest ${noun}`,
      });
    }
  }
  return findings;
}
