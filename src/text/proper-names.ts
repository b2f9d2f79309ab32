import { withoutPossessive } from '../reference/termbase.js';
import type { Passage, Span, Token } from './segment.js';

/** A capitalised word that may be a proper name. */
export interface NameMention extends Span {
  /** The word as written, without a possessive "’s" (which lies outside the span). */
  spelling: string;
  /** First word of a sentence, headline or quotation, where any word is capitalised. */
  startsAfresh: boolean;
  /** The capitalised word right after it, as a surname follows a first name ("Mikhail" → "Podolyak"). */
  nameAfter?: string;
  /** The word just before, in the same sentence with only spaces (or an abbreviation's period) between. */
  previous?: Token;
  /** Whether `previous` is capitalised and starts afresh itself. */
  previousStartsAfresh?: boolean;
}

/** The mentions of one spelling. */
export interface NameSpelling {
  spelling: string;
  mentions: NameMention[];
}

/** The capitalised words of an article that may be proper names; see `readProperNames`. */
export interface ProperNames {
  /**
   * The candidates by spelling, in order of first mention: four letters or more, not acronyms
   * ("NATO"), not ordinary words at sentence starts.
   */
  spellings: NameSpelling[];
  isName(mention: NameMention): boolean;
  /** Where the first name or title written just before a name starts ("Steve Witkoff", "envoy Witkoff"), if any. */
  introducedFrom(mention: NameMention): number | undefined;
}

/** A spelling's capitalised words: its mentions (if long enough for a name) and how it is written. */
interface SpellingRecord extends NameSpelling {
  /** Capitalised inside a sentence somewhere, not only where any word is. */
  inSentence: boolean;
  /** Its mentions (long enough for a name) while reading; then how many are handed out. */
  count: number;
}
// The mentions of a spelling that are no candidates: none handed out. Never added to.
const NO_MENTIONS: NameMention[] = [];

const MIN_NAME_LENGTH = 4;
// Words `isName` looks for in lower case one by one before indexing all the article's words.
const MAX_LOWER_CASE_SCANS = 4;
const CAPITALISED = /^\p{Lu}/u;
// Punctuation after which a capital starts afresh inside a sentence: a quotation, a colon, a dash.
const FRESH_START = [...':;"“«(‘—–'].map((c) => c.charCodeAt(0));

// English words that are capitalised only because they start a sentence, plus calendar words,
// which are capitalised but never a first name ("on Monday Witkoff said"). Closed-class
// language knowledge like the abbreviations in segment.ts, not newsroom reference data.
const ORDINARY_WORDS = new Set(
  (
    'a an the this that these those there then than thus here where when while which what who whom whose why how ' +
    'however although though through after before during since until unless because if so as and but or nor yet ' +
    'with without within from into onto over under about above below between among against across along around ' +
    'also even still only just both each every either neither some many most much more such other another any all ' +
    'no not none nothing something everything anything someone everyone nobody he she it its we they them their our ' +
    'his her him you your my i me us have has had will would could should must might may can shall does did do ' +
    'were was been being is are said says according meanwhile moreover furthermore instead later earlier today ' +
    'yesterday tomorrow last next first second third several despite amid once hence therefore nevertheless ' +
    'nonetheless indeed perhaps maybe please in on at by for to of up out off down per via ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august ' +
    'september october november december'
  ).split(' '),
);

// The same as capitalised at a sentence start ("However"), to look up without lower-casing.
const ORDINARY_WORDS_CAPITALISED = new Set([...ORDINARY_WORDS].map((w) => w[0]!.toUpperCase() + w.slice(1)));

// Words that introduce a person's surname as a title does a first name ("envoy Witkoff").
const TITLES = new Set(
  (
    'president minister premier chancellor envoy spokesman spokeswoman spokesperson secretary general gen colonel col ' +
    'lieutenant lt major captain sergeant sgt commander chief governor gov mayor senator sen congressman ' +
    'congresswoman representative rep ambassador adviser advisor aide director chairman chairwoman head leader ' +
    'deputy speaker king queen prince princess pope patriarch bishop metropolitan sir lord lady mr mrs ms dr prof ' +
    'professor judge justice prosecutor commissioner oligarch businessman businesswoman journalist correspondent ' +
    'editor analyst blogger lawyer attorney'
  ).split(' '),
);

/**
 * Reads the capitalised words of an article. A word capitalised inside a sentence is a name; at
 * the start of a sentence (or anywhere in a headline) it is one only if it is also capitalised
 * inside a sentence elsewhere, or it is neither an ordinary word nor written in lower case
 * anywhere in the article. That last test reads every word, so `isName` makes it only when
 * asked: most candidates never need it.
 */
export function readProperNames(text: string, passages: readonly Passage[]): ProperNames {
  // The capitalised words by spelling. A sentence-start mention is a candidate unless it is an
  // ordinary word, and an ordinary word capitalised inside a sentence is a candidate
  // everywhere, so a spelling's mentions are all candidates or none.
  const bySpelling = new Map<string, SpellingRecord>();
  // The records in order of first mention; the mentions in text order with the record of each,
  // to hand out at the end in arrays of the right size.
  const records: SpellingRecord[] = [];
  const mentions: NameMention[] = [];
  const owners: SpellingRecord[] = [];
  for (const passage of passages) {
    const { sentences, tokens } = passage;
    let sentence = 0;
    // The capitalised word before, for first names and surnames; a mention only if it may be a candidate.
    let capitalisedAt = -1;
    let capitalisedSpelling = '';
    let capitalisedAfresh = false;
    let capitalisedMention: NameMention | undefined;
    for (let at = 0; at < tokens.length; at++) {
      const token = tokens[at]!;
      // Most words are lower case, and the text tells without reading the token's own string.
      const first = text.charCodeAt(token.start);
      if (first < 128 ? first < 65 || first > 90 : token.kind !== 'word' || !CAPITALISED.test(token.text)) continue;
      while (sentence < sentences.length - 1 && sentences[sentence]!.end <= token.start) sentence++;
      const previous = at > 0 ? tokens[at - 1] : undefined;
      // The sentences only advance, so the previous word is in this one unless an earlier one ends after it starts.
      const gap = previous && (sentence === 0 || sentences[sentence - 1]!.end <= previous.start) ? gapBetween(text, previous.end, token.start) : 'fresh';
      const spelling = endsInPossessive(token.text) ? withoutPossessive(token.text) : token.text;
      const startsAfresh = passage.isTitle || gap === 'fresh';
      const adjacent = gap === 'adjacent';
      const afterCapitalised = capitalisedAt === at - 1;
      // A possessive ("Trump's Witkoff") is no first name.
      if (adjacent && capitalisedMention && afterCapitalised && capitalisedSpelling === previous!.text) capitalisedMention.nameAfter = spelling;
      const acronym = isAcronym(spelling);
      capitalisedMention =
        spelling.length >= MIN_NAME_LENGTH && !acronym
          ? {
              start: token.start,
              end: token.start + spelling.length,
              spelling,
              startsAfresh,
              nameAfter: undefined,
              previous: adjacent ? previous : undefined,
              previousStartsAfresh: adjacent ? afterCapitalised && capitalisedAfresh : undefined,
            }
          : undefined;
      // A shorter word counts only where capitalised inside a sentence, for `isName` of a first
      // name; an acronym not at all. Skipping the others spares a look-up for most sentence starts ("The").
      if (capitalisedMention || (!startsAfresh && !acronym)) {
        let record = bySpelling.get(spelling);
        if (!record) {
          record = { spelling, mentions: NO_MENTIONS, inSentence: false, count: 0 };
          bySpelling.set(spelling, record);
          records.push(record);
        }
        if (!startsAfresh) record.inSentence = true;
        if (capitalisedMention) {
          record.count++;
          mentions.push(capitalisedMention);
          owners.push(record);
        }
      }
      capitalisedAt = at;
      capitalisedSpelling = spelling;
      capitalisedAfresh = startsAfresh;
    }
  }
  const spellings: NameSpelling[] = [];
  for (const record of records) {
    if (record.count === 0 || (!record.inSentence && isOrdinaryWord(record.spelling))) continue;
    record.mentions = new Array(record.count);
    record.count = 0;
    spellings.push(record);
  }
  mentions.forEach((mention, i) => {
    const owner = owners[i]!;
    if (owner.mentions !== NO_MENTIONS) owner.mentions[owner.count++] = mention;
  });

  // Whether a word is written in lower case somewhere, by word asked about. Most articles ask
  // about a word or two, for which a scan is cheaper than a set of every word; past a few
  // words, the set is cheaper.
  const inLowerCase = new Map<string, boolean>();
  let lowerCaseWords: Set<string> | undefined;
  const writtenInLowerCase = (lower: string): boolean => {
    let found = inLowerCase.get(lower);
    if (found === undefined) {
      if (inLowerCase.size < MAX_LOWER_CASE_SCANS) found = scanForLowerCase(text, passages, lower);
      else found = (lowerCaseWords ??= wordsInLowerCase(text, passages)).has(lower);
      inLowerCase.set(lower, found);
    }
    return found;
  };
  const isName = (word: string, startsAfresh: boolean): boolean => {
    if (!startsAfresh || bySpelling.get(word)?.inSentence) return true;
    if (word.length < MIN_NAME_LENGTH || isOrdinaryWord(word)) return false;
    return !writtenInLowerCase(word.toLowerCase());
  };
  return {
    spellings,
    isName: (mention) => isName(mention.spelling, mention.startsAfresh),
    introducedFrom(mention) {
      const previous = mention.previous;
      if (!previous) return undefined;
      const word = previous.text;
      if (TITLES.has(word.toLowerCase())) return previous.start;
      // A possessive ("Trump's Witkoff") or a lower-case word is not a first name.
      const firstName =
        startsWithCapital(word) && withoutPossessive(word) === word && !isAcronym(word) && !isOrdinaryWord(word) && isName(word, mention.previousStartsAfresh!);
      return firstName ? previous.start : undefined;
    },
  };
}

// Per analysed article (its passages array): the name-variants and archive-names checks and the
// names index all read the same names.
const namesOfArticle = new WeakMap<readonly Passage[], ProperNames>();

/** `readProperNames` of an analysed article, read once however many ask. */
export function properNamesOf(article: { text: string; passages: readonly Passage[] }): ProperNames {
  let names = namesOfArticle.get(article.passages);
  if (!names) namesOfArticle.set(article.passages, (names = readProperNames(article.text, article.passages)));
  return names;
}

/** Whether a word ends in "'s" or "’s", which `withoutPossessive` strips; most words do not. */
function endsInPossessive(word: string): boolean {
  const last = word.charCodeAt(word.length - 1);
  return (last === 115 || last === 83) && isApostrophe(word.charCodeAt(word.length - 2));
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/**
 * What lies between two words of a sentence: punctuation that starts it afresh, only spaces
 * (or the period of an abbreviation that did not end the sentence: "Mr. Witkoff"), or else
 * something that separates them (a comma).
 */
function gapBetween(text: string, from: number, to: number): 'fresh' | 'adjacent' | 'apart' {
  // The usual gap, one space.
  if (to - from === 1 && text.charCodeAt(from) === 32) return 'adjacent';
  let spaces = 0;
  let others = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (FRESH_START.includes(c)) return 'fresh';
    if (c === 32 || c === 0xa0) spaces++;
    else if (!(c === 46 && i === from)) others++;
  }
  return spaces > 0 && others === 0 ? 'adjacent' : 'apart';
}

function wordsInLowerCase(text: string, passages: readonly Passage[]): Set<string> {
  const words = new Set<string>();
  for (const passage of passages) {
    for (const token of passage.tokens) if (isLowerCaseWord(text, token)) words.add(withoutPossessive(token.text));
  }
  return words;
}

/** Whether `lower` is written as a lower-case word (possessive or not), as `wordsInLowerCase` would hold it. */
function scanForLowerCase(text: string, passages: readonly Passage[], lower: string): boolean {
  for (const passage of passages) {
    for (const token of passage.tokens) {
      // Only a word of this length, or with a possessive "'s", can be it.
      const extra = token.end - token.start - lower.length;
      if ((extra === 0 || extra === 2) && isLowerCaseWord(text, token) && withoutPossessive(token.text) === lower) return true;
    }
  }
  return false;
}

function isLowerCaseWord(text: string, token: Token): boolean {
  const first = text.charCodeAt(token.start);
  // A lower-case ASCII letter tells at once; a digit starts a number.
  return first < 128 ? first >= 97 && first <= 122 : token.kind === 'word' && !CAPITALISED.test(token.text);
}

function isOrdinaryWord(word: string): boolean {
  return isCapitalisedAscii(word) ? ORDINARY_WORDS_CAPITALISED.has(word) : ORDINARY_WORDS.has(word.toLowerCase());
}

/** A capital and lower-case letters, all ASCII ("However"): most capitalised words. */
function isCapitalisedAscii(word: string): boolean {
  const first = word.charCodeAt(0);
  if (!(first >= 65 && first <= 90)) return false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!(c >= 97 && c <= 122)) return false;
  }
  return true;
}

function startsWithCapital(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : CAPITALISED.test(word);
}

function isAcronym(word: string): boolean {
  if (word.length < 2) return false;
  const second = word.charCodeAt(1);
  // Most capitalised words are not acronyms, and a lower-case ASCII second letter tells at once.
  return !(second >= 97 && second <= 122) && word === word.toUpperCase();
}
