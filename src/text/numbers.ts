import type { Span } from './segment.js';

/** The two decimal marks in use; every other separator between digits groups thousands. */
export type DecimalMark = '.' | ',';

export interface NumberConventions {
  /** The BCP 47 tag Intl used: the given one, or "en" when Intl rejects it. */
  locale: string;
  /** The locale's thousands separator: "," in English, "." in German, a narrow no-break space in French. */
  group: string;
  decimal: DecimalMark;
  /** Whether a plain space may group thousands, as in Russian or French "700 000". */
  spaceGroups: boolean;
  /** The language's English name, for messages ("English", "German"). */
  languageName: string;
}

/** The values a number expression can mean with "." as the decimal mark and with ",". */
export type NumberReadings = Partial<Record<DecimalMark, number>>;

/**
 * What a run of digits is: a quantity, or digits that are not one: a date ("25.11.2026",
 * "25.11."), a time ("14.30 Uhr"), a list ("1,2,3", "points 1,2 and 3") or a code
 * (version, section or IP address, phone number: "iOS 17.4.1", "Article 3.2", "+385").
 */
export type NumberKind = 'quantity' | 'date' | 'time' | 'list' | 'code';

export interface NumberToken extends Span {
  /** The digits and separators, without glued letters or a scale word. */
  text: string;
  kind: NumberKind;
  readings: NumberReadings;
  /** The runs of digits ("1", "250", "000") and the separators between them. */
  runs: string[];
  separators: string[];
  /** Letters glued to the digits: "th" of "10th", "km" of "100km", "s" of "1990s". */
  suffix: string;
  /** A following scale word ("million", "млн", "Mio.") and where it ends. */
  scale?: { value: number; end: number };
}

export interface SpelledNumber extends Span {
  value: number;
}

const conventionsCache = new Map<string, NumberConventions>();
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** Separators and language name of a BCP 47 locale, from Intl and cached per tag. */
export function numberConventions(lang: string): NumberConventions {
  let conventions = conventionsCache.get(lang);
  if (!conventions) {
    conventions = conventionsOf(lang);
    conventionsCache.set(lang, conventions);
  }
  return conventions;
}

function conventionsOf(lang: string): NumberConventions {
  const locale = supportedLocale(lang);
  const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
  const found = parts.find((p) => p.type === 'decimal')?.value;
  // Locales with other marks (Arabic "٫") write Latin-digit news numbers with a point.
  const decimal: DecimalMark = found === ',' ? ',' : '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? (decimal === '.' ? ',' : '.');
  const name = locale === 'und' ? undefined : languageNames.of(locale);
  return { locale, group, decimal, spaceGroups: /\s/.test(group), languageName: name && name !== locale ? name : locale };
}

/** The tag itself when Intl accepts it; an invalid tag must not stop a check, and English separators are the safest guess. */
function supportedLocale(lang: string): string {
  try {
    new Intl.NumberFormat(lang);
    return lang;
  } catch {
    return 'en';
  }
}

const formatters = new Map<string, { grouped: Intl.NumberFormat; plain: Intl.NumberFormat }>();

/**
 * A value written in the locale's convention. Grouping is used where asked or the number is
 * large, so a year stays "2021" rather than "2,021".
 */
export function formatNumber(value: number, lang: string, grouped = value >= 10_000): string {
  let pair = formatters.get(lang);
  if (!pair) {
    const { locale } = numberConventions(lang);
    pair = {
      grouped: new Intl.NumberFormat(locale, { maximumFractionDigits: 10 }),
      plain: new Intl.NumberFormat(locale, { maximumFractionDigits: 10, useGrouping: false }),
    };
    formatters.set(lang, pair);
  }
  return (grouped ? pair.grouped : pair.plain).format(value);
}

/** Spaces of any width group alike, as do both apostrophes (Swiss "1'000"). */
const groupClass = (separator: string): string => (/\s/.test(separator) ? ' ' : separator === '’' ? "'" : separator);

/**
 * The value of digit runs under a decimal mark, or undefined when they cannot be written that
 * way: the mark at most once and last, groups of exactly three digits after a first group of
 * one to three, all groups separated alike.
 */
function readAs(runs: readonly string[], separators: readonly string[], decimal: DecimalMark): number | undefined {
  const at = separators.indexOf(decimal);
  if (at >= 0 && at !== separators.length - 1) return undefined;
  const integerRuns = at >= 0 ? runs.slice(0, -1) : runs;
  const groups = at >= 0 ? separators.slice(0, -1) : separators;
  if (integerRuns.length > 1) {
    const first = groupClass(groups[0]!);
    if (groups.some((s) => groupClass(s) !== first) || !/^[1-9]\d{0,2}$/.test(integerRuns[0]!) || integerRuns.some((r, i) => i > 0 && r.length !== 3)) return undefined;
  }
  return Number(integerRuns.join('') + (at >= 0 ? `.${runs[runs.length - 1]}` : ''));
}

function readingsOf(runs: readonly string[], separators: readonly string[]): NumberReadings {
  if (separators.length === 0) {
    const value = Number(runs[0]);
    return { '.': value, ',': value };
  }
  const readings: NumberReadings = {};
  const point = readAs(runs, separators, '.');
  const comma = readAs(runs, separators, ',');
  if (point !== undefined) readings['.'] = point;
  if (comma !== undefined) readings[','] = comma;
  return readings;
}

const NUMBER_EXPRESSION = /^\d+(?:[.,\s'’]\d+)*$/;

/** The value of a number expression ("1.250.000", "99,5", "700 000") in a locale, if it reads as one there. */
export function readNumber(raw: string, lang: string): number | undefined {
  const text = raw.trim();
  if (!NUMBER_EXPRESSION.test(text)) return undefined;
  return readAs(text.split(SEPARATOR), text.match(SEPARATOR) ?? [], numberConventions(lang).decimal);
}

// A digit run not glued to a word ("v2.0", "A320") nor continuing one ("v2.0" must not yield "0").
// Dots and commas join runs of any length; spaces and apostrophes only join a group of exactly
// three digits after a run of at most three, so "in 2022 150 people" stays two numbers.
const NUMBER_HEAD = '(?<![\\p{L}\\p{N}_][.,]?)\\d+(?:(?:[.,]|(?<!\\d{4})[';
const NUMBER_TAIL = '](?=\\d{3}(?!\\d)))\\d+)*(\\p{L}[\\p{L}\\p{M}]*)?';
const NUMBER_WITH_SPACE_GROUPS = new RegExp(`${NUMBER_HEAD} \\u00a0\\u202f\\u2009'’${NUMBER_TAIL}`, 'gu');
// Where a plain space does not group (English), only no-break and thin spaces do.
const NUMBER = new RegExp(`${NUMBER_HEAD}\\u00a0\\u202f\\u2009'’${NUMBER_TAIL}`, 'gu');
const SEPARATOR = /[^\d]/g;

// Words after which digits name a version, a section or a phone number rather than a quantity.
const CODE_WORDS = new Set([
  'version', 'ver', 'v', 'release', 'build', 'update', 'patch', 'firmware', 'ios', 'ipados', 'macos', 'android', 'windows', 'linux', 'kernel',
  'v.', 'ver.', 'article', 'art.', 'section', 'chapter', 'paragraph', 'clause', 'no.', 'nr.', 'br.', '№', '+',
  'artikel', 'abschnitt', 'kapitel', 'absatz', 'ziffer', 'članak', 'clanak', 'točka', 'stavak', 'статья', 'стаття', 'статті', 'пункт', 'часть', 'частина',
]);
const LETTER = /\p{L}/u;
const UPPERCASE_INITIAL = /^\p{Lu}/u;

/** The word just before a position, with an abbreviation's dot: "version", "No.", "+". */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\u00a0')) end--;
  let start = end;
  if (text[start - 1] === '.') start--;
  while (start > 0 && LETTER.test(text[start - 1]!)) start--;
  // "+385", "№5": a sign in place of a word
  if (start === end && (text[start - 1] === '+' || text[start - 1] === '№')) start--;
  return text.slice(start, end);
}

const TIME_AFTER = /^\s?(?:uhr|h|hrs|sati|час|год|a\.?m\.?|p\.?m\.?|o['’]clock)(?!\p{L})/iu;
const TIME_WORDS_BEFORE = new Set(['um', 'gegen', 'ab', 'at', 'around', 'until', 'u', 'oko', 'od', 'do', 'в', 'о', 'об', 'до', 'з']);
const URL_MARK = /\/\/|www\.|@|\.\p{L}{2,}\//iu;
const LIST_JOIN = /^\s*(?:,|&|and|or|und|oder|i|ili|и|или|і|й|та|або)\s*$/iu;

/**
 * Every number expression of a passage, offsets shifted by `offset`. Numbers inside URLs and
 * e-mail addresses are left out; `lang` decides whether a plain space groups thousands and
 * which scale words count.
 */
export function findNumbers(text: string, offset: number, lang: string): NumberToken[] {
  const conventions = numberConventions(lang);
  const pattern = conventions.spaceGroups ? NUMBER_WITH_SPACE_GROUPS : NUMBER;
  const scaleWord = scaleWordPattern(lang);
  const tokens: NumberToken[] = [];
  const insideUrl = text.includes('/') || text.includes('@') ? urlTest(text) : undefined;
  for (const m of text.matchAll(pattern)) {
    const suffix = m[1] ?? '';
    const raw = m[0].slice(0, m[0].length - suffix.length);
    const at = m.index;
    const end = at + raw.length;
    if (insideUrl?.(at, end)) continue;
    const separators = /^\d+$/.test(raw) ? [] : raw.match(SEPARATOR)!;
    const runs = separators.length ? raw.split(SEPARATOR) : [raw];
    const readings = readingsOf(runs, separators);
    const token: NumberToken = {
      start: offset + at,
      end: offset + end,
      text: raw,
      kind: separators.length ? kindOf(runs, separators, readings, text, at, end) : 'quantity',
      readings,
      runs,
      separators,
      suffix,
    };
    scaleWord.lastIndex = end;
    const scale = scaleWord.exec(text);
    if (scale) token.scale = { value: 10 ** (3 * scale.slice(1).findIndex((g) => g !== undefined) + 3), end: offset + scaleWord.lastIndex };
    tokens.push(token);
  }
  markListPairs(text, offset, tokens);
  return tokens;
}

/**
 * Whether a number lies in a URL or an e-mail address: the space-delimited chunk around it has
 * their marks. Numbers come in text order, so the spaces are walked forward once and a chunk is
 * tested once for all its numbers; searching both ways from each number cost quadratic time on
 * a long line without spaces.
 */
function urlTest(text: string): (start: number, end: number) => boolean {
  let from = 0; // just after the last space before the number
  let nextSpace = text.indexOf(' '); // the first space after the number's start
  let tested = { from: -1, to: -1, isUrl: false };
  return (start, end) => {
    while (nextSpace >= 0 && nextSpace < start) {
      from = nextSpace + 1;
      nextSpace = text.indexOf(' ', from);
    }
    // A number grouped with spaces ("700 000") holds a space of its own.
    const to = nextSpace < 0 || nextSpace >= end ? nextSpace : text.indexOf(' ', end);
    if (tested.from !== from || tested.to !== to) tested = { from, to, isUrl: URL_MARK.test(text.slice(from, to < 0 ? text.length : to)) };
    return tested.isUrl;
  };
}

function kindOf(runs: readonly string[], separators: readonly string[], readings: NumberReadings, text: string, start: number, end: number): NumberKind {
  const before = wordBefore(text, start);
  if (CODE_WORDS.has(before.toLowerCase())) return 'code';
  // "Web 2.0", "Industrie 4.0": a name's version number, not a decimal
  if (runs.length === 2 && separators[0] === '.' && runs[1] === '0' && UPPERCASE_INITIAL.test(before)) return 'code';
  const dots = separators.every((s) => s === '.');
  const values = runs.map(Number);
  if (dots && runs.length === 4 && runs.every((r) => r === String(Number(r)) && Number(r) <= 255)) return 'code';
  const dayMonth = dots && runs[0]!.length <= 2 && runs[1]!.length <= 2 && values[0]! >= 1 && values[0]! <= 31 && values[1]! >= 1 && values[1]! <= 12;
  if (dayMonth && ((runs.length === 2 && text[end] === '.') || (runs.length === 3 && /^(?:\d\d|\d{4})$/.test(runs[2]!)))) return 'date';
  if (dots && runs.length === 2 && runs[0]!.length <= 2 && values[0]! <= 24 && /^[0-5]\d$/.test(runs[1]!)) {
    if (TIME_AFTER.test(text.slice(end, end + 10)) || TIME_WORDS_BEFORE.has(before.toLowerCase())) return 'time';
  }
  if (readings['.'] === undefined && readings[','] === undefined) {
    return separators.every((s) => s === ',') ? 'list' : 'code';
  }
  // "2022,2023": years run together, not a decimal
  if (separators.every((s) => s === ',') && runs.every((r) => /^(?:19|20)\d\d$/.test(r))) return 'list';
  return 'quantity';
}

/**
 * "points 1,2 and 3": a single digit, a mark and a single digit next to another small number,
 * all ascending, is a list. "1,5 and 2 percent" does not ascend and stays a decimal.
 */
function markListPairs(text: string, offset: number, tokens: NumberToken[]): void {
  tokens.forEach((token, i) => {
    if (token.kind !== 'quantity' || !/^\d[.,]\d$/.test(token.text)) return;
    const [a, b] = token.runs.map(Number) as [number, number];
    const next = tokens[i + 1];
    const previous = tokens[i - 1];
    const joined = (left: NumberToken, right: NumberToken) => LIST_JOIN.test(text.slice(left.end - offset, right.start - offset));
    const small = (t: NumberToken | undefined): t is NumberToken => !!t && /^\d{1,2}$/.test(t.text);
    if ((small(next) && joined(token, next) && a < b && b < Number(next.text)) || (small(previous) && joined(previous, token) && Number(previous.text) < a && a < b)) {
      token.kind = 'list';
    }
  });
}

// Scale words after a number, by language; a capture group per power of a thousand.
const SCALE_WORDS: Record<string, readonly [string, string, string, string]> = {
  en: ['thousands?', 'millions?|mn|mln', 'billions?|bn|bln', 'trillions?|tn'],
  de: ['tausend|tsd\\.?', 'millionen|million|mio\\.?', 'milliarden?|mrd\\.?', 'billionen|billion'],
  ru: ['тыс\\.?|тысяч[аиу]?', 'млн|миллион(?:а|ов|ы)?', 'млрд|миллиард(?:а|ов|ы)?', 'трлн|триллион(?:а|ов|ы)?'],
  uk: ['тис\\.?|тисяч[аіу]?', 'млн|мільйон(?:а|ів|и)?', 'млрд|мільярд(?:а|ів|и)?', 'трлн|трильйон(?:а|ів|и)?'],
  hr: ['tisuć[aeu]|tis\\.?|hiljad[aeu]', 'milijun[aei]?|miliona?|mil\\.?', 'milijard[aei]?|mlrd\\.?', 'bilijun[aei]?'],
  pl: ['tys\\.?|tysi[aą]c[eay]?', 'mln|milion(?:y|ów)?', 'mld|miliard(?:y|ów)?', 'bilion(?:y|ów)?'],
  fr: ['mille', 'millions?', 'milliards?', 'billions?'],
};
const SCALE_ALIASES: Record<string, string> = { bs: 'hr', sr: 'hr', sh: 'hr', cnr: 'hr' };
const scalePatterns = new Map<string, RegExp>();

function scaleWordPattern(lang: string): RegExp {
  let pattern = scalePatterns.get(lang);
  if (!pattern) {
    const primary = lang.split('-')[0]!.toLowerCase();
    const key = SCALE_ALIASES[primary] ?? (primary in SCALE_WORDS ? primary : '*');
    // Unknown languages get every table; English comes first, so "billion" means 10^9.
    const tables = key === '*' ? Object.values(SCALE_WORDS) : [SCALE_WORDS[key]!];
    const groups = [0, 1, 2, 3].map((i) => `(${tables.map((t) => t[i]).join('|')})`);
    pattern = new RegExp(`[ \\u00a0\\u202f]?(?:${groups.join('|')})(?![\\p{L}\\p{N}])`, 'iuy');
    scalePatterns.set(lang, pattern);
  }
  return pattern;
}

// English number words: spelled-out numbers in a translation stand for the source's digits.
const UNIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS_WORDS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINAL_UNIT_WORDS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const SCALES: readonly (readonly [string, number])[] = [['trillion', 1e12], ['billion', 1e9], ['million', 1e6], ['thousand', 1e3]];

type WordKind = 'unit' | 'tens' | 'hundred' | 'scale' | 'half';
interface NumberWord {
  kind: WordKind;
  value: number;
  ordinal: boolean;
}

const NUMBER_WORDS = new Map<string, NumberWord>();
UNIT_WORDS.forEach((w, value) => NUMBER_WORDS.set(w, { kind: 'unit', value, ordinal: false }));
ORDINAL_UNIT_WORDS.forEach((w, value) => {
  if (!w) return;
  NUMBER_WORDS.set(w, { kind: 'unit', value, ordinal: true });
  // Fractions: "two-thirds" for "2/3"
  if (value >= 3) NUMBER_WORDS.set(`${w}s`, { kind: 'unit', value, ordinal: true });
});
NUMBER_WORDS.set('quarter', { kind: 'unit', value: 4, ordinal: true });
NUMBER_WORDS.set('quarters', { kind: 'unit', value: 4, ordinal: true });
TENS_WORDS.forEach((w, i) => {
  if (!w) return;
  NUMBER_WORDS.set(w, { kind: 'tens', value: i * 10, ordinal: false });
  NUMBER_WORDS.set(`${w.slice(0, -1)}ieth`, { kind: 'tens', value: i * 10, ordinal: true });
});
NUMBER_WORDS.set('hundred', { kind: 'hundred', value: 100, ordinal: false });
NUMBER_WORDS.set('hundredth', { kind: 'hundred', value: 100, ordinal: true });
for (const [w, value] of SCALES) {
  NUMBER_WORDS.set(w, { kind: 'scale', value, ordinal: false });
  NUMBER_WORDS.set(`${w}th`, { kind: 'scale', value, ordinal: true });
}
NUMBER_WORDS.set('half', { kind: 'half', value: 0.5, ordinal: false });

const NUMBER_WORD = `(?:${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')})`;
const SPELLED_RUN = new RegExp(`\\b(?:an?[\\s-]+)?${NUMBER_WORD}(?:[\\s-]+(?:and[\\s-]+)?(?:an?[\\s-]+)?${NUMBER_WORD})*\\b`, 'gi');
const WORD = /[a-z]+/gi;

// Which word kinds may continue a number after the previous one ("twenty" + "five", "hundred" + "and one").
const CONTINUES: Record<WordKind, readonly (WordKind | undefined)[]> = {
  unit: ['hundred', 'scale'],
  tens: ['hundred', 'scale'],
  hundred: ['unit', 'tens'],
  scale: ['unit', 'tens', 'hundred'],
  half: [],
};

/**
 * English spelled-out numbers: "ten", "twenty-five", "one hundred and five", "a million", "half".
 * Ordinals and fractions give their number ("third" 3, "two-thirds" 2 and 3, "a quarter" 4), as the
 * original writes them in digits ("3-й", "2/3", "1/4").
 */
export function spelledNumbers(text: string, offset = 0): SpelledNumber[] {
  const numbers: SpelledNumber[] = [];
  for (const run of text.matchAll(SPELLED_RUN)) {
    let total = 0;
    let current = 0;
    let last: WordKind | undefined;
    let start = -1;
    let end = -1;
    let article = -1;
    let afterAnd = false;
    const flush = () => {
      if (start >= 0) numbers.push({ start: offset + start, end: offset + end, value: total + current });
      total = current = 0;
      last = undefined;
      start = -1;
    };
    for (const w of run[0].matchAll(WORD)) {
      const at = run.index + w.index;
      const word = w[0].toLowerCase();
      if (word === 'a' || word === 'an') {
        if (!afterAnd) flush();
        article = at;
        continue;
      }
      if (word === 'and') {
        // "one hundred and five", "one and a half"; a word that cannot continue ends the number anyway.
        afterAnd = last !== undefined;
        continue;
      }
      const entry = NUMBER_WORDS.get(word)!;
      if (entry.kind === 'half') {
        if (afterAnd && start >= 0) {
          current += 0.5;
          end = at + word.length;
          flush();
        } else {
          flush();
          numbers.push({ start: offset + (article >= 0 ? article : at), end: offset + at + word.length, value: 0.5 });
        }
        article = -1;
        afterAnd = false;
        continue;
      }
      const fits = last === undefined || CONTINUES[entry.kind].includes(last) || (last === 'tens' && entry.kind === 'unit' && entry.value > 0 && entry.value < 10);
      if (!fits) flush();
      // "a" counts only before "hundred" or a scale word: "a million", not "a second".
      if (start < 0) start = article >= 0 && (entry.kind === 'hundred' || entry.kind === 'scale') ? article : at;
      if (entry.kind === 'hundred') current = (current || 1) * 100;
      else if (entry.kind === 'scale') {
        total += (current || 1) * entry.value;
        current = 0;
      } else current += entry.value;
      end = at + word.length;
      last = entry.kind;
      article = -1;
      afterAnd = false;
      if (entry.ordinal) flush();
    }
    flush();
  }
  return numbers;
}

/** A number in English words for labels: 4125 → "four thousand one hundred twenty-five", 4.125 → "four point one two five". */
export function numberToWords(value: number): string {
  const [integer, fraction] = String(value).split('.') as [string, string | undefined];
  const words = integerWords(Number(integer));
  return fraction ? `${words} point ${[...fraction].map((d) => UNIT_WORDS[Number(d)]).join(' ')}` : words;
}

function integerWords(n: number): string {
  if (n < 20) return UNIT_WORDS[n]!;
  if (n < 100) return TENS_WORDS[Math.floor(n / 10)]! + (n % 10 ? `-${UNIT_WORDS[n % 10]}` : '');
  if (n < 1000) return `${UNIT_WORDS[Math.floor(n / 100)]} hundred${n % 100 ? ` ${integerWords(n % 100)}` : ''}`;
  for (const [name, scale] of SCALES) {
    if (n >= scale && n < scale * 1000) {
      const rest = n % scale;
      return `${integerWords(Math.floor(n / scale))} ${name}${rest ? ` ${integerWords(rest)}` : ''}`;
    }
  }
  return String(n);
}
