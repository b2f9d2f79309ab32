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
}

const COLUMNS = `idx, gap_before AS gapBefore, ai_text AS aiText, corrected_text AS correctedText,
  source_text AS sourceText, version`;

export function passageRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO passages (article_id, idx, gap_before, ai_text, corrected_text, source_text)
    VALUES (@articleId, @idx, @gapBefore, @aiText, @correctedText, @sourceText)`);
  const ofArticle = db.prepare(`SELECT ${COLUMNS} FROM passages WHERE article_id = ? ORDER BY idx`);
  const one = db.prepare(`SELECT ${COLUMNS} FROM passages WHERE article_id = ? AND idx = ?`);
  const count = db.prepare('SELECT count(*) FROM passages WHERE article_id = ?').pluck();
  const update = db.prepare('UPDATE passages SET corrected_text = @correctedText, version = @version WHERE article_id = @articleId AND idx = @idx');

  return {
    /** Call inside a transaction: one statement per passage. */
    insertAll(articleId: number, passages: readonly Omit<StoredPassage, 'version'>[]): void {
      for (const p of passages) insert.run({ articleId, ...p });
    },
    ofArticle(articleId: number): StoredPassage[] {
      return ofArticle.all(articleId) as StoredPassage[];
    },
    find(articleId: number, idx: number): StoredPassage | undefined {
      return one.get(articleId, idx) as StoredPassage | undefined;
    },
    count(articleId: number): number {
      return count.get(articleId) as number;
    },
    /** Call inside a transaction: stores the corrected text and version of each passage given. */
    updateAll(articleId: number, passages: readonly Pick<StoredPassage, 'idx' | 'correctedText' | 'version'>[]): void {
      for (const p of passages) update.run({ articleId, idx: p.idx, correctedText: p.correctedText, version: p.version });
    },
  };
}
