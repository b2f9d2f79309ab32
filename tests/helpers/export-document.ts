import type { ExportDocument, ExportPassage } from '../../src/export/document.js';
import { correctedArticle } from '../../src/services/passage-layout.js';

/**
 * A document of made-up passages, without a database, for tests of a format alone: an article in
 * review whose title is its first passage; `fields` overrides any of it.
 */
export function madeUpDocument(passages: ExportPassage[], fields: Partial<ExportDocument> = {}): ExportDocument {
  const title = passages[0]?.correctedText ?? '';
  return {
    id: 1,
    externalId: null,
    title,
    correctedTitle: title,
    aiTitle: passages[0]?.aiText ?? '',
    separateTitle: false,
    targetLang: 'en',
    sourceLang: null,
    status: 'in_review',
    approved: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    passages,
    aiText: `${correctedArticle(passages.map((p) => ({ ...p, correctedText: p.aiText }))).text}\n`,
    correctedText: `${correctedArticle(passages).text}\n`,
    findings: [],
    fixedFindings: [],
    corrections: [],
    steps: [],
    ...fields,
  };
}
