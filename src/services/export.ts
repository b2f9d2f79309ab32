import type { ExportDocument } from '../export/document.js';
import type { ServiceContext } from './context.js';
import { correctedArticle } from './passage-layout.js';
import { requireArticle } from './review.js';

/** The article as every export format sees it: approved text only, read on one snapshot. */
export function exportDocument(ctx: ServiceContext, id: number): ExportDocument {
  return ctx.repos.snapshot(() => {
    const article = requireArticle(ctx, id);
    const stored = ctx.repos.passages.ofArticle(id);
    const titlePassage = stored.find((p) => p.idx === 0);
    const passages = (article.separateTitle ? stored.filter((p) => p.idx !== 0) : stored).map((p) => ({
      idx: p.idx,
      gapBefore: p.gapBefore,
      sourceText: p.sourceText,
      aiText: p.aiText,
      correctedText: p.approvedText,
    }));
    const corrections = ctx.repos.passageEvents
      .ofArticle(id)
      .filter((e) => e.status === 'approved')
      .reverse()
      .map((e) => ({
        passageIdx: e.passageIdx,
        kind: e.kind,
        category: e.category,
        userName: e.userName,
        createdAt: e.createdAt,
        beforeText: e.beforeText,
        afterText: e.afterText,
      }));
    return {
      id: article.id,
      externalId: ctx.repos.articles.externalIdOf(id),
      title: article.title,
      aiTitle: titlePassage?.aiText ?? article.title,
      separateTitle: article.separateTitle,
      targetLang: article.targetLang,
      sourceLang: article.sourceLang,
      status: article.status,
      approved: article.status === 'approved',
      createdAt: article.createdAt,
      updatedAt: article.updatedAt,
      passages,
      aiText: `${correctedArticle(passages.map((p) => ({ ...p, correctedText: p.aiText }))).text}\n`,
      correctedText: `${correctedArticle(passages).text}\n`,
      findings: ctx.repos.findings.ofArticle(id),
      fixedFindings: ctx.repos.findings.fixedOf(id),
      corrections,
      steps: ctx.repos.articleEvents.ofArticle(id).reverse(),
    };
  });
}
