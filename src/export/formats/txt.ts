import { draftNotice } from '../document.js';
import type { ExportFormat } from '../format.js';

/** The article as plain text, exactly as the download gives it, after a draft notice until it is approved. */
export const txt: ExportFormat = {
  id: 'txt',
  label: 'Plain text (.txt)',
  extension: 'txt',
  mediaType: 'text/plain; charset=utf-8',
  texts: ['corrected', 'ai'],
  render(doc, text) {
    const notice = draftNotice(doc);
    const body = text === 'ai' ? doc.aiText : doc.correctedText;
    return notice ? `${notice}\n\n${body}` : body;
  },
};
