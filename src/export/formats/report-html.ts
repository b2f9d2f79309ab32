import { escapeHtml, renderDiffHtml, wordDiff } from '../../lib/diff/index.js';
import { compileView } from '../../render/compile.js';
import { STATUS_LABELS } from '../../render/view-helpers.js';
import type { ExportFormat } from '../format.js';
import { reviewReport } from '../review-report.js';

const view = compileView('export/report');

/** A stored ISO timestamp to the minute, as a printed page gives it. */
const minuteOf = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The review report as a printable, standalone HTML5 document: views/export/report.ejs. */
export const reportHtml: ExportFormat = {
  id: 'report',
  label: 'Review report (.html, printable)',
  extension: 'html',
  mediaType: 'text/html; charset=utf-8',
  // The report is of the review, the same whichever text is chosen: it takes each, so no choice in the menu refuses it.
  texts: ['corrected', 'ai', 'both'],
  render(doc) {
    const report = reviewReport(doc);
    return view.render({
      article: {
        id: doc.id,
        externalId: doc.externalId,
        title: doc.title,
        lang: doc.targetLang,
        sourceLang: doc.sourceLang,
        status: STATUS_LABELS[doc.status],
        updatedAt: minuteOf(doc.updatedAt),
      },
      report: {
        ...report,
        corrections: report.corrections.map((c) => ({ ...c, createdAt: minuteOf(c.createdAt), diffHtml: renderDiffHtml(wordDiff(c.before, c.after).parts) })),
      },
      escapeHtml,
    });
  },
};
