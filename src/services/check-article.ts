import { runChecks } from '../checks/run-checks.js';
import type { Finding } from '../checks/types.js';
import type { FindingToStore } from '../db/repositories/findings.js';
import type { ReferenceData } from '../reference/index.js';
import { analyse } from '../text/analyse.js';
import { correctedArticle, passageAt, type PassageText } from './passage-layout.js';

export interface ArticleLanguages {
  targetLang: string;
  sourceLang: string | null;
  sourceText: string | null;
}

/**
 * Checks the corrected article as a whole (name variants and repeats span passages) and locates
 * each finding in its passage, where the review page highlights it. Dismissed findings do not
 * count against the caps on listed findings, so dismissing listed ones brings up the next.
 */
export function checkArticle(languages: ArticleLanguages, passages: readonly PassageText[], reference: ReferenceData, dismissed: ReadonlySet<string>): FindingToStore[] {
  const { text, placed } = correctedArticle(passages);
  const source = languages.sourceText === null ? undefined : { text: languages.sourceText, lang: languages.sourceLang ?? undefined };
  const findings: Finding[] = text.trim() === '' ? [] : runChecks(analyse({ text, lang: languages.targetLang, source }, reference), { dismissed });
  return findings.map((f): FindingToStore => {
    const passage = passageAt(placed, f.start, f.end);
    if (!passage) return { ...f, passageIdx: null, passageStart: null, passageEnd: null };
    return { ...f, passageIdx: passage.idx, passageStart: Math.max(f.start, passage.start) - passage.start, passageEnd: Math.min(f.end, passage.end) - passage.start };
  });
}
