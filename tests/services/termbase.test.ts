import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../src/errors.js';
import { importArticle } from '../../src/services/import.js';
import {
  applyImport,
  createTerm,
  deleteTerm,
  followTermbase,
  getTerm,
  listTerms,
  restoreTermRevision,
  startTermbase,
  termEntries,
  termHistory,
  updateTerm,
  type TermInput,
} from '../../src/services/termbase.js';
import { contextOver, testContext, testUser } from '../helpers/app.js';

const lviv: TermInput = { preferred: 'Lviv', variants: ['Lvov', 'Lemberg'], exceptions: ['Lemberg Ghetto'], note: 'Ukrainian-based spelling.', kind: 'place' };
const chernihiv: TermInput = { preferred: 'Chernihiv', variants: ['Chernigov'], exceptions: [], kind: 'place' };

/** A context over an empty termbase (seeded from a file of no terms is not possible: seeding is marked done by hand). */
function setup() {
  const { db, ctx } = testContext();
  ctx.repos.terms.markSeeded('test', 0, ctx.now());
  startTermbase(ctx, undefined);
  return { db, ctx, editor: testUser(ctx, 'editor') };
}

function termsFile(entries: object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'terms-')), 'terms.json');
  writeFileSync(file, JSON.stringify({ entries }));
  return file;
}

describe('seeding the termbase', () => {
  it('loads the starter termbase into a database without terms, once: a termbase emptied by an editor stays empty', () => {
    const { ctx } = testContext();
    const seeded = startTermbase(ctx, undefined)!;
    expect(seeded).toBeGreaterThan(50);
    expect(ctx.repos.terms.count()).toBe(seeded);
    const kyiv = listTerms(ctx, { q: 'kiev' }).terms[0]!;
    expect(kyiv).toMatchObject({ preferred: 'Kyiv', kind: 'place', language: 'en', disputed: false, updatedBy: null });
    expect(termHistory(ctx, kyiv.id).history.map((r) => [r.action, r.actor])).toEqual([['create', null]]);

    const editor = testUser(ctx, 'editor');
    for (const term of ctx.repos.terms.all()) deleteTerm(ctx, editor, term.id);
    expect(startTermbase(ctx, undefined)).toBeUndefined();
    expect(ctx.repos.terms.count()).toBe(0);
  });

  it('loads the file it is given instead of the starter termbase', () => {
    const { ctx } = testContext();
    expect(startTermbase(ctx, termsFile([{ preferred: 'Lviv', variants: ['Lvov'], kind: 'place' }]))).toBe(1);
    expect(termEntries(ctx)).toEqual([{ preferred: 'Lviv', variants: ['Lvov'], exceptions: [], kind: 'place', language: 'en', disputed: false }]);
  });

  it('has the reviewer read the database terms from the start', async () => {
    const { ctx } = testContext();
    startTermbase(ctx, termsFile([{ preferred: 'Lviv', variants: ['Lvov'] }]));
    const { findings } = await importArticle(ctx, { text: 'Talks in Lvov and in Kiev ended.' });
    expect(findings.filter((f) => f.check === 'terms').map((f) => f.fix?.text)).toEqual(['Lviv']);
  });
});

describe('changing terms', () => {
  it('creates a term with its fields normalised, and an article imported after it gets a finding for its variant', async () => {
    const { ctx, editor } = setup();
    const before = await importArticle(ctx, { text: 'The train reached Lemberg at noon.' });
    expect(before.findings.filter((f) => f.check === 'terms')).toEqual([]);

    const change = createTerm(ctx, editor, { ...lviv, preferred: '  Lviv ', exceptions: ['Lemberg   Ghetto', ' '] });
    const term = getTerm(ctx, change.termIds[0]!);
    expect(term).toMatchObject({ preferred: 'Lviv', variants: ['Lvov', 'Lemberg'], exceptions: ['Lemberg Ghetto'], note: 'Ukrainian-based spelling.', kind: 'place', updatedBy: 'editor' });
    expect(change.forms).toEqual(['Lviv', 'Lvov', 'Lemberg', 'Lemberg Ghetto']);

    const after = await importArticle(ctx, { text: 'The train reached Lemberg at noon.' });
    const found = after.findings.filter((f) => f.check === 'terms');
    expect(found.map((f) => [f.text, f.fix?.text])).toEqual([['Lemberg', 'Lviv']]);
    expect(ctx.reference.termbase.entryFor('Lemberg')?.preferred).toBe('Lviv');
  });

  it('refuses a variant listed under another term, naming it, and stores nothing', () => {
    const { ctx, editor } = setup();
    createTerm(ctx, editor, lviv);
    const refused = () => createTerm(ctx, editor, { preferred: 'Lwów', variants: ['Lemberg'], exceptions: [] });
    expect(refused).toThrow(ValidationError);
    expect(refused).toThrow('The term “Lwów”: the variant "Lemberg" is also listed under "Lviv"');
    expect(ctx.repos.terms.count()).toBe(1);
    expect(() => createTerm(ctx, editor, { preferred: 'LVIV', variants: [], exceptions: [] })).toThrow('The term “LVIV”: "LVIV" is already the preferred form of the term “Lviv”');
    expect(() => createTerm(ctx, editor, { preferred: 'Lvov', variants: [], exceptions: [] })).toThrow('The term “Lviv”: the variant "Lvov" is the preferred form of the term “Lvov”');
    expect(() => createTerm(ctx, editor, { ...chernihiv, kind: 'river' })).toThrow('The kind must be one of place, person, organisation, other');
    expect(() => createTerm(ctx, editor, { ...chernihiv, language: 'not a code' })).toThrow('is not a language code');
    expect(ctx.repos.terms.count()).toBe(1);
  });

  it('returns the forms before and after a change, and nothing for a change that changes nothing', () => {
    const { ctx, editor } = setup();
    const id = createTerm(ctx, editor, lviv).termIds[0]!;
    const change = updateTerm(ctx, editor, id, { ...lviv, variants: ['Lvov', 'Lwow'], exceptions: [] });
    expect(change.forms).toEqual(['Lviv', 'Lvov', 'Lemberg', 'Lemberg Ghetto', 'Lwow']);
    expect(updateTerm(ctx, editor, id, { ...lviv, variants: ['Lvov', 'Lwow'], exceptions: [] })).toEqual({ termIds: [], forms: [] });
    expect(termHistory(ctx, id).history.map((r) => r.action)).toEqual(['change', 'create']);
    expect(deleteTerm(ctx, editor, id).forms).toEqual(['Lviv', 'Lvov', 'Lwow']);
  });

  it('refuses to change or delete a term that does not exist', () => {
    const { ctx, editor } = setup();
    expect(() => updateTerm(ctx, editor, 99, lviv)).toThrow(NotFoundError);
    expect(() => deleteTerm(ctx, editor, 99)).toThrow(NotFoundError);
    expect(() => termHistory(ctx, 99)).toThrow(NotFoundError);
  });
});

describe('history and restore', () => {
  it('records every change with the whole entry and restores any earlier one, also of a deleted term under its id', async () => {
    const { ctx, editor } = setup();
    const admin = testUser(ctx, 'admin');
    const id = createTerm(ctx, editor, lviv).termIds[0]!;
    updateTerm(ctx, admin, id, { ...lviv, note: 'Changed note.', disputed: true });
    deleteTerm(ctx, editor, id);
    expect(() => getTerm(ctx, id)).toThrow(NotFoundError);

    const { term, history } = termHistory(ctx, id);
    expect(term).toBeUndefined();
    expect(history.map((r) => [r.action, r.actor, r.changes.map((c) => c.field)])).toEqual([
      ['delete', 'editor', []],
      ['change', 'admin', ['note', 'disputed']],
      ['create', 'editor', ['preferred', 'variants', 'exceptions', 'note', 'kind', 'language', 'disputed']],
    ]);
    expect(history[1]!.changes[0]!.diffHtml).toContain('<del');
    expect(history[1]!.changes[0]!.diffHtml).toContain('Changed');
    const created = history[2]!;
    const change = restoreTermRevision(ctx, admin, id, created.id);
    expect(change.termIds).toEqual([id]);
    expect(getTerm(ctx, id)).toMatchObject({ preferred: 'Lviv', note: 'Ukrainian-based spelling.', disputed: false, updatedBy: 'admin' });
    expect(termHistory(ctx, id).history[0]).toMatchObject({ action: 'restore', actor: 'admin' });
    expect(termHistory(ctx, id).history[0]!.changes.map((c) => c.field)).toEqual(['note', 'disputed']);
    const { findings } = await importArticle(ctx, { text: 'A bridge near Lvov.' });
    expect(findings.some((f) => f.check === 'terms' && f.fix?.text === 'Lviv')).toBe(true);
  });

  it('refuses a restore that would conflict with the termbase as it now stands, and a revision of another term', () => {
    const { ctx, editor } = setup();
    const id = createTerm(ctx, editor, lviv).termIds[0]!;
    const first = termHistory(ctx, id).history[0]!;
    updateTerm(ctx, editor, id, { ...lviv, variants: ['Lvov'], exceptions: [] });
    createTerm(ctx, editor, { preferred: 'Lwów', variants: ['Lemberg'], exceptions: [] });
    const other = createTerm(ctx, editor, chernihiv).termIds[0]!;
    expect(() => restoreTermRevision(ctx, editor, id, first.id)).toThrow('is also listed under');
    expect(getTerm(ctx, id).variants).toEqual(['Lvov']);
    expect(() => restoreTermRevision(ctx, editor, other, first.id)).toThrow(NotFoundError);
  });
});

describe('listing terms', () => {
  it('finds a term by any of its forms in any case and script, filters by kind and language, and pages by preferred form', () => {
    const { ctx, editor } = setup();
    createTerm(ctx, editor, lviv);
    createTerm(ctx, editor, chernihiv);
    createTerm(ctx, editor, { preferred: 'Volodymyr Zelensky', variants: ['Zelenskiy'], exceptions: [], kind: 'person' });
    createTerm(ctx, editor, { preferred: 'Київ', variants: ['Киев'], exceptions: [], language: 'uk' });
    expect(listTerms(ctx, { q: 'LEMBERG' }).terms.map((t) => t.preferred)).toEqual(['Lviv']);
    expect(listTerms(ctx, { q: 'ghetto' }).terms.map((t) => t.preferred)).toEqual(['Lviv']);
    expect(listTerms(ctx, { q: 'КИЕВ' }).terms.map((t) => t.preferred)).toEqual(['Київ']);
    expect(listTerms(ctx, { kind: 'place' }).terms.map((t) => t.preferred)).toEqual(['Chernihiv', 'Lviv']);
    expect(listTerms(ctx, { language: 'uk' }).terms.map((t) => t.preferred)).toEqual(['Київ']);
    expect(() => listTerms(ctx, { kind: 'river' })).toThrow(ValidationError);
    const second = listTerms(ctx, { perPage: 2, page: 2 });
    expect(second).toMatchObject({ total: 4, page: 2, pages: 2 });
    expect(second.terms.map((t) => t.preferred)).toEqual(['Volodymyr Zelensky', 'Київ']);
  });
});

describe('importing a termbase', () => {
  it('adds new terms and changes those with a stored preferred form, and with replace deletes the rest, in one change', () => {
    const { ctx, editor } = setup();
    const lvivId = createTerm(ctx, editor, lviv).termIds[0]!;
    const chernihivId = createTerm(ctx, editor, chernihiv).termIds[0]!;
    const merged = applyImport(ctx, null, [{ ...lviv, preferred: 'LVIV', variants: ['Lvov'], exceptions: [] }, { preferred: 'Odesa', variants: ['Odessa'], exceptions: [] }], { replace: false });
    expect(merged.termIds.slice(0, 1)).toEqual([lvivId]);
    expect(termEntries(ctx).map((e) => [e.preferred, e.variants])).toEqual([['LVIV', ['Lvov']], ['Chernihiv', ['Chernigov']], ['Odesa', ['Odessa']]]);
    expect(termHistory(ctx, lvivId).history[0]).toMatchObject({ action: 'change', actor: null });

    const replaced = applyImport(ctx, editor, [{ preferred: 'Odesa', variants: ['Odessa'], exceptions: [] }], { replace: true });
    expect(replaced.termIds.sort()).toEqual([lvivId, chernihivId].sort());
    expect(termEntries(ctx).map((e) => e.preferred)).toEqual(['Odesa']);
  });

  it('changes nothing when one entry conflicts with the termbase it would make', async () => {
    const { ctx, editor } = setup();
    createTerm(ctx, editor, lviv);
    const before = termEntries(ctx);
    const bad = () => applyImport(ctx, editor, [chernihiv, { preferred: 'Lwów', variants: ['Lemberg'], exceptions: [] }], { replace: false });
    expect(bad).toThrow(ValidationError);
    expect(termEntries(ctx)).toEqual(before);
    // Nor did the reviewer take anything of it.
    const { findings } = await importArticle(ctx, { text: 'A road from Chernigov.' });
    expect(findings.filter((f) => f.check === 'terms')).toEqual([]);
  });
});

describe('a termbase changed by another process', () => {
  it('reaches this process when it follows the termbase, and its own changes are not read twice', async () => {
    const { db, ctx, editor } = setup();
    // Another process over the same database: its own context and reviewer.
    const other = contextOver(db).ctx;
    startTermbase(other, undefined);
    createTerm(other, null, chernihiv);
    expect(followTermbase(other)).toBe(false);
    expect((await importArticle(ctx, { text: 'A road from Chernigov.' })).findings.filter((f) => f.check === 'terms')).toEqual([]);
    expect(followTermbase(ctx)).toBe(true);
    expect(followTermbase(ctx)).toBe(false);
    const { findings } = await importArticle(ctx, { text: 'A road from Chernigov.' });
    expect(findings.filter((f) => f.check === 'terms').map((f) => f.fix?.text)).toEqual(['Chernihiv']);
    createTerm(ctx, editor, lviv);
    expect(followTermbase(ctx)).toBe(false);
  });
});
