import { runChecks } from '../checks/run-checks.js';
import type { FindingToStore } from '../db/repositories/findings.js';
import type { ReferenceData } from '../reference/index.js';
import { analyse } from '../text/analyse.js';
import { articleNames, type ArticleName } from '../text/article-names.js';
import { correctedArticle, passageAt, type PassageText, type PlacedPassage } from './passage-layout.js';

export interface ArticleLanguages {
  targetLang: string;
  sourceLang: string | null;
  sourceText: string | null;
}

/** Where the text starts after a title given apart from it (passage 0, when kept and followed by text); 0 otherwise. */
function textStart(separateTitle: boolean, placed: readonly PlacedPassage[]): number {
  return separateTitle && placed[0]?.idx === 0 && placed.length > 1 ? placed[1]!.start : 0;
}

/** An article's findings and the proper names it writes, read from one analysis of its working text. */
export interface CheckedArticle {
  findings: FindingToStore[];
  /** For the archive's names index. */
  names: ArticleName[];
}

/**
 * Checks the corrected article as a whole (name variants and repeats span passages, and a title
 * given apart from the text is checked as its first line) and locates
 * each finding in its passage, where the review page highlights it. Dismissed findings do not
 * count against the caps on listed findings, so dismissing listed ones brings up the next.
 */
export function checkArticle(
  article: ArticleLanguages & { separateTitle: boolean },
  passages: readonly PassageText[],
  reference: ReferenceData,
  dismissed: ReadonlySet<string>,
): FindingToStore[] {
  return checkArticleAndNames(article, passages, reference, dismissed).findings;
}

/** `checkArticle`, and the names the article writes, from the same analysis. */
export function checkArticleAndNames(
  article: ArticleLanguages & { separateTitle: boolean },
  passages: readonly PassageText[],
  reference: ReferenceData,
  dismissed: ReadonlySet<string>,
): CheckedArticle {
  const { text, placed } = correctedArticle(passages);
  if (text.trim() === '') return { findings: [], names: [] };
  const source = article.sourceText === null ? undefined : { text: article.sourceText, lang: article.sourceLang ?? undefined };
  const options = { dismissed, textStart: textStart(article.separateTitle, placed) };
  const analysed = analyse({ text, lang: article.targetLang, source }, reference);
  const findings = runChecks(analysed, options).map((f): FindingToStore => {
    const passage = passageAt(placed, f.start, f.end);
    if (!passage) return { ...f, passageIdx: null, passageStart: null, passageEnd: null };
    return { ...f, passageIdx: passage.idx, passageStart: Math.max(f.start, passage.start) - passage.start, passageEnd: Math.min(f.end, passage.end) - passage.start };
  });
  return { findings, names: articleNames(analysed) };
}
