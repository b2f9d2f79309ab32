import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { downloadName, safeFileStem } from '../../src/export/file-name.js';
import { findFormat } from '../../src/export/index.js';
import { importArticle } from '../../src/services/import.js';
import { decideProposals, editPassage } from '../../src/services/review.js';
import { takeStep } from '../../src/services/review-flow.js';
import { exportArticle, exportChoice, exportDocument } from '../../src/services/export.js';
import { testContext, testUser } from '../helpers/app.js';
import { reviewedArticle } from '../helpers/reviewed-article.js';

async function articleWithProposal(text = 'Talks resume\n\nEnvoys met in Kiev on Monday.') {
  const { ctx } = testContext();
  const translator = testUser(ctx, 'translator');
  const editor = testUser(ctx, 'editor');
  const { id } = await importArticle(ctx, { text, targetLang: 'en' });
  const passage = ctx.repos.passages.find(id, 1)!;
  await editPassage(ctx, translator, id, 1, 'Envoys met in Kyiv on Monday.', passage.version, 'terminology');
  const pick = () => [{ articleId: id, idx: 1, version: ctx.repos.passages.find(id, 1)!.version }];
  return { ctx, id, translator, editor, pick };
}

describe('exportDocument', () => {
  it('takes approved corrections only: a proposal is left out until an editor approves it, then credited to its proposer', async () => {
    const { ctx, id, translator, editor, pick } = await articleWithProposal();
    const waiting = exportDocument(ctx, id);
    expect(waiting.correctedText).toBe('Talks resume\n\nEnvoys met in Kiev on Monday.\n');
    expect(waiting.corrections).toEqual([]);
    expect(waiting).toMatchObject({ status: 'in_review', approved: false });

    await decideProposals(ctx, editor, 'approve', pick());
    takeStep(ctx, translator, id, 'submit', undefined, true);
    takeStep(ctx, editor, id, 'approve');
    const approved = exportDocument(ctx, id);
    expect(approved.correctedText).toBe('Talks resume\n\nEnvoys met in Kyiv on Monday.\n');
    expect(approved.aiText).toBe('Talks resume\n\nEnvoys met in Kiev on Monday.\n');
    expect(approved.corrections).toEqual([
      { passageIdx: 1, kind: 'edit', category: 'terminology', userName: translator.name, createdAt: expect.any(String), beforeText: 'Envoys met in Kiev on Monday.', afterText: 'Envoys met in Kyiv on Monday.' },
    ]);
    expect(approved).toMatchObject({ status: 'approved', approved: true });
    expect(approved.steps.map((s) => s.kind)).toEqual(['submitted', 'approved']);
  });

  it('does not count a rejected proposal, nor its rejection, as a correction', async () => {
    const { ctx, id, editor, pick } = await articleWithProposal();
    await decideProposals(ctx, editor, 'reject', pick(), 'Kiev is in a quotation here');
    const doc = exportDocument(ctx, id);
    expect(doc.correctedText).toBe('Talks resume\n\nEnvoys met in Kiev on Monday.\n');
    expect(doc.corrections).toEqual([]);
  });

  it('keeps a title given apart from the text out of the passages and the texts', async () => {
    const { ctx } = testContext();
    const { id } = await importArticle(ctx, { title: 'Talks in Kiev resume', text: 'Envoys met on Monday.\nThey will meet again.', targetLang: 'en' });
    const doc = exportDocument(ctx, id);
    expect(doc).toMatchObject({ title: 'Talks in Kiev resume', aiTitle: 'Talks in Kiev resume', separateTitle: true, correctedText: 'Envoys met on Monday.\nThey will meet again.\n' });
    expect(doc.passages.map((p) => p.aiText)).toEqual(['Envoys met on Monday.', 'They will meet again.']);
  });

  it('refuses an article that does not exist', async () => {
    const { ctx } = testContext();
    expect(() => exportDocument(ctx, 42)).toThrow('There is no article 42');
  });
});

describe('exportChoice', () => {
  it('takes the format’s first text when none is asked for', () => {
    expect(exportChoice('md', undefined)).toEqual({ format: findFormat('md'), text: 'corrected' });
    expect(exportChoice('md', '')).toEqual({ format: findFormat('md'), text: 'corrected' });
    expect(exportChoice('md', 'both').text).toBe('both');
  });

  it.each([
    [undefined, undefined, 'Choose an export format: txt, md, html, json'],
    ['pdf', undefined, 'There is no export format “pdf”; there are txt, md, html, json'],
    ['TXT', undefined, 'There is no export format “TXT”'],
    ['txt', 'both', 'The txt export offers the texts corrected, ai; “both” is not one of them.'],
    ['md', 'source', '“source” is not one of them'],
  ])('refuses format %j text %j with a usage error naming what there is', (format, text, message) => {
    expect(() => exportChoice(format, text)).toThrow(UsageError);
    expect(() => exportChoice(format, text)).toThrow(message);
  });
});

describe('exportArticle', () => {
  it('names the file from the corrected title, its text, and -draft until the article is approved', async () => {
    const approved = await reviewedArticle();
    const file = await exportArticle(approved.ctx, approved.id, exportChoice('md', undefined));
    expect(file).toMatchObject({ fileName: 'grain-convoy-reaches-odesa-after-talks-on-black-sea-corridor.md', mediaType: 'text/markdown; charset=utf-8' });
    expect(Buffer.isBuffer(file.bytes)).toBe(true);
    expect((await exportArticle(approved.ctx, approved.id, exportChoice('txt', 'ai'))).fileName).toBe('grain-convoy-reaches-odesa-after-talks-on-black-sea-corridor-ai.txt');

    const { ctx, id } = await articleWithProposal('Переговори відновлено\n\nПосли зустрілися.');
    const draft = await exportArticle(ctx, id, exportChoice('html', 'both'));
    expect(draft.fileName).toBe(`article-${id}-both-draft.html`);
    expect(draft.bytes.toString('utf8')).toContain('Draft — not approved (status: in review)');
  });
});

describe('file names', () => {
  it.each([
    ['Talks in Kiev', 'talks-in-kiev'],
    ['Zürich’s “café” crème — 2025', 'zurichs-cafe-creme-2025'],
    ['../../etc/passwd', 'etcpasswd'],
    ['  snake_case and   spaces  ', 'snake-case-and-spaces'],
    ['.hidden', 'hidden'],
    ['Переговори в Києві', 'fallback'],
    ['', 'fallback'],
    ['!!!', 'fallback'],
  ])('%j → %j', (title, stem) => {
    expect(safeFileStem(title, 'fallback')).toBe(stem);
  });

  it('caps a long title without leaving a hyphen at the end', () => {
    const stem = safeFileStem(`${'word '.repeat(11)}tail`, 'fallback');
    expect(stem.length).toBeLessThanOrEqual(60);
    expect(stem).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(stem.endsWith('-')).toBe(false);
  });

  it('keeps the download’s name as it was', () => {
    expect(downloadName('Talks in Kiev')).toBe('talks-in-kiev-corrected.txt');
    expect(downloadName('Переговори')).toBe('article-corrected.txt');
  });
});
