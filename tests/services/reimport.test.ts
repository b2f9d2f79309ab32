import { describe, expect, it } from 'vitest';
import { articleHistory, correctedText } from '../../src/services/articles.js';
import { ValidationError } from '../../src/errors.js';
import { importArticle } from '../../src/services/import.js';
import { addComment, confirmPassage, editPassage } from '../../src/services/review.js';
import { testContext, testUser } from '../helpers/app.js';

const first = ['Talks in Kiev', 'The first paragraph stays as it was.', 'The second paragraph will be rewritten by the CMS.', 'The third paragraph is dropped.', 'The last paragraph stays too.'].join('\n\n');
const second = ['Talks in Kiev', 'A new opening paragraph arrives.', 'The first paragraph stays as it was.', 'The second paragraph was rewritten by the CMS.', 'The last paragraph stays too.'].join('\n\n');

describe('re-importing by external id', () => {
  it('updates the article: unchanged passages keep their corrections, changed ones are kept for re-review', async () => {
    const { ctx } = testContext();
    const editor = testUser(ctx, 'editor');
    const { id, created } = await importArticle(ctx, { text: first, externalId: 'cms-42' });
    expect(created).toBe(true);
    await editPassage(ctx, editor, id, 1, 'The first paragraph, corrected.', 1, 'style');
    await editPassage(ctx, editor, id, 2, 'The second paragraph, corrected.', 1, 'style');
    await editPassage(ctx, editor, id, 3, 'The third paragraph, corrected.', 1, 'style');
    await addComment(ctx, editor, id, 1, 'About the first paragraph.');
    await addComment(ctx, editor, id, 3, 'Is the third paragraph needed at all?');

    const again = await importArticle(ctx, { text: second, externalId: 'cms-42', actor: editor });
    expect(again).toMatchObject({ id, created: false });
    const passages = ctx.repos.passages.ofArticle(id);
    expect(passages.map((p) => [p.aiText.slice(0, 20), p.correctedText.slice(0, 24), p.needsReview])).toEqual([
      ['Talks in Kiev', 'Talks in Kiev', false],
      ['A new opening paragr', 'A new opening paragraph ', false],
      ['The first paragraph ', 'The first paragraph, cor', false],
      ['The second paragraph', 'The second paragraph, co', true],
      ['The last paragraph s', 'The last paragraph stays', false],
    ]);
    // The comment and history follow their passage to its new place; the dropped passage's history stays, marked gone.
    expect(ctx.repos.passageComments.ofPassage(id, 2).map((c) => c.body)).toEqual(['About the first paragraph.']);
    const events = ctx.repos.passageEvents.ofArticle(id);
    expect(events.find((e) => e.afterText.startsWith('The first'))!.passageIdx).toBe(2);
    expect(events.find((e) => e.afterText.startsWith('The third'))!.passageIdx).toBe(-1);
    // The dropped passage's comments are kept and listed with the history.
    expect(articleHistory(ctx, id).removedPassageComments.map((c) => c.body)).toEqual(['Is the third paragraph needed at all?']);
    expect(ctx.repos.articleEvents.ofArticle(id)[0]).toMatchObject({ kind: 'reimported', userName: 'editor' });
    expect(ctx.repos.findings.ofArticle(id).some((f) => f.text === 'Kiev')).toBe(true);
    expect(correctedText(ctx, id).text).toContain('The second paragraph, corrected.');

    // Someone looks again: the correction holds.
    await confirmPassage(ctx, id, 3, passages[3]!.version);
    expect(ctx.repos.passages.find(id, 3)!.needsReview).toBe(false);
    // Other external ids and none at all make new articles.
    expect(((await importArticle(ctx, { text: second, externalId: 'cms-43' }))).created).toBe(true);
    expect(((await importArticle(ctx, { text: second }))).created).toBe(true);
    await expect(importArticle(ctx, { text: second, externalId: '../etc passwd' })).rejects.toThrow(ValidationError);
  });
});
