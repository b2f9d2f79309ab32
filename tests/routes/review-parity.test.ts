import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { editPassage, revertPassage } from '../../src/services/review.js';
import { takeStep } from '../../src/services/review-flow.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { User } from '../../src/db/repositories/users.js';
import { clientAs, testApp } from '../helpers/app.js';

/**
 * The review page, the editor's queue, the API and the export are four views of one state: for
 * every state a passage can be in, they say the same current text, the same waiting proposal
 * with the same diff, and the export the same approved text.
 */

const FIRST = 'The harbour opened again on Tuesday once the gale had passed.';
const AI = 'Trawlers were back at the jetty before midday.';
const LAST = 'Volunteers who cleared the coast road got thanks from the council.';
const REIMPORTED_AI = 'Trawlers were back at the jetty well before midday.';
const APPROVED = 'The trawlers were back at the jetty before noon.';
const PROPOSED = 'The fishing boats were back at the jetty before noon.';
const IDX = 1;

interface Actors {
  ctx: ServiceContext;
  id: number;
  editor: User;
  translator: User;
}

interface PassageState {
  state: string;
  /** Brings passage IDX of an article with the AI text FIRST, AI, LAST into the state. */
  setUp(a: Actors): Promise<void>;
  /** The AI text of the passage once set up. */
  ai: string;
  /** The working text (with the proposal), empty when deleted. */
  current: string;
  /** The text exports take, empty when deleted. */
  approved: string;
  proposal: boolean;
  needsReview?: boolean;
}

const edit = async (a: Actors, who: User, text: string): Promise<void> => {
  await editPassage(a.ctx, who, a.id, IDX, text, a.ctx.repos.passages.find(a.id, IDX)!.version, 'fluency');
};

const STATES: PassageState[] = [
  { state: 'AI text', setUp: async () => {}, ai: AI, current: AI, approved: AI, proposal: false },
  { state: 'approved correction', setUp: (a) => edit(a, a.editor, APPROVED), ai: AI, current: APPROVED, approved: APPROVED, proposal: false },
  { state: 'proposal on top of the AI text', setUp: (a) => edit(a, a.translator, PROPOSED), ai: AI, current: PROPOSED, approved: AI, proposal: true },
  {
    state: 'proposal on top of an approved correction',
    setUp: async (a) => {
      await edit(a, a.editor, APPROVED);
      await edit(a, a.translator, PROPOSED);
    },
    ai: AI,
    current: PROPOSED,
    approved: APPROVED,
    proposal: true,
  },
  {
    state: 'revert proposal',
    setUp: async (a) => {
      await edit(a, a.editor, APPROVED);
      await revertPassage(a.ctx, a.translator, a.id, IDX, a.ctx.repos.passages.find(a.id, IDX)!.version);
    },
    ai: AI,
    current: AI,
    approved: APPROVED,
    proposal: true,
  },
  { state: 'deletion', setUp: (a) => edit(a, a.editor, ''), ai: AI, current: '', approved: '', proposal: false },
  { state: 'deletion proposal', setUp: (a) => edit(a, a.translator, ''), ai: AI, current: '', approved: AI, proposal: true },
  {
    state: 're-review after re-import',
    setUp: async (a) => {
      await edit(a, a.editor, APPROVED);
      await importArticle(a.ctx, { text: article(REIMPORTED_AI), externalId: 'parity' });
    },
    ai: REIMPORTED_AI,
    current: APPROVED,
    approved: APPROVED,
    proposal: false,
    needsReview: true,
  },
  {
    state: 'proposal on top of the AI text, then a re-import',
    setUp: async (a) => {
      await edit(a, a.translator, PROPOSED);
      await importArticle(a.ctx, { text: article(REIMPORTED_AI), externalId: 'parity' });
    },
    ai: REIMPORTED_AI,
    current: PROPOSED,
    approved: REIMPORTED_AI,
    proposal: true,
    needsReview: true,
  },
  {
    state: 'revert proposal, then a re-import',
    setUp: async (a) => {
      await edit(a, a.editor, APPROVED);
      await revertPassage(a.ctx, a.translator, a.id, IDX, a.ctx.repos.passages.find(a.id, IDX)!.version);
      await importArticle(a.ctx, { text: article(REIMPORTED_AI), externalId: 'parity' });
    },
    ai: REIMPORTED_AI,
    current: REIMPORTED_AI,
    approved: APPROVED,
    proposal: true,
  },
];

function article(middle: string): string {
  return `${FIRST}\n\n${middle}\n\n${LAST}\n`;
}

/** The article's text with the passage's text in the middle (left out with its gap when empty), as exports give it. */
function articleWith(middle: string): string {
  return [FIRST, middle, LAST].filter((p) => p !== '').join('\n\n') + '\n';
}

/** A rendered word diff's two sides: the text before (without insertions) and after (without deletions), screen-reader words left out. */
function sides(diff: HTMLElement): { before: string; after: string } {
  const side = (drop: string) => {
    const copy = parse(diff.innerHTML);
    for (const el of copy.querySelectorAll(`.visually-hidden, ${drop}`)) el.remove();
    return copy.text.trim();
  };
  return { before: side('ins'), after: side('del') };
}

async function views(s: PassageState) {
  const { app, ctx, web } = testApp();
  const translator = clientAs(app, ctx, 'translator').user;
  const { id } = await importArticle(ctx, { text: article(AI), externalId: 'parity' });
  await s.setUp({ ctx, id, editor: web.user, translator });
  const page = parse((await web.get(`/articles/${id}`).expect(200)).text);
  const queue = parse((await web.get('/queue').expect(200)).text);
  const api = (await web.api.get(`/api/articles/${id}`).expect(200)).body as { correctedText: string; workingText: string };
  const exported = (await web.get(`/articles/${id}/corrected.txt`).expect(200)).text;
  const row = page.querySelector(`#p-${IDX}`)!;
  const entry = queue.querySelectorAll('li.history-entry').find((li) => li.querySelector(`a[href="/articles/${id}#p-${IDX}"]`));
  return { id, row, entry, api, exported };
}

describe('four views of one passage state', () => {
  it.each(STATES)('$state: the review page, the queue, the API and the export agree', async (s) => {
    const { row, entry, api, exported } = await views(s);

    // The review page: one diff, from the approved text when a proposal waits, else from the AI text.
    const diffs = row.querySelectorAll('.diff');
    expect(diffs).toHaveLength(1);
    expect(row.querySelectorAll('del, ins')).toHaveLength(diffs[0]!.querySelectorAll('del, ins').length);
    const page = sides(diffs[0]!);
    expect(page.after).toBe(s.current);
    expect(page.before).toBe(s.proposal ? s.approved : s.ai);
    expect(row.querySelector('.proposal') !== null).toBe(s.proposal);
    expect(row.querySelectorAll('form[action$="/approve"], form[action$="/reject"]')).toHaveLength(s.proposal ? 2 : 0);
    expect(row.classList.contains('is-proposed')).toBe(s.proposal);
    expect(row.classList.contains('is-deleted')).toBe(s.current === '');
    expect(row.classList.contains('needs-review')).toBe(s.needsReview ?? false);
    // Revert is offered where it would change something.
    expect(row.querySelector('form[action$="/revert"]') !== null).toBe(s.current !== s.ai);

    // The queue lists the same proposal with the same diff.
    expect(entry !== undefined).toBe(s.proposal);
    const queued = entry ? sides(entry.querySelector('.diff')!) : null;
    expect(queued).toEqual(s.proposal ? page : null);

    // The API's working text holds the proposal; its corrected text and the export the approved text only.
    expect(api.workingText).toBe(articleWith(s.current));
    expect(api.correctedText).toBe(articleWith(s.approved));
    expect(exported).toBe(api.correctedText);
  });
});

describe('approving an article while a proposal waits', () => {
  it('is refused with a 409 page that leads back to the passage that blocks', async () => {
    const s = STATES.find((x) => x.state === 'revert proposal')!;
    const { app, ctx, web } = testApp();
    const translator = clientAs(app, ctx, 'translator').user;
    const { id } = await importArticle(ctx, { text: article(AI) });
    await s.setUp({ ctx, id, editor: web.user, translator });
    takeStep(ctx, translator, id, 'submit');
    const refused = parse((await web.post(`/articles/${id}/approve`).expect(409)).text);
    expect(refused.querySelector('.error-page')!.text).toContain('passage 2');
    expect(refused.querySelector('.error-page a')!.getAttribute('href')).toBe(`/articles/${id}#p-${IDX}`);
  });
});
