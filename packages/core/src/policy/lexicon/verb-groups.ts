/**
 * The general-English verb lexicon of the controlled policy language. It is shared by the
 * compiler (which records a rule's verb) and the action text extractor (which decides whether an
 * action's leading verb performs a rule's activity). It is deliberately general English, not a
 * word list for one policy: any verb can appear in a rule, and these classes only widen what an
 * action verb may be matched against.
 */

/**
 * Verbs so broad that a rule using them covers ANY action on its thing ("Do not access records
 * with classification ..."). A rule with a generic verb creates no activity variable.
 */
export const genericVerbs: readonly string[] = [
  'access',
  'process',
  'handle',
  'use',
  'touch',
  'involve',
];

/**
 * Synonym groups: a rule verb matches an action verb in the same group (any inflection). A verb
 * may belong to several groups ("delete" modifies and also removes). Multi-word verbs are written
 * with a space ("look up").
 */
export const verbGroups: readonly (readonly string[])[] = [
  // moving data or things out of where they are
  [
    'transfer',
    'send',
    'export',
    'email',
    'mail',
    'transmit',
    'share',
    'upload',
    'forward',
    'disclose',
    'post',
    'publish',
    'sync',
    'copy',
    'move',
    'leak',
    'release',
    'submit',
  ],
  // changing stored state
  [
    'modify',
    'update',
    'edit',
    'change',
    'alter',
    'overwrite',
    'patch',
    'write',
    'set',
    'delete',
    'remove',
    'replace',
    'rename',
    'amend',
    'correct',
    'merge',
    'migrate',
    'reset',
  ],
  // reading without changing
  [
    'read',
    'view',
    'fetch',
    'get',
    'retrieve',
    'list',
    'search',
    'query',
    'open',
    'look up',
    'download',
    'inspect',
    'browse',
    'scan',
    'lookup',
    'load',
    'see',
    'check',
  ],
  // destroying
  ['delete', 'remove', 'erase', 'purge', 'destroy', 'drop', 'wipe', 'truncate', 'shred', 'discard'],
  // creating
  ['create', 'insert', 'add', 'register', 'enroll', 'open', 'append', 'record', 'log'],
  // moving money
  ['pay', 'wire', 'remit', 'disburse', 'initiate', 'transfer', 'settle', 'refund', 'charge'],
  // calling other systems
  ['call', 'invoke', 'request', 'query', 'contact', 'ping', 'hit'],
  // producing outputs and decisions
  ['produce', 'make', 'issue', 'generate', 'render', 'decide', 'output', 'finalize', 'determine'],
  // approving and granting
  ['approve', 'authorize', 'grant', 'sign', 'accept', 'confirm'],
  // running code or jobs
  ['run', 'execute', 'launch', 'start', 'trigger', 'deploy', 'schedule'],
];

/**
 * Further common English verbs, in base form, that belong to no synonym group. Knowing them lets
 * the extractor say that an action whose leading verb is, e.g., "summarize" does NOT perform a
 * "transfer" activity (rather than leaving it unknown), and lets {@link verbBase} undo inflection.
 */
export const otherKnownVerbs: readonly string[] = (
  'analyze analyse summarize summarise review compute calculate count compare sort filter ' +
  'validate verify test audit monitor track report notify alert print save store keep cache ' +
  'archive backup restore encrypt decrypt hash sign mask redact anonymize anonymise ' +
  'translate convert format parse classify tag label annotate train predict score rank ' +
  'recommend assess estimate plan draft compose reply answer respond ask explain describe ' +
  'discuss ' +
  'assign close cancel reject deny block allow enable disable lock unlock suspend resume ' +
  'pause stop end finish complete apply book order buy sell purchase lease rent invoice bill ' +
  'transcribe record collect gather ingest import extract crawl scrape match link join ' +
  'split combine group aggregate need want try go do be have give take bring buy keep leave ' +
  'find show tell think say come know put seek hold meet lose win build grow hire fire ' +
  'escalate route dispatch deliver ship receive accept handle install uninstall configure ' +
  'provision rotate revoke renew extend expire print connect disconnect login logout log in ' +
  'subscribe unsubscribe invite'
)
  .split(/\s+/)
  .filter((word) => word.length > 0);
