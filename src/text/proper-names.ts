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
  previous?: { token: Token; startsAfresh: boolean };
}

/** The capitalised words of an article that may be proper names; see `readProperNames`. */
export interface ProperNames {
  /** In text order: four letters or more, not acronyms ("NATO"), not ordinary words at sentence starts. */
  candidates: NameMention[];
  isName(mention: NameMention): boolean;
  /** Where the first name or title written just before a name starts ("Steve Witkoff", "envoy Witkoff"), if any. */
  introducedFrom(mention: NameMention): number | undefined;
}

const MIN_NAME_LENGTH = 4;
const CAPITALISED = /^\p{Lu}/u;
// Punctuation after which a capital starts afresh inside a sentence: a quotation, a colon, a dash.
const FRESH_START = ':;"“«(‘—–';

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
  const capitalisedInSentence = new Set<string>();
  const candidates: NameMention[] = [];
  for (const passage of passages) {
    const { sentences } = passage;
    let sentence = 0;
    let previous: Token | undefined;
    let previousSentence = -1;
    let previousCapitalised: NameMention | undefined;
    for (const token of passage.tokens) {
      while (sentence < sentences.length - 1 && sentences[sentence]!.end <= token.start) sentence++;
      let capitalised: NameMention | undefined;
      if (token.kind === 'word' && startsWithCapital(token.text)) {
        const spelling = token.text.includes("'") || token.text.includes('’') ? withoutPossessive(token.text) : token.text;
        const gap = previous && previousSentence === sentence ? gapBetween(text, previous.end, token.start) : 'fresh';
        const startsAfresh = passage.isTitle || gap === 'fresh';
        if (!startsAfresh) capitalisedInSentence.add(spelling);
        capitalised = { start: token.start, end: token.start + spelling.length, spelling, startsAfresh };
        if (previous && gap === 'adjacent') {
          capitalised.previous = { token: previous, startsAfresh: previousCapitalised?.startsAfresh ?? false };
          // A possessive ("Trump's Witkoff") is no first name.
          if (previousCapitalised?.spelling === previous.text) previousCapitalised.nameAfter = spelling;
        }
        candidates.push(capitalised);
      }
      previous = token;
      previousSentence = sentence;
      previousCapitalised = capitalised;
    }
  }

  let lowerCaseWords: Set<string> | undefined;
  const isName = (word: string, startsAfresh: boolean): boolean => {
    if (!startsAfresh || capitalisedInSentence.has(word)) return true;
    const lower = word.toLowerCase();
    if (word.length < MIN_NAME_LENGTH || ORDINARY_WORDS.has(lower)) return false;
    lowerCaseWords ??= wordsInLowerCase(passages);
    return !lowerCaseWords.has(lower);
  };
  return {
    candidates: candidates.filter(
      (m) => m.spelling.length >= MIN_NAME_LENGTH && !isAcronym(m.spelling) && (!m.startsAfresh || capitalisedInSentence.has(m.spelling) || !ORDINARY_WORDS.has(m.spelling.toLowerCase())),
    ),
    isName: (mention) => isName(mention.spelling, mention.startsAfresh),
    introducedFrom(mention) {
      const previous = mention.previous?.token;
      if (!previous) return undefined;
      const word = previous.text;
      if (TITLES.has(word.toLowerCase())) return previous.start;
      // A possessive ("Trump's Witkoff") or a lower-case word is not a first name.
      const firstName =
        startsWithCapital(word) && withoutPossessive(word) === word && !isAcronym(word) && !ORDINARY_WORDS.has(word.toLowerCase()) && isName(word, mention.previous!.startsAfresh);
      return firstName ? previous.start : undefined;
    },
  };
}

/**
 * What lies between two words of a sentence: punctuation that starts it afresh, only spaces
 * (or the period of an abbreviation that did not end the sentence: "Mr. Witkoff"), or else
 * something that separates them (a comma).
 */
function gapBetween(text: string, from: number, to: number): 'fresh' | 'adjacent' | 'apart' {
  let spaces = 0;
  let others = 0;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (FRESH_START.includes(c)) return 'fresh';
    if (c === ' ' || c === '\u00a0') spaces++;
    else if (!(c === '.' && i === from)) others++;
  }
  return spaces > 0 && others === 0 ? 'adjacent' : 'apart';
}

function wordsInLowerCase(passages: readonly Passage[]): Set<string> {
  const words = new Set<string>();
  for (const passage of passages) {
    for (const token of passage.tokens) if (token.kind === 'word' && !startsWithCapital(token.text)) words.add(withoutPossessive(token.text));
  }
  return words;
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
