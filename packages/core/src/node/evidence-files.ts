/** File names inside an evidence directory (docs/evidence.md, "Directory layout"). */
export const evidenceFiles = {
  log: 'log.jsonl',
  checkpoints: 'checkpoints.jsonl',
  lock: '.lock',
  proofs: 'proofs',
  quarantine: 'quarantine',
  keys: 'keys',
} as const;
