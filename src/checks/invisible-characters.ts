import { INVISIBLE_RUN, invisibleName } from '../text/invisible.js';
import { numberConventions, type NumberConventions } from '../text/numbers.js';
import type { Check, Report } from './types.js';

/*
 * When an invisible character belongs where it stands, judged by the visible characters on
 * either side of its run. Everything else is flagged: soft hyphens (the layout hyphenates; a
 * stored one splits the word), word joiners, byte order marks inside text, bidi embeddings
 * and overrides (they show text in another order than it is stored and exported, and isolates
 * replaced them), invisible maths operators, tag characters outside a flag emoji.
 */
// Persian, Urdu and the Indic scripts need ZWNJ/ZWJ between letters to choose the right letter form.
const JOINING_SCRIPT = /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Nko}\p{sc=Mongolian}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}]/u;
// Scripts written without spaces mark word breaks with a zero-width space.
const UNSPACED_SCRIPT = /[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const MONGOLIAN = /\p{sc=Mongolian}/u;
// Bidi marks and isolates keep numbers and punctuation in place beside right-to-left words.
const RIGHT_TO_LEFT_LETTER = /[\p{sc=Hebrew}\p{sc=Arabic}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}]/u;
// A ZWJ joins emoji into one ("👩‍🚒"); the one before may end in a skin tone or VS16.
const EMOJI = /\p{Extended_Pictographic}/u;
const EMOJI_END = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]/u;
// Tag characters spell the region of a subdivision flag after a black flag ("🏴" + "gbeng" + cancel tag).
const BLACK_FLAG = '\u{1f3f4}';

const BIDI_MARKS_AND_ISOLATES = new Set([0x061c, 0x200e, 0x200f, 0x2066, 0x2067, 0x2068, 0x2069]);
const BIDI_CONTROLS = new Set([...BIDI_MARKS_AND_ISOLATES, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e]);
// Zero-width characters that stand for a space: between digit groups they can only group thousands.
const SPACE_LIKE = /^[\u200b\u2060\ufeff]+$/;
const SPACE_LIKE_RUN = /[\u200b\u2060\ufeff]+/g;
// How much of the words beside a run the message quotes.
const QUOTE_REACH = 24;

/** Where a run stands: the visible character on each side ('' at an end of the text) and its passage's direction. */
interface Surroundings {
  before: string;
  after: string;
  rightToLeft: boolean;
}

function belongs(code: number, { before, after, rightToLeft }: Surroundings): boolean {
  const between = (script: RegExp) => script.test(before) && script.test(after);
  if (code === 0x200c) return between(JOINING_SCRIPT);
  if (code === 0x200d) return between(JOINING_SCRIPT) || (EMOJI_END.test(before) && EMOJI.test(after));
  if (code === 0x200b) return between(UNSPACED_SCRIPT);
  if (code === 0x180e) return between(MONGOLIAN);
  if (BIDI_MARKS_AND_ISOLATES.has(code)) return rightToLeft;
  if (code >= 0xe0020 && code <= 0xe007f) return before === BLACK_FLAG;
  return false;
}

export const invisibleCharacters: Check = {
  id: 'invisible-characters',
  description: 'Invisible characters (zero-width spaces and joiners, soft hyphens, bidi overrides) that break words for every search and check or show text in another order than it is stored.',
  // Only characters that do not belong where they stand are reported, and deleting them is safe.
  defaultSeverity: 'error',
  // ITS "characters": characters that are garbled, incorrect or not used in the content's language.
  itsType: 'characters',
  category: 'fluency',
  run(article) {
    const { text, passages } = article;
    const conventions = numberConventions(article.lang);
    const reports: Report[] = [];
    // Runs come in text order, so the passage holding each is found by walking forward once,
    // and each passage is searched for right-to-left letters once.
    let p = -1;
    let searched = -1;
    let rightToLeft = false;
    for (const m of text.matchAll(INVISIBLE_RUN)) {
      const start = m.index;
      // Every run is inside a passage: no invisible character is trimmed off a line (splitLines).
      while (p + 1 < passages.length && passages[p + 1]!.start <= start) p++;
      if (searched !== p) {
        searched = p;
        rightToLeft = RIGHT_TO_LEFT_LETTER.test(passages[p]!.text);
      }
      const surroundings = { before: codePointBefore(text, start), after: codePointAt(text, start + m[0].length), rightToLeft };
      const report = reportRun(text, start, start + m[0].length, surroundings, conventions);
      if (report) reports.push(report);
    }
    return reports;
  },
};

function reportRun(text: string, start: number, end: number, surroundings: Surroundings, conventions: NumberConventions): Report | undefined {
  let strays = 0;
  // Each kind once: there are some 170 format characters, so the list stays short however long the run.
  const strayKinds: number[] = [];
  let kept = '';
  for (let i = start; i < end; ) {
    const code = text.codePointAt(i)!;
    i += code > 0xffff ? 2 : 1;
    if (belongs(code, surroundings)) kept += String.fromCodePoint(code);
    else {
      strays++;
      if (!strayKinds.includes(code)) strayKinds.push(code);
    }
  }
  if (strays === 0) return undefined;
  const run = text.slice(start, end);
  const groupsThousands = kept === '' && SPACE_LIKE.test(run) && betweenDigitGroups(text, start, end);
  const { before, after } = wordsAround(text, start, end);
  const where = before && after ? `inside “${before}${after}”` : before ? `after “${before}”` : after ? `before “${after}”` : 'on its own';
  const what = strays === 1 ? `An invisible ${describe(strayKinds)} sits` : `${strays} invisible characters, ${describe(strayKinds)}, sit`;
  const why = groupsThousands
    ? `; it groups thousands, so in ${conventions.languageName} write ${numberAround(text, start, end).replace(SPACE_LIKE_RUN, conventions.group)}.`
    : strayKinds.some((code) => BIDI_CONTROLS.has(code))
      ? ': it can show the text around it in another order than it is stored and exported.'
      : ': nothing shows, but searches and the other checks see the word broken there.';
  return { start, end, message: `${what} ${where}${why}`, fix: { start, end, text: groupsThousands ? conventions.group : kept } };
}

/** "zero-width space (U+200B) and word joiner (U+2060)": at most three named. */
function describe(codes: readonly number[]): string {
  if (codes.length === 1) return invisibleName(codes[0]!).fullName;
  const kinds = codes.slice(0, 3).map((code) => invisibleName(code).fullName);
  if (codes.length > 3) kinds.push('others');
  return `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)!}`;
}

function codePointBefore(text: string, at: number): string {
  if (at === 0) return '';
  const unit = text.charCodeAt(at - 1);
  const isLowSurrogate = unit >= 0xdc00 && unit <= 0xdfff && at >= 2;
  return text.slice(isLowSurrogate ? at - 2 : at - 1, at);
}

function codePointAt(text: string, at: number): string {
  return at < text.length ? String.fromCodePoint(text.codePointAt(at)!) : '';
}

/**
 * The visible text next to the run on each side, up to a space or another invisible
 * character: the message quotes the word as the reader sees it, never the invisible
 * characters themselves, which would split or reorder a terminal line that prints it.
 */
function wordsAround(text: string, start: number, end: number): { before: string; after: string } {
  const before = /[^\s\p{Cf}]*$/u.exec(text.slice(Math.max(0, start - QUOTE_REACH), start))![0];
  const after = /^[^\s\p{Cf}]*/u.exec(text.slice(end, end + QUOTE_REACH))![0];
  return { before, after };
}

/** Whether the run stands between one to three digits and exactly three, as in "100 000". */
function betweenDigitGroups(text: string, start: number, end: number): boolean {
  return /(?:^|[^\d.,])\d{1,3}$/.test(text.slice(Math.max(0, start - 4), start)) && /^\d{3}(?!\d)/.test(text.slice(end, end + 4));
}

/** The whole number the run stands in, with every group it has: "1<ZWSP>250<ZWSP>000". */
function numberAround(text: string, start: number, end: number): string {
  const before = /[\d\u200b\u2060\ufeff]*$/.exec(text.slice(Math.max(0, start - QUOTE_REACH), start))![0];
  const after = /^[\d\u200b\u2060\ufeff]*/.exec(text.slice(end, end + QUOTE_REACH))![0];
  return before + text.slice(start, end) + after;
}
