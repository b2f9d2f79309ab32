import type { Passage, Token } from '../text/segment.js';
import type { Check, Report } from './types.js';

// Doubled words that English grammar allows ("I had had enough", "he said that that deal…").
const ALLOWED_REPEATS = new Set(['had', 'that']);
// Only spaces between the copies: across a comma or a line break a repeat is usually deliberate.
const SPACES_ONLY = /^[ \u00a0]+$/;
const DOUBLE_SPACE = /(?<=\S)[ \u00a0]{2,}(?=\S)/g;
// A space before closing punctuation; an ellipsis stays as written.
const SPACE_BEFORE_PUNCTUATION = /(?<=[\p{L}\p{N}"”’)])[ \u00a0]+(?=[,.;:!?](?:\s|$|["”’]))(?![.]{2})/gu;
const QUOTES = /["“”„]/g;

export const typography: Check = {
  id: 'typography',
  description: 'Repeated words, double spaces, a space before punctuation and unbalanced quotation marks.',
  // A doubled word or an unpaired quotation mark is likely a slip, yet some doubles are meant ("Bora Bora"); spacing is style.
  defaultSeverity: 'warning',
  itsType: 'typographical',
  category: 'fluency',
  run(article) {
    const reports: Report[] = [];
    for (const passage of article.passages) {
      repeatedWords(article.text, passage, reports);
      // Cheap substring tests first: most paragraphs have none of these slips.
      if (passage.text.includes('  ')) extraSpaces(passage, reports);
      if (/[ \u00a0][,.;:!?]/.test(passage.text)) spacesBeforePunctuation(passage, reports);
      const unbalanced = unbalancedQuote(passage.text);
      const next = article.passages[passage.index + 1];
      // News style leaves a quotation open at the end of a paragraph when the next one continues it.
      if (unbalanced !== undefined && !(next && /^["“„]/.test(next.text))) {
        reports.push({
          start: passage.start + unbalanced,
          end: passage.start + unbalanced + 1,
          message: 'This quotation mark has no partner in the paragraph.',
        });
      }
    }
    return reports;
  },
};

/**
 * A word written again right after itself, with only spaces between. A loop of machine
 * translation ("the the the …") is one finding with one fix, not one per pair of copies.
 */
function repeatedWords(text: string, passage: Passage, reports: Report[]): void {
  const { tokens } = passage;
  for (let i = 0; i < tokens.length; ) {
    const first = tokens[i]!;
    let last = i;
    while (last + 1 < tokens.length && repeats(text, first, tokens[last]!, tokens[last + 1]!)) last++;
    if (last > i) {
      const copies = last - i + 1;
      reports.push({
        start: first.start,
        end: tokens[last]!.end,
        message: `"${first.text}" is written ${copies === 2 ? 'twice' : `${copies} times`} in a row.`,
        fix: { start: first.end, end: tokens[last]!.end, text: '' },
      });
    }
    i = last + 1;
  }
}

/** Whether `next` copies `first` right after `previous` (a copy of it or `first` itself). */
function repeats(text: string, first: Token, previous: Token, next: Token): boolean {
  if (first.kind !== 'word' || next.kind !== 'word' || first.text.length !== next.text.length) return false;
  const word = first.text.toLowerCase();
  return word === next.text.toLowerCase() && !ALLOWED_REPEATS.has(word) && SPACES_ONLY.test(text.slice(previous.end, next.start));
}

function extraSpaces(passage: Passage, reports: Report[]): void {
  for (const m of passage.text.matchAll(DOUBLE_SPACE)) {
    const start = passage.start + m.index;
    reports.push({
      start,
      end: start + m[0].length,
      message: 'Several spaces between words; use one.',
      fix: { start, end: start + m[0].length, text: ' ' },
      itsType: 'whitespace',
      // Spacing changes no meaning: style.
      severity: 'info',
    });
  }
}

function spacesBeforePunctuation(passage: Passage, reports: Report[]): void {
  for (const m of passage.text.matchAll(SPACE_BEFORE_PUNCTUATION)) {
    const start = passage.start + m.index;
    const mark = passage.text[m.index + m[0].length];
    reports.push({
      start,
      end: start + m[0].length + 1,
      message: `No space belongs before "${mark}".`,
      fix: { start, end: start + m[0].length, text: '' },
      itsType: 'whitespace',
      // Spacing changes no meaning: style.
      severity: 'info',
    });
  }
}

/**
 * Index of the quotation mark left without a partner, if any. English opens with “ and closes
 * with ”; German opens with „ and closes with “; a straight " alternates.
 */
function unbalancedQuote(text: string): number | undefined {
  let open: number | undefined;
  let openMark = '';
  for (const m of text.matchAll(QUOTES)) {
    const mark = m[0];
    const closesGerman = mark === '“' && openMark === '„';
    const opens = !closesGerman && (mark === '“' || mark === '„' || (mark === '"' && open === undefined));
    if (opens) {
      if (open !== undefined) return open;
      open = m.index;
      openMark = mark;
    } else {
      if (open === undefined) return m.index;
      open = undefined;
      openMark = '';
    }
  }
  return open;
}
