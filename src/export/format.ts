import type { ExportDocument } from './document.js';

/** Which text of the article an export writes; a format lists those it can give. */
export type ExportText = 'corrected' | 'ai' | 'both';

/**
 * One export format: a pure function from the article to the bytes of a file. Each format is one
 * module; the registry (./index.ts) lists them, and the page, the API, the command line and the ZIP
 * export all go through it.
 */
export interface ExportFormat {
  /** As `?format=` and `--format` name it. */
  id: string;
  /** As the article page's menu shows it. */
  label: string;
  extension: string;
  mediaType: string;
  texts: readonly ExportText[];
  /** Its files are compressed already (a ZIP of their own): a ZIP export stores them as they are. */
  compressed?: true;
  render(doc: ExportDocument, text: ExportText): string | Uint8Array | Promise<Uint8Array>;
}

/** The texts as the article page's export menu names them. */
export const EXPORT_TEXT_LABELS: Readonly<Record<ExportText, string>> = {
  corrected: 'Corrected text',
  ai: 'AI text',
  both: 'Both, passage by passage',
};
