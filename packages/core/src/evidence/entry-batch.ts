import type { Sha256 } from '../crypto/sha256';
import { type FlattenedJws, jwsTypes } from '../receipt/jws-envelope';
import type { JwsSigner } from '../receipt/jws-signer';
import { entryHash } from './entry-hash';
import { entryJson } from './entry-json';
import type { EntryBody, EvidenceEntry } from './entry-schema';
import { applyEntry, type LogHead } from './log-head';
import { jwsLeafHash } from './merkle-hash';
import { formatEntryLine } from './parse-entry-line';

/** An entry as committed: its position, hash and signed envelope. */
export interface CommittedEntry {
  readonly seq: number;
  readonly hash: string;
  readonly jws: FlattenedJws;
  /** The entry as signed (assembled on first read). */
  readonly entry: EvidenceEntry;
}

/** The members the log adds to a body: its position. */
interface EntryPosition {
  version: 'v1';
  logId: string;
  seq: number;
  time: string;
  prev: string | null;
}

/**
 * A committed entry that assembles `entry` only when read: the writer needs seq, hash and
 * envelope on every decision, and the merged object (a copy of the whole receipt) rarely.
 */
class Committed implements CommittedEntry {
  private merged: EvidenceEntry | undefined;
  constructor(
    readonly seq: number,
    readonly hash: string,
    readonly jws: FlattenedJws,
    private readonly position: EntryPosition,
    private readonly body: EntryBody,
  ) {}

  get entry(): EvidenceEntry {
    this.merged ??= Object.assign({}, this.position, this.body) as EvidenceEntry;
    return this.merged;
  }
}

/**
 * The entries of one append: `add` gives each body its position, canonical JSON and hash and
 * advances the head; `seal` signs them all (in parallel: the chain links payload hashes, not
 * signatures), adds their leaves to the head's Merkle frontier and frames the log lines. Plain
 * arrays and methods rather than per-entry objects and closures: this runs for every decision.
 */
export class EntryBatch {
  private readonly signers: JwsSigner[] = [];
  private readonly positions: EntryPosition[] = [];
  private readonly bodies: EntryBody[] = [];
  private readonly jsons: string[] = [];
  private readonly hashes: string[] = [];

  constructor(
    private readonly head: LogHead,
    private readonly time: string,
    private readonly sha256: Sha256,
  ) {}

  get length(): number {
    return this.bodies.length;
  }

  add(body: EntryBody, signer: JwsSigner): void {
    const head = this.head;
    const position: EntryPosition = {
      version: 'v1',
      logId: head.logId as string,
      seq: head.size,
      time: this.time,
      prev: head.lastHash,
    };
    // Canonical JSON, from the body's members canonicalised when it was queued.
    const json = entryJson(position as unknown as Record<string, unknown>, body);
    const hash = entryHash(json, this.sha256);
    applyEntry(head, position.logId, position.seq, body, hash);
    this.signers.push(signer);
    this.positions.push(position);
    this.bodies.push(body);
    this.jsons.push(json);
    this.hashes.push(hash);
  }

  async seal(): Promise<{ lines: string[]; committed: CommittedEntry[] }> {
    const count = this.bodies.length;
    const signing: Promise<FlattenedJws>[] = [];
    for (let index = 0; index < count; index++) {
      signing.push(
        (this.signers[index] as JwsSigner).sign(jwsTypes.entry, this.jsons[index] as string),
      );
    }
    const signatures = await Promise.all(signing);
    const lines: string[] = [];
    const committed: CommittedEntry[] = [];
    for (let index = 0; index < count; index++) {
      const jws = signatures[index] as FlattenedJws;
      lines.push(formatEntryLine(jws));
      this.head.frontier.append(jwsLeafHash(jws, this.sha256), this.sha256);
      const position = this.positions[index] as EntryPosition;
      committed.push(
        new Committed(
          position.seq,
          this.hashes[index] as string,
          jws,
          position,
          this.bodies[index] as EntryBody,
        ),
      );
    }
    return { lines, committed };
  }
}
