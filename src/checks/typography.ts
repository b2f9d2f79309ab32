import type { Check, Report } from './types.js';

// Doubled words that English grammar allows ("I had had enough", "he said that that deal…").
const ALLOWED_REPEATS = new Set(['had', 'that']);
const REPEATED_WORD = /\b(\p{L}+)(\s+)(\1)\b/giu;
const DOUBLE_SPACE = /(?<=\S)[ \u00a0]{2,}(?=\S)/g;
// A space before closing punctuation; an ellipsis or a lone dash stays as written.
const SPACE_BEFORE_PUNCTUATION = /(?<=[\p{L}\p{N}"”’)])[ \u00a0]+(?=[,.;:!?](?:\s|$|["”’]))(?![.]{2})/gu;
const QUOTES = /["“”]/g;

export const typography: Check = {
  id: 'typography',
  description: 'Repeated words, double spaces, a space before punctuation and unbalanced quotation marks.',
  defaultSeverity: 'warning',
  itsType: 'typographical',
  run(article) {
    const reports: Report[] = [];
    for (const passage of article.passages) {
      const at = passage.start;
      for (const m of passage.text.matchAll(REPEATED_WORD)) {
        if (m[1]!.toLowerCase() !== m[3]!.toLowerCase() || ALLOWED_REPEATS.has(m[1]!.toLowerCase())) continue;
        const start = at + m.index;
        reports.push({
          start,
          end: start + m[0].length,
          message: `"${m[1]}" is written twice in a row.`,
          fix: { start: start + m[1]!.length, end: start + m[0].length, text: '' },
        });
      }
      for (const m of passage.text.matchAll(DOUBLE_SPACE)) {
        const start = at + m.index;
        reports.push({
          start,
          end: start + m[0].length,
          message: 'Several spaces between words; use one.',
          fix: { start, end: start + m[0].length, text: ' ' },
          itsType: 'whitespace',
        });
      }
      for (const m of passage.text.matchAll(SPACE_BEFORE_PUNCTUATION)) {
        const start = at + m.index;
        const mark = passage.text[m.index + m[0].length];
        reports.push({
          start,
          end: start + m[0].length + 1,
          message: `No space belongs before "${mark}".`,
          fix: { start, end: start + m[0].length, text: '' },
          itsType: 'whitespace',
        });
      }
      const unbalanced = unbalancedQuote(passage.text);
      const next = article.passages[passage.index + 1];
      // News style leaves a quotation open at the end of a paragraph when the next one continues it.
      if (unbalanced !== undefined && !(next && /^["“]/.test(next.text))) {
        reports.push({
          start: at + unbalanced,
          end: at + unbalanced + 1,
          message: 'This quotation mark has no partner in the paragraph.',
        });
      }
    }
    return reports;
  },
};

/** Index of the quotation mark left without a partner, if any. */
function unbalancedQuote(text: string): number | undefined {
  let open: number | undefined;
  for (const m of text.matchAll(QUOTES)) {
    const opens = m[0] === '“' || (m[0] === '"' && open === undefined);
    if (opens) {
      if (open !== undefined) return open;
      open = m.index;
    } else {
      if (open === undefined) return m.index;
      open = undefined;
    }
  }
  return open;
}
