import type { ErrorCategory, Severity } from '../../checks/types.js';
import type { ArticleEventKind } from '../../db/repositories/article-events.js';
import type { ArticleStatus } from '../../db/repositories/articles.js';
import type { ChangeKind } from '../../db/repositories/passage-events.js';
import { draftNotice, type ExportDocument } from '../document.js';
import type { ExportFormat } from '../format.js';

/**
 * The JSON export, a stable shape for other programs: a field may be added within a version,
 * none renamed, retyped or removed. Times are ISO 8601 in UTC, as the workbench stores them.
 */
export interface ArticleJson {
  format: 'translation-workbench/article';
  version: 1;
  id: number;
  externalId: string | null;
  /** The approved title, and the title as the AI wrote it. */
  title: string;
  aiTitle: string;
  /** A title given apart from the text is not one of the passages. */
  separateTitle: boolean;
  targetLang: string;
  sourceLang: string | null;
  status: ArticleStatus;
  approved: boolean;
  /** "Draft — not approved (status: …)" until the article is approved, then null. */
  notice: string | null;
  createdAt: string;
  updatedAt: string;
  /** The whole AI text and the whole approved text, as the plain-text export gives them. */
  aiText: string;
  correctedText: string;
  passages: {
    idx: number;
    /** The source-language text aligned to it; null when the article has none. */
    sourceText: string | null;
    aiText: string;
    /** The approved text, empty when the passage was deleted. */
    correctedText: string;
    deleted: boolean;
  }[];
  /** Open and dismissed findings, in text order, as the review page lists them (an approved article has no proposal waiting, so they are of its approved text). */
  findings: {
    fingerprint: string;
    check: string;
    severity: Severity;
    message: string;
    /** The flagged text, and where it is in its passage (null for a finding about the whole article). */
    text: string;
    passageIdx: number | null;
    passageStart: number | null;
    passageEnd: number | null;
    state: 'open' | 'dismissed';
    dismissalReason: string | null;
  }[];
  /** Approved changes of passages, oldest first; `by` made it (the proposer, for an approved proposal). */
  corrections: {
    passageIdx: number;
    kind: ChangeKind;
    category: ErrorCategory | null;
    by: string;
    at: string;
    before: string;
    after: string;
  }[];
  /** Submits, send-backs, approvals, assignments and re-imports, oldest first; `by` is null for a re-import from the command line. */
  steps: { kind: ArticleEventKind; by: string | null; at: string; comment: string | null }[];
}

export function articleJson(doc: ExportDocument): ArticleJson {
  return {
    format: 'translation-workbench/article',
    version: 1,
    id: doc.id,
    externalId: doc.externalId,
    title: doc.title,
    aiTitle: doc.aiTitle,
    separateTitle: doc.separateTitle,
    targetLang: doc.targetLang,
    sourceLang: doc.sourceLang,
    status: doc.status,
    approved: doc.approved,
    notice: draftNotice(doc),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    aiText: doc.aiText,
    correctedText: doc.correctedText,
    passages: doc.passages.map((p) => ({ idx: p.idx, sourceText: p.sourceText, aiText: p.aiText, correctedText: p.correctedText, deleted: p.correctedText === '' })),
    findings: doc.findings.map((f) => ({
      fingerprint: f.fingerprint,
      check: f.check,
      severity: f.severity,
      message: f.message,
      text: f.text,
      passageIdx: f.passageIdx,
      passageStart: f.passageStart,
      passageEnd: f.passageEnd,
      state: f.dismissed ? 'dismissed' : 'open',
      dismissalReason: f.dismissalReason,
    })),
    corrections: doc.corrections.map((c) => ({ passageIdx: c.passageIdx, kind: c.kind, category: c.category, by: c.userName, at: c.createdAt, before: c.beforeText, after: c.afterText })),
    steps: doc.steps.map((s) => ({ kind: s.kind, by: s.userName, at: s.createdAt, comment: s.comment })),
  };
}

/** Everything about the article as data (see ArticleJson); its passages carry every text, so each text choice gives the same document. */
export const json: ExportFormat = {
  id: 'json',
  label: 'JSON data (.json)',
  extension: 'json',
  mediaType: 'application/json; charset=utf-8',
  texts: ['corrected', 'ai', 'both'],
  render(doc) {
    return `${JSON.stringify(articleJson(doc), null, 2)}\n`;
  },
};
