import { compileView } from '../../render/compile.js';
import type { ExportFormat } from '../format.js';
import { readingLayout } from '../reading-layout.js';

const view = compileView('export/article');

/** The article as a standalone HTML5 document in its language: the title as heading, a paragraph per passage; no script, nothing from elsewhere. */
export const html: ExportFormat = {
  id: 'html',
  label: 'Web page (.html)',
  extension: 'html',
  mediaType: 'text/html; charset=utf-8',
  texts: ['corrected', 'ai', 'both'],
  render(doc, text) {
    return view.render({ lang: doc.targetLang, ...readingLayout(doc, text) });
  },
};
