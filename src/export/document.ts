import type { ErrorCategory } from '../checks/types.js';
import { STATUS_LABELS } from '../render/view-helpers.js';
import type { ArticleStatus } from '../db/repositories/articles.js';
import type { ArticleEvent } from '../db/repositories/article-events.js';
import type { FixedFinding, StoredFinding } from '../db/repositories/findings.js';
import type { ChangeKind } from '../db/repositories/passage-events.js';

/** A passage of the article as exports give it: the approved text, never a proposal that still waits. */
export interface ExportPassage {
  idx: number;
  /** Whitespace that separated it from the previous passage in the AI text. */
  gapBefore: string;
  /** The source-language passages aligned to it; null when the article has no source text. */
  sourceText: string | null;
  aiText: string;
  /** Empty when the passage was deleted. */
  correctedText: string;
}

/** An approved change of a passage: who made it and when (the proposer, for an approved proposal). */
export interface ExportCorrection {
  passageIdx: number;
  kind: ChangeKind;
  /** Null for a revert or a restore. */
  category: ErrorCategory | null;
  userName: string;
  createdAt: string;
  beforeText: string;
  afterText: string;
}

/**
 * Everything an export format may write about one article, read in one transaction. Formats are
 * pure functions of it: they never read the database.
 */
export interface ExportDocument {
  id: number;
  /** The CMS's id for the article, when the import gave one. */
  externalId: string | null;
  /** The approved title, and the title as the AI wrote it. */
  title: string;
  aiTitle: string;
  /** The title passage's approved text in full, empty when deleted (`title` is shortened, and falls back to the next line). */
  correctedTitle: string;
  /** Passage 0 is a title given apart from the text: it is `title`, not one of `passages`. */
  separateTitle: boolean;
  targetLang: string;
  sourceLang: string | null;
  status: ArticleStatus;
  /** Only an approved article's export is final; every other says so in the document and its file name. */
  approved: boolean;
  createdAt: string;
  updatedAt: string;
  /** The passages of the text, in order (the title's first line among them unless given apart). */
  passages: ExportPassage[];
  /** The whole AI text and the whole approved text, as the plain-text export gives them (ending with a line break). */
  aiText: string;
  correctedText: string;
  /** Open and dismissed findings, in text order. */
  findings: StoredFinding[];
  /** Findings the review's changes made go away (proposals among them until the article is approved), in passage order. */
  fixedFindings: FixedFinding[];
  /** Approved changes, oldest first. */
  corrections: ExportCorrection[];
  /** Submits, send-backs, approvals, assignments and re-imports, oldest first. */
  steps: ArticleEvent[];
}

/** What an export of an article that is not approved says first, so no one takes it for the final text; null once approved. */
export function draftNotice(doc: Pick<ExportDocument, 'approved' | 'status'>): string | null {
  return doc.approved ? null : `Draft — not approved (status: ${STATUS_LABELS[doc.status].toLowerCase()})`;
}
