import { describe, expect, it } from 'vitest';
import { importArticle } from '../../src/services/import.js';
import { testApp } from '../helpers/app.js';

// Panel order (registry: terms, name-variants, …, typography) differs from reading order here:
// the typography slips of passage 1 come before everything the other checks flag.
const TEXT = [
  'Harbour cranes idle',
  'Dockers  waited for news .',
  'Envoy Steve Witkoff toured the harbour in Kiev on Monday.',
  'Vitkoff said the cranes in Kiev would move again. Vitkoff left at noon.',
].join('\n\n');

async function setup() {
  const { web, ctx } = testApp();
  const { id } = await importArticle(ctx, { text: TEXT });
  const open = () => ctx.repos.findings.ofArticle(id).filter((f) => !f.dismissed);
  const page = async () => (await web.get(`/articles/${id}`).expect(200)).text;
  return { web, ctx, id, open, page };
}

/** The findings panel of a review page. */
function panelOf(html: string): string {
  const start = html.indexOf('<h2 id="findings-heading">');
  expect(start).toBeGreaterThan(0);
  return html.slice(start);
}

describe('the findings panel', () => {
  it('says a term note once for its group, and each occurrence only what is wrong', async () => {
    const { open, page } = await setup();
    const terms = open().filter((f) => f.check === 'terms');
    expect(terms.map((f) => f.text)).toEqual(['Kiev', 'Kiev']);
    const note = terms[0]!.note!;
    expect(note).toMatch(/^Ukrainian-based spelling/);
    const panel = panelOf(await page());
    expect(panel.split(note.replace(/"/g, '&#34;'))).toHaveLength(2);
    expect(panel).toContain('<p class="group-note">Ukrainian-based spelling');
    expect(panel.split('<p class="message">Write &quot;Kyiv&quot;, not &quot;Kiev&quot; (house style).</p>')).toHaveLength(3);
  });

  it('offers only allowed forms for one spelling everywhere, names what each changes, and drops a dismissed group', async () => {
    const { web, id, open, page } = await setup();
    const panel = panelOf(await page());
    // A term: only the termbase's form, never the disallowed variant.
    expect(panel).toContain('<input type="hidden" name="group" value="terms:kyiv">');
    expect(panel).toContain('<input type="radio" name="spelling" value="Kyiv" checked>\nChanges “Kiev” (2×) to “Kyiv”</label>');
    expect(panel).not.toContain('value="Kiev"');
    // A name the termbase does not know: the spellings seen in the article.
    expect(panel).toContain('<input type="radio" name="spelling" value="Witkoff" checked>\nChanges “Vitkoff” (2×) to “Witkoff”</label>');
    expect(panel).toContain('<input type="radio" name="spelling" value="Vitkoff">\nChanges every “Witkoff” to “Vitkoff”</label>');

    for (const f of open().filter((x) => x.check === 'terms')) await web.post(`/articles/${id}/findings/${f.fingerprint}/dismiss`, { reason: 'quoted' }).expect(303);
    const after = panelOf(await page());
    expect(after).not.toContain('value="terms:kyiv"');
    expect(after).toContain('value="name-variants:');
    await web.post(`/articles/${id}/groups/apply`, { group: 'terms:kyiv', spelling: 'Kyiv' }).expect(404);
  });

  it('offers no group form for a lone finding with one allowed form, its own fix does the same', async () => {
    const { web, ctx } = testApp();
    const { id } = await importArticle(ctx, { text: 'Ferries left Odessa at dawn.' });
    const html = (await web.get(`/articles/${id}`).expect(200)).text;
    expect(html).toContain('<p class="group-note">Ukrainian-based spelling (one &#34;s&#34;)');
    expect(html).toContain('Replace with “Odesa”');
    expect(html).not.toContain('One spelling everywhere');
  });

  it('refuses a disallowed variant for one spelling everywhere and changes every flagged spelling', async () => {
    const { web, ctx, id, open } = await setup();
    await web.post(`/articles/${id}/groups/apply`, { group: 'terms:kyiv', spelling: 'Kiev' }).expect(422);
    await web.post(`/articles/${id}/groups/apply`, { group: 'terms:kyiv', spelling: 'Kyiv' }).expect(303);
    expect(ctx.repos.passages.ofArticle(id).map((p) => p.correctedText).join('\n')).not.toContain('Kiev');
    expect(open().filter((f) => f.check === 'terms')).toEqual([]);
  });

  it('links each open finding to its flagged span and back, with unique ids', async () => {
    const { open, page } = await setup();
    const html = await page();
    for (const f of open()) {
      expect(html).toContain(`<a class="show-in-text" href="#flag-${f.fingerprint}">show in text</a>`);
      expect(html).toMatch(new RegExp(`id="flag-${f.fingerprint}"`));
      expect(html).toMatch(new RegExp(`<a href="#finding-${f.fingerprint}" title="[^"]+">`));
    }
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('numbers the findings in reading order, whatever the panel order', async () => {
    const { open, page } = await setup();
    const panel = panelOf(await page());
    const listed = [...panel.matchAll(/id="finding-([0-9a-f-]+)" data-order="(\d+)"/g)].map((m) => ({ fingerprint: m[1], order: Number(m[2]) }));
    const reading = open().sort((a, b) => a.start - b.start).map((f) => f.fingerprint);
    expect(listed.map((l) => l.fingerprint)).not.toEqual(reading);
    expect([...listed].sort((a, b) => a.order - b.order).map((l) => l.fingerprint)).toEqual(reading);
  });

  it('carries a filter by severity and check, hidden until the script shows it', async () => {
    const { open, page } = await setup();
    const panel = panelOf(await page());
    expect(panel).toContain('<form class="finding-filter" hidden>');
    const severities = [...panel.matchAll(/<input type="checkbox" name="severity" value="(\w+)" checked>/g)].map((m) => m[1]);
    expect(severities).toEqual(['error', 'warning', 'info'].filter((s) => open().some((f) => f.severity === s)));
    expect(severities).toEqual(['error', 'warning', 'info']);
    expect([...panel.matchAll(/<option value="([\w-]*)">/g)].map((m) => m[1])).toEqual(['', 'terms', 'name-variants', 'typography']);
    expect(panel).toContain('<p id="findings-shown" class="muted" role="status"></p>');
  });
});
