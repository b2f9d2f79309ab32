import type { Db } from '../connection.js';

export interface StoredPassage {
  idx: number;
  /** Whitespace that separated this passage from the previous one in the AI text. */
  gapBefore: string;
  aiText: string;
  /** Empty when the passage was deleted. */
  correctedText: string;
  sourceText: string | null;
  /** Raised whenever correctedText changes. */
  version: number;
  /** A re-import changed the AI text under this passage's correction; someone must look again. */
  needsReview: boolean;
}

/** A passage as it comes from the import: version 1, nothing to re-review. */
export type NewPassage = Omit<StoredPassage, 'version' | 'needsReview'>;

type PassageRow = Omit<StoredPassage, 'needsReview'> & { needsReview: number };

const COLUMNS = `idx, gap_before AS gapBefore, ai_text AS aiText, corrected_text AS correctedText,
  source_text AS sourceText, version, needs_review AS needsReview`;

const fromRow = (row: PassageRow): StoredPassage => ({ ...row, needsReview: row.needsReview === 1 });

export function passageRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO passages (article_id, idx, gap_before, ai_text, corrected_text, source_text, version, needs_review)
    VALUES (@articleId, @idx, @gapBefore, @aiText, @correctedText, @sourceText, @version, @needsReview)`);
  const removeAll = db.prepare('DELETE FROM passages WHERE article_id = ?');
  const ofArticle = db.prepare(`SELECT ${COLUMNS} FROM passages WHERE article_id = ? ORDER BY idx`);
  const one = db.prepare(`SELECT ${COLUMNS} FROM passages WHERE article_id = ? AND idx = ?`);
  const count = db.prepare('SELECT count(*) FROM passages WHERE article_id = ?').pluck();
  const update = db.prepare(`UPDATE passages SET corrected_text = @correctedText, version = @version, needs_review = @needsReview
    WHERE article_id = @articleId AND idx = @idx`);

  const insertOne = (articleId: number, p: StoredPassage) => insert.run({ articleId, ...p, needsReview: p.needsReview ? 1 : 0 });

  return {
    /** Call inside a transaction: one statement per passage. */
    insertAll(articleId: number, passages: readonly NewPassage[]): void {
      for (const p of passages) insertOne(articleId, { ...p, version: 1, needsReview: false });
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
    /** Call inside a transaction: stores the corrected text, version and review mark of each passage given. */
    updateAll(articleId: number, passages: readonly Pick<StoredPassage, 'idx' | 'correctedText' | 'version' | 'needsReview'>[]): void {
      for (const p of passages) update.run({ articleId, idx: p.idx, correctedText: p.correctedText, version: p.version, needsReview: p.needsReview ? 1 : 0 });
    },
  };
}
