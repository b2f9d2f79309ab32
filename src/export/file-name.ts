import type { ExportDocument } from './document.js';
import type { ExportFormat, ExportText } from './format.js';

/** The longest stem a file name takes from a title: room for the suffixes, well under any file system's limit. */
const MAX_STEM = 60;

/**
 * A title as part of a file name: ASCII letters, digits and single hyphens only, lower case, capped;
 * `fallback` when nothing is left. Accents drop off their letters; punctuation goes without a trace
 * ("don't" → "dont", "etc/passwd" → "etcpasswd", so never a path or a hidden file); spaces become hyphens.
 */
export function safeFileStem(title: string, fallback: string): string {
  const stem = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9\s_-]/g, '')
    .replace(/[\s_-]+/g, '-')
    .slice(0, MAX_STEM)
    .replace(/^-+|-+$/g, '');
  return stem || fallback;
}

/** The plain-text download's name, as it has always been. */
export function downloadName(title: string): string {
  return `${safeFileStem(title, 'article')}-corrected.txt`;
}

/**
 * An export's file name: the corrected title's stem (the article's id when the title leaves
 * none), the text when it is not the corrected one, and "-draft" until the article is approved.
 */
export function exportFileName(doc: Pick<ExportDocument, 'id' | 'title' | 'approved'>, format: Pick<ExportFormat, 'extension'>, text: ExportText): string {
  const textPart = text === 'corrected' ? '' : `-${text}`;
  return `${safeFileStem(doc.title, `article-${doc.id}`)}${textPart}${doc.approved ? '' : '-draft'}.${format.extension}`;
}
