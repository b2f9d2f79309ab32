import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { editPassage } from '../../src/services/review.js';
import { clientAs, testApp } from '../helpers/app.js';

// Our own lines: a title and two sentences a translator rewrites.
const TEXT = 'Harbour works start\n\nCranes arrive at the north quay this week.\n\nThe quay stays open to ferries.\n';

async function setup() {
  const { app, ctx, web } = testApp();
  const translator = clientAs(app, ctx, 'translator');
  const { id } = await importArticle(ctx, { text: TEXT });
  return { ctx, web, translator, id };
}

/** The page a step returns to, followed, and the notice it says there. */
async function noticeAfter(client: { get(url: string): PromiseLike<{ text: string }> }, location: string): Promise<string | undefined> {
  return parse((await client.get(location)).text).querySelector('.alert[role="status"]')?.text.trim();
}

describe('the review steps that reload the page land on it saying what they did', () => {
  it('submit, send back, assign, unassign and approve each return to the article with their notice', async () => {
    const { web, translator, id } = await setup();
    const steps: [typeof web, string, Record<string, string>, string][] = [
      [translator, 'submit', {}, 'Submitted for approval. An editor approves the article or sends it back.'],
      [web, 'send-back', { comment: 'The quay: which one?' }, 'Sent back for more work, with your comment for the translator.'],
      [web, 'assign', { assignee: 'translator' }, 'Assignment saved: the article is in the assignee’s queue.'],
      [web, 'assign', { assignee: '' }, 'The article is assigned to nobody now.'],
      [translator, 'submit', {}, 'Submitted for approval. An editor approves the article or sends it back.'],
      [web, 'approve', {}, 'Article approved: exports give the approved text.'],
    ];
    for (const [client, step, fields, notice] of steps) {
      const location = (await client.post(`/articles/${id}/${step}`, fields).expect(303)).headers.location!;
      expect(location).toMatch(new RegExp(`^/articles/${id}\\?done=`));
      expect(await noticeAfter(client, location)).toBe(notice);
    }
  });

  it('“Approve all and the article” is offered while proposals wait on a submitted article, and approves both in one post', async () => {
    const { ctx, web, translator, id } = await setup();
    await editPassage(ctx, translator.user, id, 1, 'Cranes arrive at the northern quay this week.', 1, 'style');
    await editPassage(ctx, translator.user, id, 2, 'The quay stays open to the ferries.', 1, 'style');
    // Not before the article is submitted: approving it is not open yet.
    expect((await web.get(`/articles/${id}`).expect(200)).text).not.toContain('approve-with-proposals');
    await translator.post(`/articles/${id}/submit`).expect(303);
    const page = parse((await web.get(`/articles/${id}`).expect(200)).text);
    const form = page.querySelector(`form[action="/articles/${id}/approve-with-proposals"]`)!;
    expect(form.querySelector('button')!.text).toBe('Approve all 2 proposals and the article');
    const picks = form.querySelectorAll('input[name="pick"]').map((input) => input.getAttribute('value')!);
    expect(picks).toEqual([`${id}:1:2`, `${id}:2:2`]);
    // The article alone is not offered while they wait: approving it would be refused.
    expect(page.querySelector(`form[action="/articles/${id}/approve"]`)).toBeNull();
    // A translator is offered neither.
    expect((await translator.get(`/articles/${id}`).expect(200)).text).not.toContain('approve-with-proposals');

    // A stale form approves nothing.
    await web.post(`/articles/${id}/approve-with-proposals`, { pick: picks[0]! }).expect(409);
    expect(ctx.repos.passages.pendingOf(id)).toHaveLength(2);
    const location = (await web.post(`/articles/${id}/approve-with-proposals`, { pick: picks as unknown as string }).expect(303)).headers.location!;
    expect(location).toBe(`/articles/${id}?done=approved-with-proposals`);
    expect(await noticeAfter(web, location)).toBe('The waiting proposals and the article are approved: exports give the approved text.');
    expect(ctx.repos.passages.pendingOf(id)).toEqual([]);
    expect(ctx.repos.articles.findSummary(id)!.status).toBe('approved');
  });
});
