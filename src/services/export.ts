import type { ExportDocument } from '../export/document.js';
import { exportFileName } from '../export/file-name.js';
import type { ExportFormat, ExportText } from '../export/format.js';
import { exportFormats, findFormat } from '../export/index.js';
import { UsageError } from '../errors.js';
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
      // A rejection is stored as an editor's approved change back to the approved text; it corrects nothing.
      .filter((e) => e.status === 'approved' && e.kind !== 'reject')
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
      correctedTitle: titlePassage?.approvedText ?? article.title,
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

/** A format and one of the texts it gives, as `?format=&text=` and `--format --text` choose them. */
export interface ExportChoice {
  format: ExportFormat;
  text: ExportText;
}

/** The format and text asked for; no text means the format's first. Unknown ones are refused with those there are. */
export function exportChoice(formatId: string | undefined, text: string | undefined): ExportChoice {
  const ids = exportFormats.map((f) => f.id).join(', ');
  if (!formatId) throw new UsageError(`Choose an export format: ${ids}.`);
  const format = findFormat(formatId);
  if (!format) throw new UsageError(`There is no export format “${formatId}”; there are ${ids}.`);
  if (!text) return { format, text: format.texts[0]! };
  const offered = format.texts.find((t) => t === text);
  if (!offered) throw new UsageError(`The ${format.id} export offers the texts ${format.texts.join(', ')}; “${text}” is not one of them.`);
  return { format, text: offered };
}

/** An export as a file: what every way in (the page, the API, the command line) sends or writes, byte for byte. */
export interface ExportFile {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

export async function exportArticle(ctx: ServiceContext, id: number, choice: ExportChoice): Promise<ExportFile> {
  return exportFile(exportDocument(ctx, id), choice);
}

/** The article read already, rendered: the single export and each file of a ZIP export alike. */
export async function exportFile(doc: ExportDocument, { format, text }: ExportChoice): Promise<ExportFile> {
  const rendered = await format.render(doc, text);
  const bytes = typeof rendered === 'string' ? Buffer.from(rendered, 'utf8') : Buffer.from(rendered.buffer, rendered.byteOffset, rendered.byteLength);
  return { fileName: exportFileName(doc, format, text), mediaType: format.mediaType, bytes };
}
