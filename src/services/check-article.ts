import { runChecks } from '../checks/run-checks.js';
import type { Finding } from '../checks/types.js';
import type { FindingToStore } from '../db/repositories/findings.js';
import { renderDiffHtml, wordDiff, type Highlight } from '../lib/diff/index.js';
import type { ReferenceData } from '../reference/index.js';
import { analyse } from '../text/analyse.js';
import { correctedArticle, passageAt, type PassageText } from './passage-layout.js';

export interface ArticleLanguages {
  targetLang: string;
  sourceLang: string | null;
  sourceText: string | null;
}

export interface CheckedArticle {
  findings: FindingToStore[];
  /** Every passage's diff against its AI text, with its open findings highlighted. */
  diffHtml: Map<number, string>;
}

/**
 * Checks the corrected article as a whole (name variants and repeats span passages), locates
 * each finding in its passage, and renders each passage's diff with its open findings.
 */
export function checkArticle(
  languages: ArticleLanguages,
  passages: readonly PassageText[],
  reference: ReferenceData,
  dismissed: ReadonlySet<string>,
): CheckedArticle {
  const { text, placed } = correctedArticle(passages);
  const source = languages.sourceText === null ? undefined : { text: languages.sourceText, lang: languages.sourceLang ?? undefined };
  const findings: Finding[] = text.trim() === '' ? [] : runChecks(analyse({ text, lang: languages.targetLang, source }, reference));

  const highlights = new Map<number, Highlight[]>();
  const located = findings.map((f): FindingToStore => {
    const passage = passageAt(placed, f.start, f.end);
    if (!passage) return { ...f, passageIdx: null, passageStart: null, passageEnd: null };
    const passageStart = Math.max(f.start, passage.start) - passage.start;
    const passageEnd = Math.min(f.end, passage.end) - passage.start;
    if (!dismissed.has(f.fingerprint)) {
      const list = highlights.get(passage.idx) ?? [];
      list.push({ start: passageStart, end: passageEnd, id: f.fingerprint, severity: f.severity, label: `flagged by ${f.check}` });
      highlights.set(passage.idx, list);
    }
    return { ...f, passageIdx: passage.idx, passageStart, passageEnd };
  });

  const diffHtml = new Map<number, string>();
  for (const p of passages) {
    diffHtml.set(p.idx, renderDiffHtml(wordDiff(p.aiText, p.correctedText).parts, highlights.get(p.idx)));
  }
  return { findings: located, diffHtml };
}
