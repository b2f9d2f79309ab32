import { ERROR_CATEGORIES, type ErrorCategory, type Severity } from '../checks/types.js';
import type { ChangeKind } from '../db/repositories/passage-events.js';
import { draftNotice, type ExportDocument } from './document.js';

/**
 * The review report as data, which its HTML and CSV formats both print: every finding with what
 * became of it, every approved correction, and the totals of both.
 */

export type FindingOutcome = 'fixed' | 'dismissed' | 'open';

export const OUTCOMES: readonly FindingOutcome[] = ['fixed', 'dismissed', 'open'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface ReportFinding {
  /** As the review page numbers passages (the title is 1); null for a finding across passages. */
  passage: number | null;
  check: string;
  severity: Severity;
  text: string;
  message: string;
  outcome: FindingOutcome;
  /** Why it was dismissed; null unless it was. */
  reason: string | null;
}

export interface ReportCorrection {
  passage: number;
  kind: ChangeKind;
  /** The category's label; null for a revert or a restore. */
  category: string | null;
  userName: string;
  createdAt: string;
  before: string;
  after: string;
}

export interface CategoryTotal {
  category: string;
  count: number;
}

export interface ReviewReport {
  /** What the report says first when the article is not approved; null once it is. */
  draft: string | null;
  findings: ReportFinding[];
  corrections: ReportCorrection[];
  totals: {
    byOutcome: Record<FindingOutcome, number>;
    bySeverity: Record<Severity, number>;
    /** The categories corrections name, in ERROR_CATEGORIES order, then those without one. */
    byCategory: CategoryTotal[];
  };
}

/** What a correction without a category (a revert or a restore) is counted under. */
export const NO_CATEGORY = 'None (revert or restore)';

const passageNumber = (idx: number | null) => (idx === null ? null : idx + 1);

export function reviewReport(doc: ExportDocument): ReviewReport {
  const stored: ReportFinding[] = doc.findings.map((f) => ({
    passage: passageNumber(f.passageIdx),
    check: f.check,
    severity: f.severity,
    text: f.text,
    message: f.message,
    outcome: f.dismissed ? 'dismissed' : 'open',
    reason: f.dismissed ? f.dismissalReason : null,
  }));
  const fixed: ReportFinding[] = doc.fixedFindings.map((f) => ({
    passage: passageNumber(f.passageIdx),
    check: f.check,
    severity: f.severity,
    text: f.text,
    message: f.message,
    outcome: 'fixed',
    reason: null,
  }));
  // In passage order, so a reader goes through the article once; a finding across passages last.
  const findings = [...fixed, ...stored].sort((a, b) => (a.passage ?? Infinity) - (b.passage ?? Infinity));
  const corrections: ReportCorrection[] = doc.corrections.map((c) => ({
    passage: c.passageIdx + 1,
    kind: c.kind,
    category: c.category && ERROR_CATEGORIES[c.category],
    userName: c.userName,
    createdAt: c.createdAt,
    before: c.beforeText,
    after: c.afterText,
  }));
  const draft = draftNotice(doc);
  return { draft, findings, corrections, totals: totalsOf(findings, doc.corrections.map((c) => c.category)) };
}

function totalsOf(findings: readonly ReportFinding[], categories: readonly (ErrorCategory | null)[]): ReviewReport['totals'] {
  const byOutcome: Record<FindingOutcome, number> = { fixed: 0, dismissed: 0, open: 0 };
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    byOutcome[f.outcome]++;
    bySeverity[f.severity]++;
  }
  const counts = new Map<ErrorCategory | null, number>();
  for (const c of categories) counts.set(c, (counts.get(c) ?? 0) + 1);
  const order = [...(Object.keys(ERROR_CATEGORIES) as ErrorCategory[]), null];
  const byCategory = order.filter((c) => counts.has(c)).map((c) => ({ category: c === null ? NO_CATEGORY : ERROR_CATEGORIES[c], count: counts.get(c)! }));
  return { byOutcome, bySeverity, byCategory };
}
