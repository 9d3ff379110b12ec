import { verbGroups } from '../lexicon';
import {
  atParticiple,
  isBoundaryWord,
  parseCondition,
  parseNounPhrase,
  scopeLength,
} from './parse-phrases';
import type { ParsedProhibition, ParsedRequirement, ParsedRule } from './rule-ast';
import type { TokenStream } from './token-stream';

/** Multi-word verbs the lexicon knows ("look up"), keyed by their first word. */
const phrasalVerbs: readonly string[] = verbGroups.flat().filter((verb) => verb.includes(' '));

const notVerbs: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'any',
  'more',
  'unless',
  'without',
  'to',
  'with',
  'not',
]);

/** Parses one rule, throwing ParseFailure at the first token that fits no shape. */
export function parseRule(stream: TokenStream): ParsedRule {
  if (stream.accept('do')) {
    if (!stream.accept('not'))
      stream.fail(['"not"'], 'after "Do" (rules are prohibitions: "Do not ...")');
    return parseProhibition(stream);
  }
  if (stream.at('every')) return parseRequirement(stream);
  return stream.fail(
    ['"Do not <verb> ..."', '"Every action that requires <token> ..."'],
    'at the start of the rule',
  );
}

function parseRequirement(stream: TokenStream): ParsedRequirement {
  const shape = '"Every action that requires <token> must also include <token>"';
  stream.expect(['every', 'action', 'that'], shape);
  if (!stream.accept('requires|require|needs|need'))
    stream.fail(['"requires"'], 'after "Every action that"');
  const token = parseNounPhrase(stream, 'the required token, e.g. "an authorization_token"');
  if (!stream.accept('must', 'also', 'include|provide|carry|have')) {
    if (!stream.accept('must', 'include|provide|carry|have')) {
      stream.fail(['"must also include <token>"'], 'after the required token');
    }
  }
  const also = parseNounPhrase(
    stream,
    'the token that must also be included, e.g. "an approver_id"',
  );
  stream.expectEnd([], 'after the included token');
  return { kind: 'requirement', token, also };
}

function parseVerb(stream: TokenStream): string {
  const first = stream.word();
  if (first === undefined || notVerbs.has(first)) {
    stream.fail(['a verb, e.g. "transfer"'], 'after "Do not"');
  }
  stream.next();
  const second = stream.word();
  if (second !== undefined && phrasalVerbs.includes(`${first} ${second}`)) {
    stream.next();
    return `${first} ${second}`;
  }
  return first;
}

function parseProhibition(stream: TokenStream): ParsedProhibition {
  const verb = parseVerb(stream);
  stream.accept('any|all|every');
  const rule: ParsedProhibition = {
    kind: 'prohibition',
    verb,
    thing: { words: [], column: stream.peek().column },
    qualifiers: [],
    attributes: [],
    lists: [],
  };
  let countScope: 'session' | 'action' | undefined;
  let limit: number | undefined;
  if (stream.accept('more', 'than')) {
    const count = stream.peek();
    if (count.kind !== 'number') stream.fail(['a whole number, e.g. "10"'], 'after "more than"');
    stream.next();
    limit = count.value;
    rule.thing = parseNounPhrase(stream, 'the counted units, e.g. "records"', 'after the number');
  } else {
    rule.thing = parseNounPhrase(
      stream,
      'the thing the rule is about, e.g. "customer records"',
      `after "${verb}"`,
    );
  }
  for (;;) {
    const scope = scopeLength(stream);
    if (scope > 0) {
      if (limit === undefined || countScope !== undefined) {
        stream.fail(
          ['"unless <token> is provided"', '"without <condition>"'],
          'after the thing (a scope such as "in a single agent session" only follows "more than <N> <units>")',
        );
      }
      const last = stream.word(scope - 1);
      countScope =
        last === 'action' || last === 'request' || last === 'call' ? 'action' : 'session';
      for (let index = 0; index < scope; index += 1) stream.next();
    } else if (!parseModifier(stream, rule)) {
      break;
    }
  }
  if (limit !== undefined) {
    if (countScope === undefined) {
      stream.fail(
        ['"in a single agent session"', '"in a single action"'],
        'after the counted units',
      );
    }
    rule.count = { limit, scope: countScope };
  }
  if (stream.accept('unless')) {
    const phrase = parseNounPhrase(
      stream,
      'the token, e.g. "an authorization_token"',
      'after "unless"',
    );
    if (!stream.accept('is|are')) stream.fail(['"is provided"'], 'after the token');
    if (!stream.accept('provided|present|included|supplied')) {
      stream.fail(['"provided"'], 'after "is"');
    }
    stream.accept('in', 'the', 'action');
    rule.exception = { kind: 'unless', phrase };
  } else if (stream.accept('without')) {
    rule.exception = { kind: 'without', phrase: parseCondition(stream) };
  } else if (rule.lists.length === 0) {
    stream.fail(['"unless <token> is provided"', '"without <condition>"'], 'after the thing');
  }
  if (rule.exception === undefined) {
    stream.expectEnd(['"unless <token> is provided"', '"without <condition>"'], 'after the thing');
  } else {
    stream.expectEnd([], `after the "${rule.exception.kind}" part`);
  }
  return rule;
}

/** Parses one qualifier, attribute, list or amount; false when none starts at the cursor. */
function parseModifier(stream: TokenStream, rule: ParsedProhibition): boolean {
  if (stream.accept('to')) {
    const phrase = parseNounPhrase(
      stream,
      'a destination, e.g. "an external destination"',
      'after "to"',
    );
    if (stream.at('not', 'on')) {
      parseList(stream, rule, phrase);
    } else if (phrase.words.length < 2) {
      stream.fail(
        [
          '"not on the <list name> list"',
          'an adjective before the noun, e.g. "to an external destination"',
        ],
        `after "to ${phrase.words.join(' ')}"`,
      );
    } else {
      rule.qualifiers.push({ kind: 'destination', phrase });
    }
    return true;
  }
  if (stream.at('not', 'on')) {
    parseList(stream, rule, undefined);
    return true;
  }
  if (stream.accept('with')) {
    parseAttribute(stream, rule);
    return true;
  }
  if (stream.at('above|over|exceeding')) {
    stream.next();
    const amount = stream.peek();
    if (amount.kind !== 'money') stream.fail(['an amount such as "$10,000"'], 'after "above"');
    if (rule.amount !== undefined) stream.fail(['one amount per rule'], 'after the first amount');
    stream.next();
    rule.amount = { value: amount.value, column: amount.column };
    return true;
  }
  if (atParticiple(stream)) {
    const participle = stream.word()!;
    stream.next();
    const phrase = parseNounPhrase(
      stream,
      `what the thing is ${participle}, e.g. "${participle} PHI"`,
      `after "${participle}"`,
    );
    rule.qualifiers.push({ kind: 'participle', participle, phrase });
    return true;
  }
  return false;
}

function parseList(
  stream: TokenStream,
  rule: ParsedProhibition,
  subject: ParsedProhibition['lists'][number]['subject'],
): void {
  stream.expect(['not', 'on'], '"not on the <list name> list"');
  stream.acceptArticle();
  const column = stream.peek().column;
  const words: string[] = [];
  while (stream.word() !== undefined && !stream.at('list') && !isBoundaryWord(stream.word()!)) {
    words.push(stream.next().text);
  }
  if (words.length === 0)
    stream.fail(['the list name, e.g. "the approved vendor list"'], 'after "not on the"');
  if (!stream.accept('list'))
    stream.fail(['the word "list" after the list name'], 'after the list name');
  rule.lists.push({ name: words.join(' '), column, ...(subject === undefined ? {} : { subject }) });
}

function parseAttribute(stream: TokenStream, rule: ParsedProhibition): void {
  stream.acceptArticle();
  const column = stream.peek().column;
  const words: string[] = [];
  while (stream.peek().kind === 'word') words.push(stream.next().text);
  if (words.length === 0) stream.fail(['an attribute name, e.g. "classification"'], 'after "with"');
  const values: string[] = [];
  for (;;) {
    const token = stream.peek();
    if (token.kind !== 'quoted' || token.value === '') {
      stream.fail(
        ['a value in double quotes, e.g. "restricted"'],
        values.length === 0 ? 'after the attribute name' : 'after "or"',
      );
    }
    stream.next();
    if (!values.includes(token.value)) values.push(token.value);
    const comma = stream.peek().kind === 'punct' && stream.peek().text === ',';
    if (
      comma &&
      (stream.peek(1).kind === 'quoted' ||
        (stream.peek(1).kind === 'word' &&
          stream.word(1) === 'or' &&
          stream.peek(2).kind === 'quoted'))
    ) {
      stream.next();
      stream.accept('or');
      continue;
    }
    if (stream.at('or') && stream.peek(1).kind === 'quoted') {
      stream.next();
      continue;
    }
    break;
  }
  rule.attributes.push({ name: { words, column }, values });
}
