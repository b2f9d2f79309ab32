import { francAll } from 'franc';
import { tokenize, type Span, type Token } from './segment.js';

/**
 * Languages the newsroom's copy may plausibly be in: English, its source languages
 * (Ukrainian, Russian) and the few others its wires carry. Restricting franc to these keeps
 * it from calling a two-word caption Lithuanian.
 */
export const PLAUSIBLE_LANGUAGES: readonly string[] = ['en', 'uk', 'ru', 'de', 'fr', 'pl', 'hr', 'sr', 'bs', 'es', 'it'];

/**
 * Fewest letters, in lowercase words of three letters or more, that franc needs to judge a
 * text: names, numbers, URLs and short words say little about its language.
 */
export const MIN_JUDGEABLE_LETTERS = 40;

// Below this many letters even a foreign script is not worth a verdict ("Фото").
const MIN_SCRIPT_LETTERS = 10;
// Share of a language's commonest words among the words that are not names that settles a text
// without franc: a paragraph of English or German has 35% or more, foreign text mostly under 15%.
const SURE_SHARE = 0.25;
// The commonest words must outnumber every other language's by this factor, and occur this
// often, to call a text foreign without franc ("ES Module" is not German).
const SHARE_LEAD = 2;
const MIN_COMMON_HITS = 3;
// A language's distinctive letters must outnumber the next language's by this factor.
const MARKER_LEAD = 4;
// franc's normalised scores (1 = best): languages this close to the best are not told apart
// (Croatian, Serbian and Bosnian); the expected language this close is not ruled out, since
// franc misjudges name-heavy English often enough at this margin.
const TIE_SCORE = 0.97;
const DOUBT_SCORE = 0.85;
// franc reads no further than this.
const FRANC_SAMPLE = 2048;

// BCP 47 primary subtags and franc's ISO 639-3 codes of the languages a European newsroom meets.
const ISO_639_3: Readonly<Record<string, string>> = {
  en: 'eng', uk: 'ukr', ru: 'rus', be: 'bel', bg: 'bul', mk: 'mkd', de: 'deu', fr: 'fra', pl: 'pol',
  hr: 'hrv', sr: 'srp', bs: 'bos', sl: 'slv', cs: 'ces', sk: 'slk', es: 'spa', it: 'ita', pt: 'por',
  nl: 'nld', ro: 'ron', hu: 'hun', lt: 'lit', lv: 'lvs', et: 'ekk', tr: 'tur', sq: 'als',
};
const FROM_ISO_639_3 = new Map(Object.entries(ISO_639_3).map(([tag, code]) => [code, tag]));

// Languages written mainly in Cyrillic; Serbian is written in both scripts.
const CYRILLIC_LANGUAGES = new Set(['ru', 'uk', 'be', 'bg', 'mk', 'sr']);
const BOTH_SCRIPTS = new Set(['sr']);

// Letters one Cyrillic language has and its neighbours lack.
const CYRILLIC_MARKERS = new Map<string, string>();
for (const [lang, letters] of Object.entries({ uk: 'іїєґ', ru: 'ыэъё', sr: 'ђјљњћџ', be: 'ў', mk: 'ѓќѕ' })) {
  for (const letter of letters + letters.toUpperCase()) CYRILLIC_MARKERS.set(letter, lang);
}

/**
 * A fixed list of words, for the lookup made for every word of every article. Set#has would hash
 * each token's string, new with every article; hashing the few letters of a short word here is
 * cheaper, and a word longer than any listed is turned away by its length alone.
 */
export class WordList {
  private readonly words: readonly string[];
  // Open addressing: each slot holds an index into `words`, or -1; a quarter of them are used.
  private readonly slots: Int32Array;
  private readonly longest: number;

  constructor(words: Iterable<string>) {
    this.words = [...new Set(words)];
    this.longest = Math.max(0, ...this.words.map((word) => word.length));
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(4 * this.words.length + 1))).fill(-1);
    const mask = this.slots.length - 1;
    this.words.forEach((word, index) => {
      let slot = hashOf(word) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = index;
    });
  }

  has(word: string): boolean {
    if (word.length > this.longest) return false;
    const mask = this.slots.length - 1;
    for (let slot = hashOf(word) & mask, index = this.slots[slot]!; index !== -1; slot = (slot + 1) & mask, index = this.slots[slot]!) {
      if (this.words[index] === word) return true;
    }
    return false;
  }
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash;
}

// Some 150–180 of the commonest words of news copy per language. Words commoner in a neighbour are
// left out ("i", "no", "per" for English); shared ones ("in", "a") stay, so only a clear lead decides.
const COMMON_WORDS: Readonly<Record<string, WordList>> = {
  en: commonWordList(`the of and to a in is that for it was on with as he be by at are his this from have not or
    an had but they has which were their its been she her will would who also more than we there after one
    two three said says can could about if all them when into you our so up out what other new some only
    over did do does such those these may any between against since while under during before most because
    being him us how then now should still last first where both according told just very even many much
    back through off own same each another whether until without already across along among amid around
    behind below despite following near towards toward within including however again year years week
    day days people country government officials official percent must might your further added noted
    called several whose whom why here become became made make four five six seven eight nine ten
    hundred thousand million billion president military troops killed wounded`),
  de: commonWordList(`der die das und in zu den von mit sich des auf für ist im dem nicht ein eine als auch es an
    werden aus er hat dass daß sie nach wird bei einer um am sind noch wie einem über einen so zum war haben
    nur oder aber vor zur bis mehr durch man sein wurde sei hatte kann gegen vom können schon wenn habe seine
    ihre dann unter wir soll ich eines zwei diese dieser dieses wieder keine seiner worden uns will zwischen
    immer was sagte sowie seit ob beim nun ihr ihren damit dies sollen wurden hatten kein jetzt ihm ihn dort
    hier müssen muss ohne sehr sondern weil wo laut bereits etwa rund weitere neue neuen ersten jedoch
    allerdings sagt erklärte teilte sollte könnte würde wäre gibt gab viele ihrer ihrem seinem seinen alle
    alles andere anderen denn doch mich mir euch dabei dafür darauf davon deren dessen`),
};

// Each word also capitalised, as at the start of a sentence, so looking up needs no lowercasing.
function commonWordList(words: string): WordList {
  return new WordList(words.split(/\s+/).filter(Boolean).flatMap((word) => [word, word[0]!.toUpperCase() + word.slice(1)]));
}

/** A BCP 47 language tag as the import form, the API, the command line and termbase files accept it: en, uk, ru, en-GB. */
export const LANGUAGE_CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** "en-GB" → "en". */
export function primaryLanguage(tag: string): string {
  // A loop, not split(/[-_]/): this runs for every candidate of every text judged.
  let end = 0;
  while (end < tag.length && tag[end] !== '-' && tag[end] !== '_') end++;
  return tag.slice(0, end).toLowerCase();
}

/** franc's ISO 639-3 code of a BCP 47 tag, for the languages it knows here. */
export function toIso6393(tag: string): string | undefined {
  return ISO_639_3[primaryLanguage(tag)];
}

/** The BCP 47 code of one of franc's ISO 639-3 codes, for the languages it knows here. */
export function toBcp47(code: string): string | undefined {
  return FROM_ISO_639_3.get(code);
}

const ENGLISH_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
// Looked up once: Intl.DisplayNames is slow enough to show in a report-heavy run.
const KNOWN_NAMES = new Map(Object.keys(ISO_639_3).map((tag) => [tag, ENGLISH_NAMES.of(tag) ?? tag]));

/** The language's name in English ("uk" → "Ukrainian"). */
export function languageName(tag: string): string {
  const known = KNOWN_NAMES.get(tag);
  if (known !== undefined) return known;
  try {
    return ENGLISH_NAMES.of(tag) ?? tag;
  } catch {
    return tag; // not a well-formed tag
  }
}

/** "German"; "Russian or Ukrainian"; "Serbian, Croatian or Bosnian". */
export function describeLanguages(tags: readonly string[]): string {
  const names = tags.map(languageName);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? '');
}

// An address starts where a run of its letters does: tried from every place inside a long run,
// each attempt would read on to the run's end, a cost of the run's length squared.
const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+/giu;

// Text without one of these has no URL or e-mail address: a cheap test before the costly
// expression, and cheaper as string searches than as an expression.
function mayHoldLink(text: string): boolean {
  return text.includes('@') || text.includes('://') || text.includes('www.');
}

/** The words of a text that speak for its language: URLs, e-mail addresses and numbers left out. */
export function wordsOf(text: string): string[] {
  return tokenize(mayHoldLink(text) ? text.replace(URL_OR_EMAIL, ' ') : text)
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
}

/** The URLs and e-mail addresses in a text, whose words say nothing of its language; spans shifted by `offset`. */
export function linkSpans(text: string, offset = 0): Span[] {
  if (!mayHoldLink(text)) return [];
  return [...text.matchAll(URL_OR_EMAIL)].map((m) => ({ start: offset + m.index, end: offset + m.index + m[0].length }));
}

/**
 * The words among already made `tokens` that lie inside `span` and overlap none of `skip` (links,
 * quotations set aside): wordsOf without tokenizing again.
 */
export function wordsIn(tokens: readonly Token[], span: Span, skip: readonly Span[] = []): string[] {
  const words: string[] = [];
  const skipped = skipTest(skip, span.start);
  for (let i = firstTokenIn(tokens, span), end = endOfTokensIn(tokens, span, i); i < end; i++) {
    if (speaksForLanguage(tokens[i]!, skipped)) words.push(tokens[i]!.text);
  }
  return words;
}

/**
 * plainlyIn(wordsIn(tokens, span, skip), lang), given the commonWordsOf(lang): counted straight off
 * the tokens, and stopped as soon as the tokens left could not change the answer. Every sentence of
 * every article is put to this test.
 */
export function plainlyInTokens(tokens: readonly Token[], span: Span, skip: readonly Span[], common: WordList): boolean {
  let hits = 0;
  let others = 0;
  const first = firstTokenIn(tokens, span);
  const end = endOfTokensIn(tokens, span, first);
  const skipped = skipTest(skip, span.start);
  for (let i = first; i < end && !settled(hits, others, end - i); i++) {
    const token = tokens[i]!;
    if (!speaksForLanguage(token, skipped)) continue;
    if (common.has(token.text)) hits++;
    else if (!isCapitalised(token.text)) others++;
  }
  return shareOf(hits, others) >= SURE_SHARE;
}

/** Index of the first token starting in `span`: a binary search, so judging each sentence stays linear. */
function firstTokenIn(tokens: readonly Token[], span: Span): number {
  let i = 0;
  for (let hi = tokens.length; i < hi; ) {
    const mid = (i + hi) >> 1;
    if (tokens[mid]!.start < span.start) i = mid + 1;
    else hi = mid;
  }
  return i;
}

/** Index after the last token ending in `span`, from the first one in it. */
function endOfTokensIn(tokens: readonly Token[], span: Span, first: number): number {
  let end = first;
  while (end < tokens.length && tokens[end]!.end <= span.end) end++;
  return end;
}

function speaksForLanguage(token: Token, skipped: (token: Token) => boolean): boolean {
  return token.kind === 'word' && !skipped(token);
}

const SKIP_NOTHING = (): boolean => false;

/**
 * Whether a token overlaps any of `skip`, asked of tokens in text order from `from` on: a walk
 * along the spans sorted and merged, so judging each sentence of a paragraph full of links does
 * not read all its links again.
 */
function skipTest(skip: readonly Span[], from: number): (token: Token) => boolean {
  if (skip.length === 0) return SKIP_NOTHING;
  const spans = sortedSpans(skip);
  // The first span ending after `from`: a binary search.
  let at = 0;
  for (let hi = spans.length; at < hi; ) {
    const mid = (at + hi) >> 1;
    if (spans[mid]!.end <= from) at = mid + 1;
    else hi = mid;
  }
  return (token) => {
    while (at < spans.length && spans[at]!.end <= token.start) at++;
    return at < spans.length && spans[at]!.start < token.end;
  };
}

// Each list of spans to skip, sorted and merged, by the list: a passage's links are set aside in
// every one of its sentences, and sorted once.
const SORTED_SPANS = new WeakMap<readonly Span[], Span[]>();

function sortedSpans(skip: readonly Span[]): Span[] {
  let sorted = SORTED_SPANS.get(skip);
  if (!sorted) {
    sorted = [];
    for (const { start, end } of [...skip].sort((a, b) => a.start - b.start)) {
      const last = sorted.at(-1);
      if (last && start <= last.end) last.end = Math.max(last.end, end);
      else sorted.push({ start, end });
    }
    SORTED_SPANS.set(skip, sorted);
  }
  return sorted;
}

/** Letters in lowercase words of three letters or more: what is left to judge once names are set aside. */
export function judgeableLetters(words: readonly string[]): number {
  let letters = 0;
  for (const word of words) if (word.length >= 3 && !isCapitalised(word)) letters += word.length;
  return letters;
}

function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : word[0] !== word[0]!.toLowerCase();
}

/** A language's commonest words, or undefined when there is no list for it. */
export function commonWordsOf(lang: string): WordList | undefined {
  return COMMON_WORDS[primaryLanguage(lang)];
}

/**
 * Whether the commonest words of `lang` make up so much of `words` that they are plainly in it.
 * The cheap test that settles most paragraphs without franc; false when there is no word list for `lang`.
 */
export function plainlyIn(words: readonly string[], lang: string): boolean {
  const common = commonWordsOf(lang);
  return common !== undefined && commonWords(words, common).share >= SURE_SHARE;
}

/**
 * How many of `words` are in `common`, and their share of the words that are not names, so a line
 * of place names joined by "and" counts as English and German nouns do not dilute German.
 */
function commonWords(words: readonly string[], common: WordList): { hits: number; share: number } {
  let hits = 0;
  let others = 0;
  for (const word of words) {
    if (common.has(word)) hits++;
    else if (!isCapitalised(word)) others++;
  }
  return { hits, share: shareOf(hits, others) };
}

function shareOf(hits: number, others: number): number {
  return hits > 0 ? hits / (hits + others) : 0;
}

/**
 * Whether `more` words still to come cannot bring the share of common words across SURE_SHARE:
 * not if they were all other words, nor if they were all common ones.
 */
function settled(hits: number, others: number, more: number): boolean {
  return shareOf(hits, others + more) >= SURE_SHARE || shareOf(hits + more, others) < SURE_SHARE;
}

export interface LanguageOptions {
  /** BCP 47 codes the text may be in; PLAUSIBLE_LANGUAGES by default. */
  candidates?: readonly string[];
  /** The language the text should be in; it is given the benefit of any doubt. */
  expected?: string;
  /** Fewest judgeable letters for a verdict from franc; MIN_JUDGEABLE_LETTERS by default. */
  minLetters?: number;
}

/**
 * The languages `words` may be in, likeliest first, as BCP 47 codes: one when the evidence decides,
 * several when it cannot tell them apart (only the script is known, or franc finds a near tie),
 * none when there is too little to judge. When `options.expected` cannot be ruled out the answer
 * is just it. Cheapest evidence first: the expected language's commonest words, the script,
 * distinctive Cyrillic letters, every listed language's commonest words; franc only when these
 * leave it open and there is enough text.
 */
export function identifyLanguage(words: readonly string[], options: LanguageOptions = {}): string[] {
  const expected = options.expected === undefined ? undefined : primaryLanguage(options.expected);
  if (expected !== undefined && plainlyIn(words, expected)) return [expected];
  const { latin, cyrillic } = countScriptLetters(words);
  if (Math.max(latin, cyrillic) < MIN_SCRIPT_LETTERS) return [];
  const candidates = new Set((options.candidates ?? PLAUSIBLE_LANGUAGES).map(primaryLanguage));
  if (expected !== undefined) candidates.add(expected);
  const minLetters = options.minLetters ?? MIN_JUDGEABLE_LETTERS;
  return cyrillic > latin
    ? identifyCyrillic(words, { languages: [...candidates].filter((l) => CYRILLIC_LANGUAGES.has(l)), expected, minLetters })
    : identifyLatin(words, { languages: [...candidates].filter((l) => !CYRILLIC_LANGUAGES.has(l) || BOTH_SCRIPTS.has(l)), expected, minLetters });
}

/** The candidates in the text's script, and the rest of the options. */
interface Judging {
  languages: readonly string[];
  expected: string | undefined;
  minLetters: number;
}

/** The language of a whole text (a source article), or undefined when it cannot be told. */
export function detectLanguage(text: string, options: Omit<LanguageOptions, 'expected'> = {}): string | undefined {
  const languages = identifyLanguage(wordsOf(text), options);
  return languages.length === 1 ? languages[0] : undefined;
}

function countScriptLetters(words: readonly string[]): { latin: number; cyrillic: number } {
  let latin = 0;
  let cyrillic = 0;
  for (const word of words) {
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c >= 0x400 && c <= 0x52f) cyrillic++;
      else if (((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) latin++;
    }
  }
  return { latin, cyrillic };
}

function identifyCyrillic(words: readonly string[], { languages, expected, minLetters }: Judging): string[] {
  if (languages.length === 0) return [];
  const counts = new Map<string, number>();
  for (const word of words) {
    for (const letter of word) {
      const lang = CYRILLIC_MARKERS.get(letter);
      if (lang !== undefined && languages.includes(lang)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    }
  }
  const marked = [...counts].sort((a, b) => b[1] - a[1]);
  const [top, next] = marked;
  if (top && top[1] >= MARKER_LEAD * (next?.[1] ?? 0)) return [top[0]];
  if (judgeableLetters(words) >= minLetters) return francVerdict(words, languages, expected);
  // Only the script is known: every Cyrillic candidate, those with distinctive letters first.
  return [...new Set([...marked.map(([lang]) => lang), ...languages])];
}

function identifyLatin(words: readonly string[], { languages, expected, minLetters }: Judging): string[] {
  if (languages.length === 0) return [];
  const counts = languages
    .filter((l) => COMMON_WORDS[l] !== undefined)
    .map((l) => ({ lang: l, ...commonWords(words, COMMON_WORDS[l]!) }))
    .sort((a, b) => b.share - a.share);
  const [top, next] = counts;
  if (top && top.hits >= MIN_COMMON_HITS && top.share >= SURE_SHARE && top.share >= SHARE_LEAD * (next?.share ?? 0)) {
    return [top.lang];
  }
  if (judgeableLetters(words) < minLetters) return [];
  // A sentence-long text without one of the expected language's commonest words (transliterated
  // Ukrainian, say) gets no benefit of franc's doubt.
  const lacksCommonWords = counts.some((c) => c.lang === expected && c.hits === 0);
  return francVerdict(words, languages, lacksCommonWords ? undefined : expected);
}

function francVerdict(words: readonly string[], languages: readonly string[], expected: string | undefined): string[] {
  // franc cannot rule out a language it does not know.
  if (expected !== undefined && toIso6393(expected) === undefined) return [expected];
  const only = languages.map(toIso6393).filter((code) => code !== undefined);
  if (only.length === 0) return []; // franc would take an empty list as no restriction
  let sample = '';
  for (const word of words) {
    if (sample.length >= FRANC_SAMPLE) break;
    sample += `${word} `;
  }
  const scores = new Map<string, number>();
  for (const [code, score] of francAll(sample, { only, minLength: 1 })) {
    const tag = toBcp47(code);
    if (tag !== undefined) scores.set(tag, score);
  }
  if (expected !== undefined && (scores.get(expected) ?? 0) >= DOUBT_SCORE) return [expected];
  return [...scores].filter(([, score]) => score >= TIE_SCORE).map(([tag]) => tag);
}
