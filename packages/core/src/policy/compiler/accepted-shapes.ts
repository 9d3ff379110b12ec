import type { RuleShape } from '../ir';

/**
 * The accepted rule shapes, as listed in every unparseable-rule message and in
 * docs/policy-language.md. Square brackets are optional parts; angle brackets are any words.
 */
export const acceptedShapes: readonly { shape: RuleShape; form: string }[] = [
  {
    shape: 'unless-provided',
    form: 'Do not <verb> [any|a|an|the] <things> [to a|an <adjective> <noun>] unless [a|an|the] <token> is provided [in the action].',
  },
  {
    shape: 'count-limit',
    form: 'Do not <verb> more than <N> <units> in a single agent session|in a single action unless [a|an] <token> is provided [in the action].',
  },
  {
    shape: 'attribute',
    form: 'Do not <verb> <things> with <attribute> "<value>"[, "<value>"]... [or "<value>"] unless [a|an] <token> is provided [in the action].',
  },
  {
    shape: 'requires-also',
    form: 'Every action that requires [a|an] <token> must also include [a|an] <token>.',
  },
  {
    shape: 'amount-without',
    form: 'Do not <verb> [any|a|an] <thing> above $<amount> without <condition> [recorded in the action].',
  },
  {
    shape: 'list',
    form: 'Do not <verb> [any|a|an] <things> [<verb>ing <noun>] [to a|an <noun>] not on the <list name> list.',
  },
  {
    shape: 'without',
    form: 'Do not <verb> [a|an|the] <thing> [<verb>ing [a|an] <noun>] without [a|an|the] <condition>.',
  },
];

/** The accepted shapes as numbered lines, for error messages. */
export function formatAcceptedShapes(): string {
  return acceptedShapes.map(({ form }, index) => `  ${index + 1}. ${form}`).join('\n');
}
