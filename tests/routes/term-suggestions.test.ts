import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { dismissFinding, editPassage } from '../../src/services/review.js';
import { clientAs, testApp, testUser } from '../helpers/app.js';

const ENVOY = ['Envoy meets the delegation', 'Envoy Vitkoff met the delegation in Geneva on Tuesday.'].join('\n\n');
const KHARKOV = ['Trains return to Kharkov', 'The line to Kharkov reopened on Monday after repairs.'].join('\n\n');

/** Three articles where an editor respelled Vitkoff by hand, and three where the terms check's Kharkov was dismissed. */
async function archive(ctx: ServiceContext): Promise<{ dismissedIn: { id: number; fingerprint: string }[] }> {
  const editor = testUser(ctx, 'editor');
  const dismissedIn = [];
  for (let i = 0; i < 3; i++) {
    const { id } = await importArticle(ctx, { text: ENVOY });
    const passage = ctx.repos.passages.ofArticle(id)[1]!;
    await editPassage(ctx, editor, id, 1, passage.correctedText.replace('Vitkoff', 'Witkoff'), passage.version, 'name');
    const kharkov = await importArticle(ctx, { text: KHARKOV });
    const finding = ctx.repos.findings.ofArticle(kharkov.id).find((f) => f.check === 'terms' && f.passageIdx === 1)!;
    await dismissFinding(ctx, editor, kharkov.id, finding.fingerprint, 'Quoted from a 1943 report');
    dismissedIn.push({ id: kharkov.id, fingerprint: finding.fingerprint });
  }
  return { dismissedIn };
}

describe("the Terms page's suggestions", () => {
  it('offer an editor a repeated correction as a pre-filled new term, and the often dismissed findings with links to them', async () => {
    const { app, ctx, web } = testApp();
    const { dismissedIn } = await archive(ctx);
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
