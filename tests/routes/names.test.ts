import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { importArticle } from '../../src/services/import.js';
import { termEntries } from '../../src/services/termbase.js';
import { clientAs, reference, testConfig, testContext } from '../helpers/app.js';

function envoyArticle(spelling: string, n: number): string {
  return `Talks resume in Geneva, round ${n}\n\nThe envoy ${spelling} arrived in Geneva on Monday for the round.`;
}

async function archive(spellings: readonly string[]) {
  const { db, ctx } = testContext();
  const ids: number[] = [];
  for (const [i, spelling] of spellings.entries()) ids.push((await importArticle(ctx, { text: envoyArticle(spelling, i) })).id);
  return { ctx, ids, app: createApp({ db, config: testConfig, reference, log: () => {} }) };
}

describe('the Names page', () => {
  it('lists the names, the contested first, with their spellings and article counts, to translators too', async () => {
    const { app, ctx } = await archive(['Witkoff', 'Vitkoff', 'Witkoff']);
    const page = await clientAs(app, ctx, 'translator').get('/names').expect(200);
    expect(page.text).toContain('<a href="/names" aria-current="page">Names</a>');
    const rows = [...page.text.matchAll(/<a href="\/names\/([^"]+)">/g)].map((m) => m[1]);
    expect(rows[0]).toBe('vitkof');
    expect(rows).toContain('geneva');
    expect(page.text).toMatch(/Witkoff\s*<span class="muted">\(2\)<\/span>[\s\S]*Vitkoff\s*<span class="muted">\(1\)<\/span>/);
    expect(page.text).toContain('67 %');

    const contested = await clientAs(app, ctx, 'translator').get('/names?contested=1').expect(200);
    expect([...contested.text.matchAll(/<a href="\/names\/([^"]+)">/g)].map((m) => m[1])).toEqual(['vitkof']);
  });

  it('pages the list and refuses a page that is no number', async () => {
    const { app, ctx } = await archive(['Witkoff']);
    const client = clientAs(app, ctx, 'editor');
    await client.get('/names?page=two').expect(422);
    await client.get('/names?page=99').expect(200);
  });

  it('lists a name’s articles by spelling, linked, and answers 404 for a name no article writes', async () => {
    const { app, ctx, ids } = await archive(['Witkoff', 'Vitkoff', 'Witkoff']);
    const client = clientAs(app, ctx, 'editor');
    const page = await client.get('/names/vitkof').expect(200);
    const witkoff = page.text.slice(page.text.indexOf('id="spelling-0"'), page.text.indexOf('id="spelling-1"'));
    expect(witkoff).toContain('Witkoff');
    expect(witkoff).toContain(`href="/articles/${ids[0]}"`);
    expect(witkoff).toContain(`href="/articles/${ids[2]}"`);
    expect(page.text.slice(page.text.indexOf('id="spelling-1"'))).toContain(`href="/articles/${ids[1]}"`);
    await client.get('/names/nobody').expect(404);
  });
});

describe('make house form', () => {
  it('proposes the chosen spelling in every article that writes the name otherwise; an editor then approves the proposals', async () => {
    const { app, ctx, ids } = await archive(['Witkoff', 'Vitkoff', 'Witkoff', 'Vitkoff']);
    const editor = clientAs(app, ctx, 'editor');
    const page = await editor.get('/names/vitkof').expect(200);
    expect(page.text).toContain('action="/names/vitkof/house-form"');
    expect(page.text).toMatch(/<option value="person" selected>/);
    const translatorPage = await clientAs(app, ctx, 'translator').get('/names/vitkof').expect(200);
    expect(translatorPage.text).not.toContain('house-form');

    const made = await editor.post('/names/vitkof/house-form', { spelling: 'Witkoff', kind: 'person' }).expect(303);
    expect(made.headers.location).toBe('/names/vitkof?done=house-form');
    const after = await editor.get(made.headers.location!).expect(200);
    expect(after.text).toContain('The house form is a term now');
    expect(termEntries(ctx).find((t) => t.preferred === 'Witkoff')).toMatchObject({ variants: ['Vitkoff'], kind: 'person' });

    // Proposals: the working text changed, the approved text not yet.
    const proposed = [ids[1]!, ids[3]!].map((id) => ctx.repos.passages.ofArticle(id)[1]!);
    expect(proposed.map((p) => [p.correctedText, p.approvedText])).toEqual([
      ['The envoy Witkoff arrived in Geneva on Monday for the round.', 'The envoy Vitkoff arrived in Geneva on Monday for the round.'],
      ['The envoy Witkoff arrived in Geneva on Monday for the round.', 'The envoy Vitkoff arrived in Geneva on Monday for the round.'],
    ]);
    const queue = await editor.get('/queue').expect(200);
    const picks = [...queue.text.matchAll(/name="pick" value="([^"]+)" form="decide-proposals"/g)].map((m) => m[1]!);
    expect(picks.sort()).toEqual([`${ids[1]}:1:2`, `${ids[3]}:1:2`]);

    await editor.post('/proposals/approve', { pick: picks } as unknown as Record<string, string>).expect(303);
    expect([ids[1]!, ids[3]!].map((id) => ctx.repos.passages.ofArticle(id)[1]!.approvedText)).toEqual([
      'The envoy Witkoff arrived in Geneva on Monday for the round.',
      'The envoy Witkoff arrived in Geneva on Monday for the round.',
    ]);
  });

  it('is refused to translators, and refused with what to choose for a kind or spelling it does not know, changing nothing', async () => {
    const { app, ctx, ids } = await archive(['Witkoff', 'Vitkoff']);
    await clientAs(app, ctx, 'translator').post('/names/vitkof/house-form', { spelling: 'Witkoff', kind: 'person' }).expect(403);
    const editor = clientAs(app, ctx, 'editor');
    const badKind = await editor.post('/names/vitkof/house-form', { spelling: 'Witkoff', kind: 'planet' }).expect(422);
    expect(badKind.text).toContain('Choose what the name is');
    await editor.post('/names/vitkof/house-form', { spelling: 'Whitcoff', kind: 'person' }).expect(422);
    expect(ctx.repos.passages.ofArticle(ids[1]!)[1]!.correctedText).toContain('Vitkoff');
    expect(termEntries(ctx).some((t) => t.preferred === 'Witkoff')).toBe(false);
  });

  it('is refused when the termbase already lists the name, naming the term, with nothing proposed', async () => {
    const { app, ctx, ids } = await archive(['Witkoff', 'Vitkoff']);
    const editor = clientAs(app, ctx, 'editor');
    await editor.post('/names/vitkof/house-form', { spelling: 'Witkoff', kind: 'person' }).expect(303);
    await editor.post('/proposals/approve', { pick: `${ids[1]}:1:2` }).expect(303);
    await importArticle(ctx, { text: envoyArticle('Vitkoff', 7) });
    const again = await editor.post('/names/vitkof/house-form', { spelling: 'Vitkoff', kind: 'person' }).expect(422);
    expect(again.text).toContain('Witkoff');
    expect(ctx.repos.passages.pendingOf(ids[1]!)).toEqual([]);
    expect(termEntries(ctx).filter((t) => t.preferred === 'Witkoff' || t.preferred === 'Vitkoff').map((t) => t.preferred)).toEqual(['Witkoff']);
  });
});
