import JSZip from 'jszip';
import type { Heading, Paragraph, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { parse, type HTMLElement } from 'node-html-parser';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ExportDocument } from '../../src/export/document.js';
import type { ExportFormat, ExportText } from '../../src/export/format.js';
import type { ArticleJson } from '../../src/export/formats/json.js';
import { exportFormats, findFormat } from '../../src/export/index.js';
import { importArticle } from '../../src/services/import.js';
import { editPassage } from '../../src/services/review.js';
import { exportDocument } from '../../src/services/export.js';
import { shownText, testContext, testUser } from '../helpers/app.js';
import { DISMISSAL_REASON, reviewedArticle, type ReviewedArticle } from '../helpers/reviewed-article.js';

const format = (id: string): ExportFormat => findFormat(id) ?? expect.unreachable(`no format ${id}`);

/** What a format writes, as text: a ZIP package's (a .docx) parts joined. */
async function rendered(doc: ExportDocument, id: string, text: ExportText = 'corrected'): Promise<string> {
  const output = await format(id).render(doc, text);
  if (typeof output === 'string') return output;
  if (Buffer.from(output.subarray(0, 2)).toString('latin1') !== 'PK') return Buffer.from(output).toString('utf8');
  const parts = Object.values((await JSZip.loadAsync(output)).files);
  return (await Promise.all(parts.map((part) => part.async('string')))).join('\n');
}

/** The passages after the title line, in the text asked for, as a reader sees them: deleted ones gone. */
function bodyTexts(doc: ExportDocument, text: 'ai' | 'corrected'): string[] {
  return doc.passages
    .slice(doc.separateTitle ? 0 : 1)
    .map((p) => (text === 'ai' ? p.aiText : p.correctedText))
    .filter((t) => t !== '');
}

function markdownBlocks(markdown: string): { heading: string; paragraphs: string[] } {
  const children: RootContent[] = fromMarkdown(markdown).children;
  const [heading, ...rest] = children;
  expect(heading).toMatchObject({ type: 'heading', depth: 1 });
  for (const node of rest) expect(node.type).toBe('paragraph');
  return { heading: toString(heading as Heading), paragraphs: (rest as Paragraph[]).map((p) => toString(p)) };
}

const DRAFT = 'Draft — not approved (status: awaiting approval)';

describe('export formats on the reviewed demo article', () => {
  let reviewed: ReviewedArticle;
  let doc: ExportDocument;
  let draft: ExportDocument;

  beforeAll(async () => {
    reviewed = await reviewedArticle();
    doc = exportDocument(reviewed.ctx, reviewed.id);
    const unapproved = await reviewedArticle(undefined, { approve: false });
    draft = exportDocument(unapproved.ctx, unapproved.id);
  }, 60_000);

  it('the review changed the text: the corrected and AI texts differ, one passage was deleted, the title stayed the first line', () => {
    expect(doc.approved).toBe(true);
    expect(doc.correctedText).not.toBe(doc.aiText);
    expect(doc.passages.some((p) => p.correctedText === '')).toBe(true);
    expect(doc.separateTitle).toBe(false);
  });

  it('registers each format once, with the texts it offers', () => {
    expect(exportFormats.map((f) => f.id)).toEqual(expect.arrayContaining(['txt', 'md', 'html', 'json']));
    expect(new Set(exportFormats.map((f) => f.id)).size).toBe(exportFormats.length);
    expect(format('txt').texts).toEqual(['corrected', 'ai']);
    expect(findFormat('docx.exe')).toBeUndefined();
  });

  describe('txt', () => {
    it('is the plain text the download gives, corrected or AI', async () => {
      expect(await rendered(doc, 'txt')).toBe(doc.correctedText);
      expect(await rendered(doc, 'txt', 'ai')).toBe(doc.aiText);
      expect(await rendered(doc, 'txt')).toContain('The figures were confirmed by the ministry.');
    });

    it('says first that a draft is not approved', async () => {
      expect(await rendered(draft, 'txt')).toBe(`${DRAFT}\n\n${draft.correctedText}`);
    });
  });

  describe('md', () => {
    it('reads back as the title heading and one paragraph per passage left', async () => {
      expect(markdownBlocks(await rendered(doc, 'md'))).toEqual({ heading: doc.title, paragraphs: bodyTexts(doc, 'corrected') });
      expect(markdownBlocks(await rendered(doc, 'md', 'ai'))).toEqual({ heading: doc.aiTitle, paragraphs: bodyTexts(doc, 'ai') });
    });

    it('labels each passage’s AI and corrected text in "both", a deleted one as deleted', async () => {
      const { heading, paragraphs } = markdownBlocks(await rendered(doc, 'md', 'both'));
      expect(heading).toBe(doc.title);
      const body = doc.passages.slice(1);
      expect(paragraphs).toEqual(body.flatMap((p) => [`AI text: ${p.aiText}`, `Corrected text: ${p.correctedText || '(deleted)'}`]));
    });

    it('puts the draft notice after the heading', async () => {
      const { paragraphs } = markdownBlocks(await rendered(draft, 'md'));
      expect(paragraphs).toEqual([DRAFT, ...bodyTexts(draft, 'corrected')]);
    });
  });

  describe('html', () => {
    let page: HTMLElement;
    beforeAll(async () => {
      page = parse(await rendered(doc, 'html'));
    });

    it('is a standalone HTML5 document in the article’s language with its title and paragraphs', async () => {
      expect(await rendered(doc, 'html')).toMatch(/^<!doctype html>\n/);
      expect(page.querySelector('html')?.getAttribute('lang')).toBe('en');
      expect(page.querySelector('title')?.text).toBe(doc.title);
      expect(page.querySelector('h1')?.text).toBe(doc.title);
      expect(page.querySelectorAll('article p').map((p) => p.text)).toEqual(bodyTexts(doc, 'corrected'));
    });

    it('runs nothing and loads nothing from elsewhere', () => {
      expect(page.querySelectorAll('script, link, img, iframe, object, embed, base')).toEqual([]);
      const addresses = page.querySelectorAll('*').flatMap((element) => Object.values(element.attributes));
      expect(addresses.filter((value) => /^\s*(https?:|\/\/|javascript:)/i.test(value))).toEqual([]);
      expect(page.querySelector('style')?.text).not.toMatch(/url\(|@import/);
    });

    it('labels "both" and says a draft is one', async () => {
      const both = parse(await rendered(draft, 'html', 'both'));
      expect(shownText(both.querySelector('.draft-notice')!)).toBe(DRAFT);
      const labelled = both.querySelectorAll('article p:not(.draft-notice)').map(shownText);
      expect(labelled).toEqual(draft.passages.slice(1).flatMap((p) => [`AI text: ${p.aiText}`, `Corrected text: ${p.correctedText || '(deleted)'}`]));
    });
  });

  describe('json', () => {
    const Step = z.strictObject({ kind: z.enum(['submitted', 'approved', 'sent_back', 'assigned', 'reimported']), by: z.string().nullable(), at: z.iso.datetime(), comment: z.string().nullable() });
    const Shape = z.strictObject({
      format: z.literal('translation-workbench/article'),
      version: z.literal(1),
      id: z.number().int(),
      externalId: z.string().nullable(),
      title: z.string(),
      aiTitle: z.string(),
      separateTitle: z.boolean(),
      targetLang: z.string(),
      sourceLang: z.string().nullable(),
      status: z.enum(['new', 'in_review', 'awaiting_approval', 'approved']),
      approved: z.boolean(),
      notice: z.string().nullable(),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      aiText: z.string(),
      correctedText: z.string(),
      passages: z.array(z.strictObject({ idx: z.number().int(), sourceText: z.string().nullable(), aiText: z.string(), correctedText: z.string(), deleted: z.boolean() })),
      findings: z.array(
        z.strictObject({
          fingerprint: z.string(),
          check: z.string(),
          severity: z.enum(['error', 'warning', 'info']),
          message: z.string(),
          text: z.string(),
          passageIdx: z.number().int().nullable(),
          passageStart: z.number().int().nullable(),
          passageEnd: z.number().int().nullable(),
          state: z.enum(['open', 'dismissed']),
          dismissalReason: z.string().nullable(),
        }),
      ),
      corrections: z.array(
        z.strictObject({
          passageIdx: z.number().int(),
          kind: z.enum(['edit', 'revert', 'fix', 'spelling', 'restore', 'reject']),
          category: z.enum(['name', 'number', 'terminology', 'omission-addition', 'accuracy', 'fluency', 'style', 'boilerplate']).nullable(),
          by: z.string(),
          at: z.iso.datetime(),
          before: z.string(),
          after: z.string(),
        }),
      ),
      steps: z.array(Step),
    });

    it('has the documented shape, and the type says the same', async () => {
      expectTypeOf<z.infer<typeof Shape>>().toEqualTypeOf<ArticleJson>();
      Shape.parse(JSON.parse(await rendered(doc, 'json')));
      Shape.parse(JSON.parse(await rendered(draft, 'json')));
    });

    it('carries the review: passages with every text, the dismissal and its reason, who corrected what, the steps', async () => {
      const data = JSON.parse(await rendered(doc, 'json')) as ArticleJson;
      expect(data).toMatchObject({ id: reviewed.id, title: doc.title, targetLang: 'en', status: 'approved', approved: true, notice: null, correctedText: doc.correctedText });
      expect(data.passages.map((p) => p.correctedText)).toEqual(doc.passages.map((p) => p.correctedText));
      expect(data.passages.map((p) => p.aiText)).toEqual(doc.passages.map((p) => p.aiText));
      expect(data.findings.filter((f) => f.state === 'dismissed')).toEqual([expect.objectContaining({ fingerprint: reviewed.dismissed.fingerprint, check: reviewed.dismissed.check, dismissalReason: DISMISSAL_REASON })]);
      expect(data.corrections.find((c) => c.passageIdx === reviewed.editedIdx && c.kind === 'edit')).toMatchObject({ by: reviewed.translator.name, category: 'omission-addition' });
      expect(data.corrections.filter((c) => c.kind === 'fix').length).toBeGreaterThan(3);
      expect(data.steps.map((s) => [s.kind, s.by])).toEqual([
        ['submitted', reviewed.translator.name],
        ['approved', reviewed.editor.name],
      ]);
      // Every text choice gives the same document: the passages carry them all.
      expect(await rendered(doc, 'json', 'both')).toBe(await rendered(doc, 'json', 'ai'));
    });

    it('marks a draft', async () => {
      expect(JSON.parse(await rendered(draft, 'json'))).toMatchObject({ status: 'awaiting_approval', approved: false, notice: DRAFT });
    });
  });

  it('every format and text of a draft says it is one', async () => {
    for (const f of exportFormats) {
      for (const text of f.texts) expect(await rendered(draft, f.id, text)).toContain(DRAFT);
    }
  });
});

describe('text that looks like markup', () => {
  const lines = ['Markup in the news', '* not a list item', '# not a heading', '1. not a numbered item', 'Stars *around* and _under_ <b>tags</b> & [a](link)', '> not a quote', '<script>alert(1)</script>'];

  let doc: ExportDocument;
  beforeAll(async () => {
    const { ctx } = testContext();
    const { id } = await importArticle(ctx, { text: lines.join('\n\n'), targetLang: 'en-GB' });
    doc = exportDocument(ctx, id);
  });

  it('stays text in Markdown', async () => {
    expect(markdownBlocks(await rendered(doc, 'md'))).toEqual({ heading: lines[0], paragraphs: [DRAFT.replace('awaiting approval', 'new'), ...lines.slice(1)] });
  });

  it('stays text in HTML, whose lang is the target language', async () => {
    const page = parse(await rendered(doc, 'html'));
    expect(page.querySelector('html')?.getAttribute('lang')).toBe('en-GB');
    expect(page.querySelectorAll('script, b, a')).toEqual([]);
    expect(page.querySelectorAll('article p:not(.draft-notice)').map((p) => p.text)).toEqual(lines.slice(1));
  });
});

describe('a title given apart from the text, then corrected', () => {
  let doc: ExportDocument;
  beforeAll(async () => {
    const { ctx } = testContext();
    const { id } = await importArticle(ctx, { title: 'Talks in Kiev resume', text: 'Envoys met on Monday.\nThey will meet again.', targetLang: 'en' });
    await editPassage(ctx, testUser(ctx, 'editor'), id, 0, 'Talks in Kyiv resume', 1, 'terminology');
    doc = exportDocument(ctx, id);
  });

  it('heads the document, and every line of the text is a paragraph', async () => {
    expect(markdownBlocks(await rendered(doc, 'md'))).toEqual({ heading: 'Talks in Kyiv resume', paragraphs: [DRAFT.replace('awaiting approval', 'in review'), 'Envoys met on Monday.', 'They will meet again.'] });
    expect(markdownBlocks(await rendered(doc, 'md', 'ai')).heading).toBe('Talks in Kiev resume');
  });

  it('shows the AI title under the corrected one in "both"', async () => {
    const page = parse(await rendered(doc, 'html', 'both'));
    expect(page.querySelector('h1')?.text).toBe('Talks in Kyiv resume');
    expect(page.querySelectorAll('article p:not(.draft-notice)').map(shownText).slice(0, 2)).toEqual(['AI title: Talks in Kiev resume', 'AI text: Envoys met on Monday.']);
  });
});
