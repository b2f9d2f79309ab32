import type { Db } from '../connection.js';

/** The review page's passages and findings panel as rendered HTML, and the templates' key. */
export interface ReviewFragments {
  renderKey: string;
  passagesHtml: string;
  findingsHtml: string;
}

export function reviewFragmentRepository(db: Db) {
  const save = db.prepare(`INSERT INTO review_fragments (article_id, render_key, passages_html, findings_html)
    VALUES (@articleId, @renderKey, @passagesHtml, @findingsHtml)
    ON CONFLICT (article_id) DO UPDATE SET render_key = excluded.render_key,
      passages_html = excluded.passages_html, findings_html = excluded.findings_html`);
  const find = db.prepare(`SELECT render_key AS renderKey, passages_html AS passagesHtml, findings_html AS findingsHtml
    FROM review_fragments WHERE article_id = ?`);

  return {
    save(articleId: number, fragments: ReviewFragments): void {
      save.run({ articleId, ...fragments });
    },
    find(articleId: number): ReviewFragments | undefined {
      return find.get(articleId) as ReviewFragments | undefined;
    },
  };
}
