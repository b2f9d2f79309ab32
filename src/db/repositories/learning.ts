import type { Db } from '../connection.js';
import type { ChangeKind } from './passage-events.js';

/** A short replacement a correction made: the words it took out and the words it put in. */
export interface Replacement {
  before: string;
  after: string;
}

/** A replacement approved in several articles. */
export interface RepeatedReplacement extends Replacement {
  articles: number;
}

/** A passage event whose replacements are still to be derived (corrections recorded before migration 0022). */
export interface UnreadEvent {
  id: number;
  articleId: number;
  kind: ChangeKind;
  /** 1 when the event is approved. */
  approved: number;
  beforeText: string;
  afterText: string;
}

/** Findings of one check with one flagged text, dismissed in several articles. */
export interface RepeatedDismissal {
  check: string;
  text: string;
  articles: number;
}

/** A reason given for dismissing a repeated dismissal's findings, and how many of them gave it. */
export interface DismissalReason {
  reason: string;
  count: number;
}

/** An article where a repeated dismissal's finding stands dismissed. */
export interface DismissedIn {
  articleId: number;
  title: string;
  fingerprint: string;
}

/** The queries behind the Terms page's suggestions: corrections and dismissals repeated across articles. */
export function learningRepository(db: Db) {
  const insert = db.prepare('INSERT INTO correction_replacements (event_id, article_id, before_text, after_text, approved) VALUES (?, ?, ?, ?, ?)');
  // A scan of the partial covering index on (before, after, article): no other table, no sort to group.
  const repeated = db.prepare(`SELECT before_text AS before, after_text AS after, count(DISTINCT article_id) AS articles
    FROM correction_replacements WHERE approved = 1
    GROUP BY before_text, after_text HAVING articles >= ?
    ORDER BY articles DESC, before, after`);
  const backfillThrough = db.prepare('SELECT through_event_id FROM correction_replacements_backfill').pluck();
  const setBackfillThrough = db.prepare('UPDATE correction_replacements_backfill SET through_event_id = ?');
  const unread = db.prepare(`SELECT id, article_id AS articleId, kind, status = 'approved' AS approved, before_text AS beforeText, after_text AS afterText
    FROM passage_events WHERE id <= ? ORDER BY id DESC LIMIT ?`);
  const dismissed = db.prepare(`SELECT check_id AS "check", text, count(DISTINCT article_id) AS articles
    FROM findings WHERE dismissed = 1
    GROUP BY check_id, text HAVING articles >= ?
    ORDER BY articles DESC, "check", text`);
  const reasons = db.prepare(`SELECT d.reason, count(*) AS count
    FROM findings f JOIN dismissals d ON d.article_id = f.article_id AND d.fingerprint = f.fingerprint
    WHERE f.dismissed = 1 AND f.check_id = ? AND f.text = ?
    GROUP BY d.reason ORDER BY count DESC, d.reason LIMIT ?`);
  const dismissedIn = db.prepare(`SELECT f.article_id AS articleId, a.title, min(f.fingerprint) AS fingerprint
    FROM findings f JOIN articles a ON a.id = f.article_id
    WHERE f.dismissed = 1 AND f.check_id = ? AND f.text = ?
    GROUP BY f.article_id ORDER BY f.article_id DESC LIMIT ?`);

  return {
    /** Call inside the transaction that records the passage event; `approved` as its status is (settling it later updates them). */
    insertReplacements(event: { id: number; articleId: number; approved: boolean }, replacements: readonly Replacement[]): void {
      for (const r of replacements) insert.run(event.id, event.articleId, r.before, r.after, event.approved ? 1 : 0);
    },
    /** The replacements approved in at least `minArticles` articles, most articles first. */
    repeatedReplacements(minArticles: number): RepeatedReplacement[] {
      return repeated.all(minArticles) as RepeatedReplacement[];
    },
    /** The newest passage event whose replacements are still to be derived: 0 when none is. */
    backfillThrough(): number {
      return backfillThrough.get() as number;
    },
    /** The passage events from `through` down, newest first, at most `limit`. */
    eventsThrough(through: number, limit: number): UnreadEvent[] {
      return unread.all(through, limit) as UnreadEvent[];
    },
    /** Call in the transaction that stored the replacements of the events above `through`. */
    setBackfillThrough(through: number): void {
      setBackfillThrough.run(through);
    },
    /** Flagged texts of one check dismissed in at least `minArticles` articles, most articles first. */
    repeatedDismissals(minArticles: number): RepeatedDismissal[] {
      return dismissed.all(minArticles) as RepeatedDismissal[];
    },
    /** The reasons given for a repeated dismissal, most given first. */
    reasonsFor(check: string, text: string, limit: number): DismissalReason[] {
      return reasons.all(check, text, limit) as DismissalReason[];
    },
    /** The articles where a check's finding on this text stands dismissed, newest first, with one such finding of each. */
    dismissedIn(check: string, text: string, limit: number): DismissedIn[] {
      return dismissedIn.all(check, text, limit) as DismissedIn[];
    },
  };
}
