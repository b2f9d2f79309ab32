import type { Db } from '../connection.js';

/**
 * The review page's parts in their stored form (packFragment), the key of what rendered them and
 * the article's content version they show: passages for reviewers, passages for approvers when
 * they differ (null otherwise), the findings panel.
 */
export interface StoredReviewFragments {
  renderKey: string;
  contentVersion: number;
  passages: Buffer;
  approverPassages: Buffer | null;
  findings: Buffer;
}

/** What one audience's page reads: the passages for approvers or for reviewers, and the findings panel. */
export type AudienceFragments = Omit<StoredReviewFragments, 'approverPassages'>;

/** The audience's passages column, read without reading the other one. */
export const AUDIENCE_PASSAGES = 'CASE WHEN @approver THEN coalesce(f.approver_passages, f.passages) ELSE f.passages END';

export function reviewFragmentRepository(db: Db) {
  const save = db.prepare(`INSERT INTO review_fragments (article_id, render_key, content_version, passages, approver_passages, findings)
    VALUES (@articleId, @renderKey, @contentVersion, @passages, @approverPassages, @findings)
    ON CONFLICT (article_id) DO UPDATE SET render_key = excluded.render_key, content_version = excluded.content_version,
      passages = excluded.passages, approver_passages = excluded.approver_passages, findings = excluded.findings`);
  const find = db.prepare(`SELECT f.render_key AS renderKey, f.content_version AS contentVersion, ${AUDIENCE_PASSAGES} AS passages, f.findings
    FROM review_fragments f WHERE f.article_id = @articleId`);

  return {
    save(articleId: number, fragments: StoredReviewFragments): void {
      save.run({ articleId, ...fragments });
    },
    find(articleId: number, approver: boolean): AudienceFragments | undefined {
      return find.get({ articleId, approver: approver ? 1 : 0 }) as AudienceFragments | undefined;
    },
  };
}
