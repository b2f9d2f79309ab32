/** Half-open range of JavaScript string indices into the article text. */
export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  text: string;
  kind: 'word' | 'number';
}

/** A non-blank line of a text, trimmed. */
export interface Line extends Span {
  text: string;
}

export interface Passage extends Line {
  index: number;
  /** The first line of an article when it stands alone above a blank line and reads like a headline. */
  isTitle: boolean;
  sentences: Span[];
  tokens: Token[];
}

// Abbreviations whose period does not end a sentence in news copy.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'gen', 'col', 'lt', 'sgt', 'gov', 'sen', 'rep', 'jr', 'sr',
  'vs', 'etc', 'no', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'u.s', 'u.k', 'u.n', 'e.g', 'i.e', 'approx', 'inc', 'ltd', 'co', 'corp',
]);
// A run of end marks with its closing quotes and brackets, then (tested at its end) the start of
// the next sentence. Kept as two patterns: one pattern with the test as a lookahead backtracked
// through every mark of a long run that no capital follows ("a....."), quadratic in the run.
const SENTENCE_END = /[.!?…]+["”’»)\]]*/gu;
const NEXT_SENTENCE_START = /\s+["“‘«(\[]?[\p{Lu}\d]/uy;

const LETTER = /\p{L}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (text: string, i: number, c: number) => isAsciiLetter(c) || (c > 127 && LETTER.test(text[i]!));
const isWordChar = (text: string, i: number, c: number) => isAsciiLetter(c) || (c > 127 && LETTER_OR_MARK.test(text[i]!));
// Separators that may stand between digit groups of one number: . , no-break spaces, Swiss '.
const isDigitSeparator = (c: number) => c === 46 || c === 44 || c === 0xa0 || c === 0x202f || c === 39;
const isApostrophe = (c: number) => c === 39 || c === 0x2019;

/**
 * Words and numbers with their offsets. A word is letters with inner apostrophes ("Kiev's");
 * hyphens split words, so "1.000-kilometer" yields a number and a word. A number keeps its
 * separators for locale parsing. A hand-written scanner: twice as fast as the equivalent
 * Unicode regex, and tokenizing is the largest cost of analysing an article.
 */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let j = i + 1;
    if (isDigit(c)) {
      for (;;) {
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        if (!(isDigitSeparator(text.charCodeAt(j)) && isDigit(text.charCodeAt(j + 1)))) break;
        j += 2;
      }
      tokens.push({ start: offset + i, end: offset + j, text: text.slice(i, j), kind: 'number' });
    } else if (isLetter(text, i, c)) {
      for (;;) {
        while (j < n && isWordChar(text, j, text.charCodeAt(j))) j++;
        if (!(isApostrophe(text.charCodeAt(j)) && j + 1 < n && isLetter(text, j + 1, text.charCodeAt(j + 1)))) break;
        j += 2;
      }
      tokens.push({ start: offset + i, end: offset + j, text: text.slice(i, j), kind: 'word' });
    }
    i = j;
  }
  return tokens;
}

export function splitSentences(text: string, offset = 0): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    NEXT_SENTENCE_START.lastIndex = m.index + m[0].length;
    if (!NEXT_SENTENCE_START.test(text)) continue;
    if (m[0][0] === '.') {
      const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, m.index - 12), m.index));
      const word = before?.[1]?.toLowerCase() ?? '';
      // "St. Petersburg", "U.S. officials", single initials ("J. Smith")
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
    }
    const end = m.index + m[0].length;
    spans.push({ start: offset + from, end: offset + end });
    from = end;
    while (from < text.length && /\s/.test(text[from]!)) from++;
  }
  if (from < text.length) spans.push({ start: offset + from, end: offset + text.trimEnd().length });
  return spans;
}

/**
 * The non-blank lines of a text, trimmed, with their offsets: the passages of an article, before
 * they are split into sentences and words. AI translators and scrapers put one paragraph per
 * line, and captions or counters sit on lines of their own without blank lines around them, so
 * a blank-line rule would glue residue to real paragraphs.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const line = /[^\r\n]+/g;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const { from, to } = trimmedRange(m[0]);
    if (from === to) continue;
    lines.push({ start: m.index + from, end: m.index + to, text: m[0].slice(from, to) });
  }
  return lines;
}

/**
 * A text without the spaces and line breaks around it. Unlike String.trim, a byte order mark
 * (U+FEFF) stays: it is an invisible character to fix, and one trimmed off its passage would sit
 * in the gap between passages, where the web app cannot edit it.
 */
export function trimSpaces(text: string): string {
  const { from, to } = trimmedRange(text);
  return text.slice(from, to);
}

const isEdgeSpace = (c: string) => c !== '\uFEFF' && /\s/.test(c);

function trimmedRange(line: string): { from: number; to: number } {
  let from = 0;
  let to = line.length;
  while (from < to && isEdgeSpace(line[from]!)) from++;
  while (to > from && isEdgeSpace(line[to - 1]!)) to--;
  return { from, to };
}

/** Splits a text into passages (its non-blank lines, see splitLines), each with its sentences and words. */
export function segment(text: string): Passage[] {
  const passages = splitLines(text).map(
    ({ start, end, text: body }, index): Passage => ({ index, start, end, text: body, isTitle: false, sentences: splitSentences(body, start), tokens: tokenize(body, start) }),
  );
  const first = passages[0];
  if (first && passages.length > 1 && looksLikeHeadline(text, first)) first.isTitle = true;
  return passages;
}

function looksLikeHeadline(text: string, first: Passage): boolean {
  const followedByBlankLine = /^\r?\n[ \t]*\r?\n/.test(text.slice(first.end).replace(/^[ \t]+/, ''));
  return followedByBlankLine && first.text.length <= 200 && !/[.:;,]$/.test(first.text);
}
