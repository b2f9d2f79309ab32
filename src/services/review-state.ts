import type { FindingToStore, StoredFinding } from '../db/repositories/findings.js';
import type { CommentsBrief } from '../db/repositories/passage-comments.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import type { ReferenceData } from '../reference/index.js';
import { fragmentArticle, packFragment, RENDER_KEY, renderReviewFragments } from '../render/review-fragments.js';
import type { ArticleName } from '../text/article-names.js';
import { checkArticleAndNames } from './check-article.js';

/**
 * The costly part of every change of an article, as one pure function: checking the article as
 * it will stand and rendering its review page parts. It runs in a worker thread in the server
 * (src/services/reviewer.ts), so no article, however pathological, holds the event loop.
 */

/** An article as a change leaves it: everything its findings and review page depend on. */
export interface ArticleState {
  article: { id: number; targetLang: string; sourceLang: string | null; sourceText: string | null; separateTitle: boolean };
  passages: StoredPassage[];
  /** Dismissed fingerprints, each with the reason given. */
  dismissals: Map<string, string>;
  /** Each commented passage's comments (by index), in brief: the LATEST_COMMENTS most recent. */
  comments: Map<number, CommentsBrief>;
}

/** How many of a passage's comments its row on the review page shows (the edit page has the whole thread). */
export const LATEST_COMMENTS = 2;

/** An article's review page parts in their stored form (packFragment): its passages, for reviewers and (when they differ) approvers, and findings panel. */
export interface RenderedParts {
  renderKey: string;
  passages: Uint8Array;
  approverPassages: Uint8Array | null;
  findings: Uint8Array;
}

/** The findings of an article state and its rendered review page parts. */
export interface ReviewedState {
  findings: FindingToStore[];
  /** The proper names of the article as it stands, for the archive's names index. */
  names: ArticleName[];
  /** Null when the parts were rendered for an id the article did not get: its page renders them when first shown. */
  rendering: RenderedParts | null;
}

/** A fresh finding as the review page reads it back from the database. */
function asStored(f: FindingToStore, dismissals: ReadonlyMap<string, string>): StoredFinding {
  const reason = dismissals.get(f.fingerprint);
  return {
    ...f,
    fix: f.fix ?? null,
    suggestions: f.suggestions ?? [],
    group: f.group ?? null,
    alternatives: f.alternatives ?? [],
    note: f.note ?? null,
    dismissed: reason !== undefined,
    dismissalReason: reason ?? null,
  };
}

export function reviewState(state: ArticleState, reference: ReferenceData): ReviewedState {
  const { article, passages, dismissals, comments } = state;
  const { findings, names } = checkArticleAndNames(article, passages, reference, new Set(dismissals.keys()));
  const rendered = renderReviewFragments(
    fragmentArticle(article),
    passages,
    findings.map((f) => asStored(f, dismissals)),
    comments,
  );
  return {
    findings,
    names,
    rendering: {
      renderKey: RENDER_KEY,
      passages: packFragment(rendered.passages),
      approverPassages: rendered.approverPassages && packFragment(rendered.approverPassages),
      findings: packFragment(rendered.findings),
    },
  };
}
