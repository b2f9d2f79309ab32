import type { SourceText } from '../text/analyse.js';
import {
  commonWordsOf,
  describeLanguages,
  identifyLanguage,
  judgeableLetters,
  languageName,
  linkSpans,
  MIN_JUDGEABLE_LETTERS,
  plainlyInTokens,
  PLAUSIBLE_LANGUAGES,
  primaryLanguage,
  wordsIn,
  type WordList,
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
// Shared empty results, so the many passages with nothing to report allocate nothing.
const NO_SPANS: readonly Span[] = [];
const NO_REPORTS: readonly Report[] = [];

/** What a passage is judged against: the article's language and the languages it might be in instead. */
interface Setting {
  lang: string;
  /** The commonest words of `lang`, if it has a list of them. */
  common: WordList | undefined;
  candidates: readonly string[];
}

export const untranslated: Check = {
  id: 'untranslated',
  description: 'Passages, sentences or quotations left in another language than the translation’s, and passages identical to their source.',
  // Language identification is statistical and there is no fix: likely, not certain.
  defaultSeverity: 'warning',
  itsType: 'untranslated',
  category: 'accuracy',
  run(article) {
    const lang = primaryLanguage(article.lang);
    const source = article.source;
    const sourceLang = source && source.lang !== 'und' ? primaryLanguage(source.lang) : undefined;
    const setting: Setting = {
      lang,
      common: commonWordsOf(lang),
      candidates: sourceLang ? [...PLAUSIBLE_LANGUAGES, sourceLang] : PLAUSIBLE_LANGUAGES,
    };
    const unchanged = source && sourceLang && sourceLang !== lang ? unchangedFromSource(source, sourceLang) : undefined;
    const reports: Report[] = [];
    for (const passage of article.passages) {
      const links = linkSpans(passage.text, passage.start);
      const foreign = foreignParts(passage, links, setting);
      if (foreign.length > 0) {
        for (const report of foreign) reports.push(report);
      } else {
        const report = unchanged?.(passage, links);
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
function foreignParts(passage: Passage, links: readonly Span[], setting: Setting): readonly Report[] {
  const quotations = QUOTATION_MARK.test(passage.text)
    ? [...passage.text.matchAll(QUOTATION)].map((q): Span => {
        const start = passage.start + q.index + 1;
        return { start, end: start + q[1]!.length };
      })
    : NO_SPANS;
  const sentences = passage.sentences.length > 1 ? passage.sentences : NO_SPANS;
  // Most paragraphs are settled by the first test, one look at each sentence's words.
  let plain = sentences.length > 0;
  for (let i = 0; plain && i < sentences.length; i++) plain = plainlyInSpan(passage, sentences[i]!, links, setting);
  if (plain && quotations.length === 0) return NO_REPORTS;
  const whole = plain ? undefined : foreignLanguagesOf(passage, passage, quotations, links, setting);
  if (whole) return [foreignReport(passage, 'passage', whole, setting.lang)];

  // Sentences and quotations both come in text order without overlapping, so each is matched
  // to the other by walking both lists once.
  const sentenceReports: Report[] = [];
  if (!plain) {
    let q = 0;
    for (const sentence of sentences) {
      while (q < quotations.length && quotations[q]!.start < sentence.start) q++;
      if (sentence.end - sentence.start < MIN_JUDGEABLE_LETTERS) continue;
      let last = q;
      while (last < quotations.length && quotations[last]!.end <= sentence.end) last++;
      const languages = foreignLanguagesOf(passage, sentence, quotations.slice(q, last), links, setting);
      if (languages) sentenceReports.push(foreignReport(sentence, 'sentence', languages, setting.lang));
    }
  }
  const reports = [...sentenceReports];
  let r = 0;
  for (const quotation of quotations) {
    while (r < sentenceReports.length && sentenceReports[r]!.end < quotation.end) r++;
    const reported = sentenceReports[r];
    if (quotation.end - quotation.start < MIN_JUDGEABLE_LETTERS || (reported && within(quotation, reported))) continue;
    const languages = foreignLanguagesOf(passage, quotation, NO_SPANS, links, setting);
    if (languages) reports.push(foreignReport(quotation, 'quotation', languages, setting.lang));
  }
  return reports;
}

/**
 * The languages of `span` when it is judged to be in another language than the setting's. Its
 * quotations are set aside when enough is left around them to judge.
 */
function foreignLanguagesOf(passage: Passage, span: Span, quotations: readonly Span[], links: readonly Span[], setting: Setting): string[] | undefined {
  if (plainlyInSpan(passage, span, links, setting)) return undefined;
  const words = wordsIn(passage.tokens, span, links);
  const text = passage.text.slice(span.start - passage.start, span.end - passage.start);
  const minLetters = SENTENCE_END.test(text) ? MIN_JUDGEABLE_LETTERS : FRAGMENT_MIN_LETTERS;
  if (quotations.length > 0) {
    const frame = wordsIn(passage.tokens, span, [...links, ...quotations]);
    if (judgeableLetters(frame) >= MIN_JUDGEABLE_LETTERS) return foreignLanguages(frame, setting, minLetters);
  }
  return foreignLanguages(words, setting, minLetters);
}

function foreignLanguages(words: readonly string[], { lang, candidates }: Setting, minLetters: number): string[] | undefined {
  const languages = identifyLanguage(words, { expected: lang, candidates, minLetters });
  return languages.length > 0 && !languages.includes(lang) ? languages : undefined;
}

/** plainlyIn for the words of the passage inside `span`, leaving out those overlapping any of `skip`. */
function plainlyInSpan(passage: Passage, span: Span, skip: readonly Span[], { common }: Setting): boolean {
  return common !== undefined && plainlyInTokens(passage.tokens, span, skip, common);
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
function unchangedFromSource(source: SourceText, sourceLang: string): (passage: Passage, links: readonly Span[]) => Report | undefined {
  const sourcesOf = new Map<number, Passage[]>();
  for (const pair of source.alignment) {
    const passages = pair.source.map((i) => source.passages[i]!);
    for (const target of pair.target) sourcesOf.set(target, passages);
  }
  return (passage, links) => {
    if (!sourcesOf.get(passage.index)?.some((s) => s.text === passage.text)) return undefined;
    if (judgeableLetters(wordsIn(passage.tokens, passage, links)) < MIN_JUDGEABLE_LETTERS) return undefined;
    return {
      start: passage.start,
      end: passage.end,
      message: `This passage is identical to its ${languageName(sourceLang)} source paragraph; it looks untranslated.`,
    };
  };
}
