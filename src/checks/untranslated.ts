import type { SourceText } from '../text/analyse.js';
import {
  describeLanguages,
  identifyLanguage,
  judgeableLetters,
  languageName,
  linkSpans,
  MIN_JUDGEABLE_LETTERS,
  PLAUSIBLE_LANGUAGES,
  plainlyIn,
  primaryLanguage,
  wordsOf,
} from '../text/language.js';
import type { Passage, Span } from '../text/segment.js';
import type { Check, Report } from './types.js';

// Quotations in straight, curly or German quotation marks, or guillemets; group 1 is the quoted text.
const QUOTATION = /["“„«]([^"“”„«»\n]+)["”“»]/gu;
const QUOTATION_MARK = /["“„«]/;
// Headlines, captions and "Read also:" lines stop without a full stop. Their clipped style
// without function words fools franc, so they need twice the letters to be judged by it.
const SENTENCE_END = /[.!?…]["”’»)\]]*$/u;
const FRAGMENT_MIN_LETTERS = 2 * MIN_JUDGEABLE_LETTERS;

/** What a passage is judged against: the article's language and the languages it might be in instead. */
interface Setting {
  lang: string;
  candidates: readonly string[];
}

export const untranslated: Check = {
  id: 'untranslated',
  description: 'Passages, sentences or quotations left in another language than the translation’s, and passages identical to their source.',
  defaultSeverity: 'error',
  itsType: 'untranslated',
  run(article) {
    const lang = primaryLanguage(article.lang);
    const source = article.source;
    const sourceLang = source && source.lang !== 'und' ? primaryLanguage(source.lang) : undefined;
    const setting: Setting = { lang, candidates: sourceLang ? [...PLAUSIBLE_LANGUAGES, sourceLang] : PLAUSIBLE_LANGUAGES };
    const unchanged = source && sourceLang && sourceLang !== lang ? unchangedFromSource(source, sourceLang) : undefined;
    const reports: Report[] = [];
    for (const passage of article.passages) {
      const foreign = foreignParts(passage, setting);
      if (foreign.length > 0) {
        reports.push(...foreign);
      } else {
        const report = unchanged?.(passage);
        if (report) reports.push(report);
      }
    }
    return reports;
  },
};

/**
 * The parts of a passage in another language: the whole passage, or else those of its sentences
 * and quotations that are long enough to judge. A quoted phrase inside a sentence of the article's
 * language is left alone.
 */
function foreignParts(passage: Passage, setting: Setting): Report[] {
  const links = linkSpans(passage.text, passage.start);
  const quotations = QUOTATION_MARK.test(passage.text)
    ? [...passage.text.matchAll(QUOTATION)].map((q): Span => {
        const start = passage.start + q.index + 1;
        return { start, end: start + q[1]!.length };
      })
    : [];
  const sentences = passage.sentences.length > 1 ? passage.sentences : [];
  // Most paragraphs are settled by the first test, one look at each sentence's words.
  const plain = sentences.length > 0 && sentences.every((sentence) => plainlyIn(wordsIn(passage, sentence, links), setting.lang));
  const whole = plain ? undefined : foreignLanguagesOf(passage, passage, quotations, links, setting);
  if (whole) return [foreignReport(passage, 'passage', whole, setting.lang)];

  const reports: Report[] = [];
  if (!plain) {
    for (const sentence of sentences) {
      if (sentence.end - sentence.start < MIN_JUDGEABLE_LETTERS) continue;
      const inside = quotations.filter((q) => within(q, sentence));
      const languages = foreignLanguagesOf(passage, sentence, inside, links, setting);
      if (languages) reports.push(foreignReport(sentence, 'sentence', languages, setting.lang));
    }
  }
  for (const quotation of quotations) {
    if (quotation.end - quotation.start < MIN_JUDGEABLE_LETTERS || reports.some((r) => within(quotation, r))) continue;
    const languages = foreignLanguagesOf(passage, quotation, [], links, setting);
    if (languages) reports.push(foreignReport(quotation, 'quotation', languages, setting.lang));
  }
  return reports;
}

/**
 * The languages of `span` when it is judged to be in another language than the setting's. Its
 * quotations are set aside when enough is left around them to judge.
 */
function foreignLanguagesOf(passage: Passage, span: Span, quotations: readonly Span[], links: readonly Span[], setting: Setting): string[] | undefined {
  const words = wordsIn(passage, span, links);
  if (plainlyIn(words, setting.lang)) return undefined;
  const text = passage.text.slice(span.start - passage.start, span.end - passage.start);
  const minLetters = SENTENCE_END.test(text) ? MIN_JUDGEABLE_LETTERS : FRAGMENT_MIN_LETTERS;
  if (quotations.length > 0) {
    const frame = wordsIn(passage, span, [...links, ...quotations]);
    if (judgeableLetters(frame) >= MIN_JUDGEABLE_LETTERS) return foreignLanguages(frame, setting, minLetters);
  }
  return foreignLanguages(words, setting, minLetters);
}

function foreignLanguages(words: readonly string[], { lang, candidates }: Setting, minLetters: number): string[] | undefined {
  const languages = identifyLanguage(words, { expected: lang, candidates, minLetters });
  return languages.length > 0 && !languages.includes(lang) ? languages : undefined;
}

/** The words of the passage's tokens inside `span`, leaving out those overlapping any of `skip`. */
function wordsIn(passage: Passage, span: Span, skip: readonly Span[]): string[] {
  const tokens = passage.tokens;
  // Binary search for the first token of the span, so judging each sentence stays linear.
  let i = 0;
  for (let hi = tokens.length; i < hi; ) {
    const mid = (i + hi) >> 1;
    if (tokens[mid]!.start < span.start) i = mid + 1;
    else hi = mid;
  }
  const words: string[] = [];
  for (; i < tokens.length && tokens[i]!.end <= span.end; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word' && (skip.length === 0 || !skip.some((s) => token.start < s.end && token.end > s.start))) words.push(token.text);
  }
  return words;
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function foreignReport(span: Span, part: 'passage' | 'sentence' | 'quotation', languages: readonly string[], lang: string): Report {
  return {
    start: span.start,
    end: span.end,
    message: `This ${part} looks like ${describeLanguages(languages)}, not ${languageName(lang)}.`,
  };
}

/**
 * Weblate's "unchanged translation": a passage that is its aligned source paragraph verbatim, with
 * enough left to judge once URLs, numbers, names and short words are set aside.
 */
function unchangedFromSource(source: SourceText, sourceLang: string): (passage: Passage) => Report | undefined {
  const sourcesOf = new Map<number, Passage[]>();
  for (const pair of source.alignment) {
    const passages = pair.source.map((i) => source.passages[i]!);
    for (const target of pair.target) sourcesOf.set(target, passages);
  }
  return (passage) => {
    if (!sourcesOf.get(passage.index)?.some((s) => s.text === passage.text)) return undefined;
    if (judgeableLetters(wordsOf(passage.text)) < MIN_JUDGEABLE_LETTERS) return undefined;
    return {
      start: passage.start,
      end: passage.end,
      message: `This passage is identical to its ${languageName(sourceLang)} source paragraph; it looks untranslated.`,
    };
  };
}
