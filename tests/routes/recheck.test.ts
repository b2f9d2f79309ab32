import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { drainRecheck, queueRecheck } from '../../src/services/recheck.js';
import { clientAs, shownText, testApp } from '../helpers/app.js';

const refreshOf = (html: string) => parse(html).querySelector('meta[http-equiv="refresh"]')?.getAttribute('content');
const progressLine = (html: string) => {
  const line = parse(html).querySelector('[data-recheck-progress]');
  return line && { state: line.getAttribute('data-recheck-progress'), text: shownText(line) };
};

describe('the re-check progress page and API', () => {
  it('shows the re-check under way to everyone, reloading itself until it ends, and the last one after', async () => {
    const { app, ctx, web } = testApp();
    const translator = clientAs(app, ctx, 'translator');
    for (const text of ['One\n\nTalks in Kiev.', 'Two\n\nKiev again.', 'Three\n\nNothing here.']) await importArticle(ctx, { text });

    const before = await translator.get('/recheck').expect(200);
    expect(progressLine(before.text)).toBeNull();
    expect(shownText(parse(before.text).querySelector('.empty')!)).toBe('No termbase change has been re-checked yet.');
    expect(refreshOf(before.text)).toBeUndefined();
    expect((await translator.api.get('/api/terms/recheck').expect(200)).body).toEqual({ recheck: null });

    queueRecheck(ctx, ['Kiev'], web.user);
    const running = await translator.get('/recheck').expect(200);
    expect(progressLine(running.text)).toEqual({ state: 'running', text: expect.stringMatching(/^Re-checking 0 of 2 articles… started \d{4}-\d\d-\d\d \d\d:\d\d by editor Follow the re-check$/) });
    expect(refreshOf(running.text)).toBe('2');
    expect((await translator.api.get('/api/terms/recheck').expect(200)).body.recheck).toMatchObject({ running: true, done: 0, total: 2, failed: 0, startedBy: 'editor', finishedAt: null });

    await drainRecheck(ctx);
    const finished = await translator.get('/recheck').expect(200);
    expect(progressLine(finished.text)).toEqual({ state: 'finished', text: expect.stringMatching(/^Re-checked the 2 articles the last termbase change affected finished \d{4}-/) });
    expect(refreshOf(finished.text)).toBeUndefined();
    expect((await translator.api.get('/api/terms/recheck').expect(200)).body.recheck).toMatchObject({ running: false, done: 2, total: 2 });
  });

  it('says on the Terms page what a change of a term set going, with the script that keeps the line current', async () => {
    const { app, ctx, web } = testApp();
    const translator = clientAs(app, ctx, 'translator');
    const ids = [];
    for (const text of ['One\n\nSkiing near Jaremcze.', 'Two\n\nJaremcze in summer.']) ids.push((await importArticle(ctx, { text })).id);

    await web.post('/terms', { preferred: 'Yaremche', variants: 'Jaremcze' }).expect(303);
    const page = await translator.get('/terms').expect(200);
    expect(progressLine(page.text)).toEqual({ state: 'running', text: expect.stringMatching(/^Re-checking 0 of 2 articles… started .* by editor Follow the re-check$/) });
    expect(parse(page.text).querySelector('script[src="/static/js/recheck-progress.js"]')).not.toBeNull();

    await drainRecheck(ctx);
    expect(progressLine((await translator.get('/terms').expect(200)).text)?.state).toBe('finished');
    for (const id of ids) expect(ctx.repos.findings.ofArticle(id).filter((f) => f.check === 'terms').map((f) => f.fix?.text)).toEqual(['Yaremche']);
  });
});
