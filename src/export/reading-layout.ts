import { draftNotice, type ExportDocument } from './document.js';
import type { ExportText } from './format.js';

/** One paragraph of a document meant for reading; in "both" labelled with the text it is. A null text is a deleted passage. */
export interface ReadingParagraph {
  label: string | null;
  text: string | null;
}

/** What the Markdown and HTML exports write, in order: the heading, the draft notice until approved, the paragraphs. */
export interface ReadingLayout {
  heading: string;
  notice: string | null;
  paragraphs: ReadingParagraph[];
}

export const TEXT_LABELS = { aiTitle: 'AI title', ai: 'AI text', corrected: 'Corrected text' } as const;

/**
 * The article as headed paragraphs: the title (the first line, unless it was given apart) is the
 * heading, each other passage a paragraph. "ai" and "corrected" give that text, leaving out the
 * passages it deleted; "both" gives each passage's AI text and corrected text, labelled, with the
 * AI title after the heading when it differs from the corrected one.
 */
export function readingLayout(doc: ExportDocument, text: ExportText): ReadingLayout {
  const titleLine = doc.separateTitle ? undefined : doc.passages[0];
  const body = doc.separateTitle ? doc.passages : doc.passages.slice(1);
  const aiHeading = titleLine?.aiText ?? doc.aiTitle;
  // A deleted first line leaves the title the workbench shows.
  const correctedHeading = titleLine?.correctedText || doc.title;
  const notice = draftNotice(doc);
  if (text !== 'both') {
    const texts = body.map((p) => (text === 'ai' ? p.aiText : p.correctedText)).filter((t) => t !== '');
    return { heading: text === 'ai' ? aiHeading : correctedHeading, notice, paragraphs: texts.map((t) => ({ label: null, text: t })) };
  }
  const aiTitle = aiHeading === correctedHeading ? [] : [{ label: TEXT_LABELS.aiTitle, text: aiHeading }];
  const pairs = body.flatMap((p) => [
    { label: TEXT_LABELS.ai, text: p.aiText },
    { label: TEXT_LABELS.corrected, text: p.correctedText || null },
  ]);
  return { heading: correctedHeading, notice, paragraphs: [...aiTitle, ...pairs] };
}
