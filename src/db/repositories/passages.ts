import type { ErrorCategory } from '../../checks/types.js';
import type { Db } from '../connection.js';

export interface StoredPassage {
  idx: number;
  /** Whitespace that separated this passage from the previous one in the AI text. */
  gapBefore: string;
  aiText: string;
  /** The working text, proposals included. Empty when the passage was deleted. */
  correctedText: string;
  /** The text exports use: made or approved by an editor. Differs from correctedText while a proposal waits. */
  approvedText: string;
  sourceText: string | null;
  /** Raised whenever correctedText changes. */
  version: number;
  /** A re-import changed the AI text under this passage's correction; someone must look again. */
  needsReview: boolean;
}

/** A passage as it comes from the import: version 1, nothing to re-review. */
export type NewPassage = Omit<StoredPassage, 'version' | 'needsReview' | 'approvedText'>;

type PassageRow = Omit<StoredPassage, 'needsReview'> & { needsReview: number };

export interface PendingProposal {
  articleId: number;
  title: string;
  passageIdx: number;
  version: number;
  approvedText: string;
  correctedText: string;
  proposedBy: string;
  category: ErrorCategory | null;
  proposedAt: string;
}

const COLUMNS = `idx, gap_before AS gapBefore, ai_text AS aiText, corrected_text AS correctedText,
  source_text AS sourceText, version, needs_review AS needsReview, approved_text AS approvedText`;

const fromRow = (row: PassageRow): StoredPassage => ({ ...row, needsReview: row.needsReview === 1 });

export function passageRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO passages (article_id, idx, gap_before, ai_text, corrected_text, approved_text, source_text, version, needs_review)
    VALUES (@articleId, @idx, @gapBefore, @aiText, @correctedText, @approvedText, @sourceText, @version, @needsReview)`);
  const removeAll = db.prepare('DELETE FROM passages WHERE article_id = ?');
  const ofArticle = db.prepare(`SELECT ${COLUMNS} FROM passages WHERE article_id = ? ORDER BY idx`);
  const one = db.prepare(`SELECT ${COLUMNS} FROM passages WHERE article_id = ? AND idx = ?`);
  const count = db.prepare('SELECT count(*) FROM passages WHERE article_id = ?').pluck();
  // The article page asks these of every view: the partial index answers in ~6 µs where the
  // primary key, which SQLite's planner prefers without statistics, reads every passage's texts (~60 µs).
  const pendingCount = db.prepare('SELECT count(*) FROM passages INDEXED BY passages_pending WHERE article_id = ? AND corrected_text <> approved_text').pluck();
  const firstPending = db.prepare('SELECT idx FROM passages INDEXED BY passages_pending WHERE article_id = ? AND corrected_text <> approved_text ORDER BY idx LIMIT 1').pluck();
  const update = db.prepare(`UPDATE passages SET corrected_text = @correctedText, approved_text = @approvedText, version = @version,
    needs_review = @needsReview WHERE article_id = @articleId AND idx = @idx`);
  // Passages whose working text waits for an editor, with the latest proposal's author and category:
  // an article's together in passage order, the article whose oldest proposal waits longest first.
  const pending = db.prepare(`SELECT p.article_id AS articleId, a.title, p.idx AS passageIdx, p.version, p.approved_text AS approvedText,
      p.corrected_text AS correctedText, u.name AS proposedBy, e.category, e.created_at AS proposedAt
    FROM passages p JOIN articles a ON a.id = p.article_id
    JOIN passage_events e ON e.id = (SELECT max(id) FROM passage_events WHERE article_id = p.article_id AND passage_idx = p.idx AND status = 'proposed')
    JOIN users u ON u.id = e.user_id
    WHERE p.corrected_text <> p.approved_text ORDER BY min(e.id) OVER (PARTITION BY p.article_id), p.idx LIMIT @limit`);
  const pendingOf = db.prepare('SELECT idx, version FROM passages INDEXED BY passages_pending WHERE article_id = ? AND corrected_text <> approved_text ORDER BY idx');

  const insertOne = (articleId: number, p: StoredPassage) => insert.run({ articleId, ...p, needsReview: p.needsReview ? 1 : 0 });

  return {
    /** Call inside a transaction: one statement per passage. */
    insertAll(articleId: number, passages: readonly NewPassage[]): void {
      for (const p of passages) insertOne(articleId, { ...p, approvedText: p.correctedText, version: 1, needsReview: false });
    },
    /** Call inside a transaction: the article's passages become exactly these (a re-import). */
    replaceAll(articleId: number, passages: readonly StoredPassage[]): void {
      removeAll.run(articleId);
      for (const p of passages) insertOne(articleId, p);
    },
    ofArticle(articleId: number): StoredPassage[] {
      return (ofArticle.all(articleId) as PassageRow[]).map(fromRow);
    },
    find(articleId: number, idx: number): StoredPassage | undefined {
      const row = one.get(articleId, idx) as PassageRow | undefined;
      return row && fromRow(row);
    },
    count(articleId: number): number {
      return count.get(articleId) as number;
    },
    /** Call inside a transaction: stores the working and approved texts, version and review mark of each passage given. */
    updateAll(articleId: number, passages: readonly Pick<StoredPassage, 'idx' | 'correctedText' | 'approvedText' | 'version' | 'needsReview'>[]): void {
      for (const p of passages) {
        update.run({ articleId, idx: p.idx, correctedText: p.correctedText, approvedText: p.approvedText, version: p.version, needsReview: p.needsReview ? 1 : 0 });
      }
    },
    /** How many of the article's passages have a proposal waiting. */
    pendingCount(articleId: number): number {
      return pendingCount.get(articleId) as number;
    },
    /** The first passage whose proposal waits for an editor, if any. */
    firstPending(articleId: number): number | undefined {
      return firstPending.get(articleId) as number | undefined;
    },
    /** The passages of an article with a proposal waiting, at their versions. */
    pendingOf(articleId: number): { idx: number; version: number }[] {
      return pendingOf.all(articleId) as { idx: number; version: number }[];
    },
    /** Proposals waiting for an editor, across articles: an article's together, the one waiting longest first. */
    pendingProposals(limit: number): PendingProposal[] {
      return pending.all({ limit }) as PendingProposal[];
    },
  };
}
