import type { Db } from '../connection.js';

/** The review page's passages and findings panel in their stored form, and the templates' key. */
export interface StoredReviewFragments {
  renderKey: string;
  passages: Buffer;
  findings: Buffer;
}

export function reviewFragmentRepository(db: Db) {
  const save = db.prepare(`INSERT INTO review_fragments (article_id, render_key, passages, findings)
    VALUES (@articleId, @renderKey, @passages, @findings)
    ON CONFLICT (article_id) DO UPDATE SET render_key = excluded.render_key,
      passages = excluded.passages, findings = excluded.findings`);
  const find = db.prepare('SELECT render_key AS renderKey, passages, findings FROM review_fragments WHERE article_id = ?');

  return {
    save(articleId: number, fragments: StoredReviewFragments): void {
      save.run({ articleId, ...fragments });
    },
    find(articleId: number): StoredReviewFragments | undefined {
      return find.get(articleId) as StoredReviewFragments | undefined;
    },
  };
}
