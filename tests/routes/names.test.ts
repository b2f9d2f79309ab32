import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { importArticle } from '../../src/services/import.js';
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
