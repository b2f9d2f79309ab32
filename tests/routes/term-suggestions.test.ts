import { describe, expect, it } from 'vitest';
import { clientAs, testApp } from '../helpers/app.js';
import { suggestingArchive } from '../helpers/suggesting-archive.js';

describe("the Terms page's suggestions", () => {
  it('offer an editor a repeated correction as a pre-filled new term, and the often dismissed findings with links to them', async () => {
    const { app, ctx, web } = testApp();
    const { dismissedIn } = await suggestingArchive(ctx);
    const page = await web.get('/terms').expect(200);
    expect(page.text).toContain('<h2 id="suggested-terms">Suggested terms</h2>');
    expect(page.text).toContain('href="/terms/new?preferred=Witkoff&amp;variant=Vitkoff"');
    expect(page.text).toMatch(/<th scope="row">Vitkoff<\/th>\s*<td data-label="Corrected to">Witkoff<\/td>\s*<td data-label="Articles">3<\/td>/);
    expect(page.text).toMatch(/<th scope="row">Kharkov<\/th>\s*<td data-label="Check">\s*<code>terms<\/code>\s*<\/td>\s*<td data-label="Articles">3<\/td>/);
    expect(page.text).toContain('<li>Quoted from a 1943 report (3)</li>');
    for (const { id, fingerprint } of dismissedIn) expect(page.text).toContain(`href="/articles/${id}#finding-${fingerprint}"`);

    const form = await web.get('/terms/new?preferred=Witkoff&variant=Vitkoff').expect(200);
    expect(form.text).toContain('value="Witkoff"');
    expect(form.text).toMatch(/>Vitkoff<\/textarea>/);
    // Once the term is added, the termbase says it: the suggestion goes.
    await web.post('/terms', { preferred: 'Witkoff', variants: 'Vitkoff', exceptions: '', note: '', kind: 'person', language: 'en' }).expect(303);
    const after = await web.get('/terms').expect(200);
    expect(after.text).not.toContain('variant=Vitkoff');
    expect(after.text).toContain('No correction approved in 3 or more articles is missing from the termbase.');

    const translator = await clientAs(app, ctx, 'translator').get('/terms').expect(200);
    expect(translator.text).not.toContain('Suggested terms');
    expect(translator.text).not.toContain('Often dismissed');
  });
});
