import { stringify } from 'csv-stringify/sync';
import type { ExportFormat } from '../format.js';
import { guardFormula } from '../../lib/spreadsheet-cell.js';
import { OUTCOMES, reviewReport, SEVERITIES } from '../review-report.js';

/**
 * The review report as one CSV table, so a spreadsheet can sort and filter it whole: each row says
 * what it is in `section` (article, finding, correction, total). The article row names it, and
 * says Draft unless it is approved. A finding row fills the finding columns, a
 * correction row the correction ones, and a total row fills the one column it totals by
 * (outcome, severity or category) and `count`: filtering on section and one column gives any total
 * again. Three tables in one file would break sorting and filtering; three files, the one download.
 */
const REPORT_COLUMNS = ['section', 'passage', 'check', 'severity', 'outcome', 'flagged text', 'message', 'dismissal reason', 'change', 'category', 'before', 'after', 'by', 'at', 'count'] as const;

type Row = Partial<Record<(typeof REPORT_COLUMNS)[number], string | number | null>>;

export const reportCsv: ExportFormat = {
  id: 'report-csv',
  label: 'Review report (.csv)',
  extension: 'csv',
  mediaType: 'text/csv; charset=utf-8',
  // The report is of the review, the same whichever text is chosen: it takes each, so no choice in the menu refuses it.
  texts: ['corrected', 'ai', 'both'],
  render(doc) {
    const { draft, findings, corrections, totals } = reviewReport(doc);
    const rows: Row[] = [
      { section: 'article', message: draft === null ? `Review report: ${doc.title}` : `${draft}: review report: ${doc.title}`, at: doc.updatedAt },
      ...findings.map((f) => ({ section: 'finding', passage: f.passage, check: f.check, severity: f.severity, outcome: f.outcome, 'flagged text': f.text, message: f.message, 'dismissal reason': f.reason })),
      ...corrections.map((c) => ({ section: 'correction', passage: c.passage, change: c.kind, category: c.category, before: c.before, after: c.after, by: c.userName, at: c.createdAt })),
      ...OUTCOMES.map((outcome) => ({ section: 'total', outcome, count: totals.byOutcome[outcome] })),
      ...SEVERITIES.map((severity) => ({ section: 'total', severity, count: totals.bySeverity[severity] })),
      ...totals.byCategory.map(({ category, count }) => ({ section: 'total', category, count })),
    ];
    // Article text is not ours, and a flagged text may well start with "-": no cell may read as a formula.
    // The byte order mark makes Excel read the file as UTF-8 (names in any script).
    return stringify(rows, { header: true, columns: [...REPORT_COLUMNS], bom: true, cast: { string: guardFormula } });
  },
};
