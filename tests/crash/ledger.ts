/**
 * What the crash test's clients sent and what they were answered: the record the database is
 * checked against once the server is dead. A write a client was answered for (2xx or 3xx) is
 * acknowledged and must be in the database with everything it changed; a write that was not
 * answered, or answered 503, may be there whole or not at all.
 */
import type { ArticleEventKind } from '../../src/db/repositories/article-events.js';
import type { ArticleStatus } from '../../src/db/repositories/articles.js';
import type { ChangeKind, ChangeStatus } from '../../src/db/repositories/passage-events.js';
import type { ImportBody } from './texts.js';

/** What a client knows of a finding: the API's answer. */
export type FindingKey = string;
export const findingKey = (f: { check: string; fingerprint: string; start: number; end: number }): FindingKey => `${f.check}|${f.fingerprint}|${f.start}-${f.end}`;

export interface SentImport {
  key: string;
  body: ImportBody;
  via: 'api' | 'cli';
  /** Set when the import was acknowledged: the API's 201 (with its findings) or the id the CLI printed. */
  acked?: { id: number; findings?: FindingKey[] };
}

/** A passage_events row a write made or settled, as far as its client knows it. */
export interface EventEvidence {
  kind?: ChangeKind;
  passage?: number;
  /** The passage version the change produced. */
  version?: number;
  /** Its text after the change: one of these. */
  after?: readonly string[];
  status?: ChangeStatus;
  /** A restore: the history event whose text it put back (that event's passage and text are read from the database). */
  restoreOf?: number;
}

/** Where an article stands in the review flow. */
export interface Flow {
  status: ArticleStatus;
  assignee: string | null;
}

/** Every kind of write the server makes on an article after its import. */
export const WRITE_KINDS = [
  're-import',
  'edit',
  'revert',
  'fix',
  'spelling',
  'dismiss',
  'dismiss-check',
  'comment',
  'assign',
  'submit',
  'approve',
  'send-back',
  'approve-proposal',
  'reject-proposal',
  'restore',
  'confirm',
  'race',
] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];

/** One write on an article and the rows it leaves. */
export interface Write {
  what: WriteKind;
  events?: EventEvidence[];
  comments?: { passage: number; body: string }[];
  dismissals?: { fingerprint: string; reason: string }[];
  /** Its article_events rows. */
  steps?: { kind: ArticleEventKind; comment: string | null }[];
  /** How it moves the article along the review flow; absent, it leaves it. */
  flow?: (flow: Flow) => Flow;
  /** A re-import: the AI text it stores, normalised. */
  aiText?: string;
  /** A confirmation that the correction of this passage still holds after a re-import. */
  confirmed?: number;
}

/** An article one client imported and then wrote to, one write at a time. */
export interface OwnedArticle {
  id: number;
  client: string;
  /** Its AI text as imported, normalised. */
  importedText: string;
  /** The writes answered 2xx or 3xx, in order. */
  acked: Write[];
  /** The client's last write, not acknowledged: in flight at the kill, or answered 503 or wrongly. */
  uncertain?: Write;
  /** Texts of saves answered 409: never stored. */
  refused: string[];
}

// The review flow as the README tells it: a change (of text or findings) starts the review of a
// new article and reopens an approved one; submit, approve and send back move it on; a re-import
// puts an article that is past new back into review.
export const FLOW = {
  changed: (flow: Flow): Flow => ({ ...flow, status: flow.status === 'new' || flow.status === 'approved' ? 'in_review' : flow.status }),
  reimported: (flow: Flow): Flow => ({ ...flow, status: flow.status === 'new' ? 'new' : 'in_review' }),
  to: (status: ArticleStatus) => (flow: Flow): Flow => ({ ...flow, status }),
  assignedTo: (assignee: string | null) => (flow: Flow): Flow => ({ ...flow, assignee }),
};

export const flowAfter = (writes: readonly Write[]): Flow => writes.reduce<Flow>((flow, w) => w.flow?.(flow) ?? flow, { status: 'new', assignee: null });

/** Each article's findings as a re-check of its passages finds them, by the passages checked. */
export type Rechecked = Map<number, { passages: string; findings: FindingKey[] }>;

export interface Ledger {
  imports: SentImport[];
  owned: OwnedArticle[];
  demoText: string;
  rechecked: Rechecked;
}
