import type { Paragraph, PhrasingContent, Root } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { ExportFormat } from '../format.js';
import { readingLayout, type ReadingParagraph } from '../reading-layout.js';

function paragraph({ label, text }: ReadingParagraph): Paragraph {
  const body: PhrasingContent = text === null ? { type: 'emphasis', children: [{ type: 'text', value: '(deleted)' }] } : { type: 'text', value: text };
  const children: PhrasingContent[] = label === null ? [body] : [{ type: 'strong', children: [{ type: 'text', value: `${label}:` }] }, { type: 'text', value: ' ' }, body];
  return { type: 'paragraph', children };
}

/**
 * The article as Markdown: the title as a heading, a paragraph per passage. Built as a syntax tree
 * and written by mdast-util-to-markdown, so article text that looks like markup ("* ", "# ",
 * "1. " at a line start, "_x_") is escaped and reads back as the same text.
 */
export const md: ExportFormat = {
  id: 'md',
  label: 'Markdown (.md)',
  extension: 'md',
  mediaType: 'text/markdown; charset=utf-8',
  texts: ['corrected', 'ai', 'both'],
  render(doc, text) {
    const { heading, notice, paragraphs } = readingLayout(doc, text);
    const root: Root = {
      type: 'root',
      children: [
        { type: 'heading', depth: 1, children: [{ type: 'text', value: heading }] },
        ...(notice === null ? [] : [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: notice }] }] } satisfies Paragraph]),
        ...paragraphs.map(paragraph),
      ],
    };
    return toMarkdown(root);
  },
};
