import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { ExportDocument } from '../../src/export/document.js';
import { reportCsv } from '../../src/export/formats/report-csv.js';
import { reportHtml } from '../../src/export/formats/report-html.js';
import { exportDocument } from '../../src/services/export.js';
import { importArticle } from '../../src/services/import.js';
import { dismissFinding, editPassage } from '../../src/services/review.js';
import { demoText, testContext, testUser } from '../helpers/app.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';
import { DISMISSAL_REASON, reviewedArticle } from '../helpers/reviewed-article.js';

type CsvRecord = { [column: string]: string };

const html = (doc: ExportDocument) => parseHtml(reportHtml.render(doc, 'both') as string);
const csvRecords = (doc: ExportDocument): CsvRecord[] => parseCsv(reportCsv.render(doc, 'both') as string, { bom: true, columns: true });
const cells = (row: HTMLElement) => row.querySelectorAll('td').map((td) => td.text.trim());
const tableRows = (page: HTMLElement, table: string) => page.querySelectorAll(`table.${table} tbody tr`).map(cells);

/**
 * The findings the demo article has before anyone reviews it, as check and passage number (a
 * fixed finding is listed as last reported: a repeated paragraph with "Kyiv" fixed in it).
 */
async function findingsAtImport(): Promise<string[]> {
  const { ctx } = testContext();
  const { id } = await importArticle(ctx, { text: demoText, targetLang: 'en' });
  return ctx.repos.findings.ofArticle(id).map((f) => `${f.check} in ${f.passageIdx! + 1}`);
}

describe('the review report of the scripted review', async () => {
  const reviewed = await reviewedArticle();
  const doc = exportDocument(reviewed.ctx, reviewed.id);
  const page = html(doc);
  const records = csvRecords(doc);
  const dismissed = doc.findings.find((f) => f.fingerprint === reviewed.dismissed.fingerprint)!;
  const edit = doc.corrections.find((c) => c.kind === 'edit')!;

  it('lists the dismissed finding with its reason', () => {
    expect(tableRows(page, 'findings').filter((r) => r[5]!.startsWith('dismissed'))).toEqual([
      [String(dismissed.passageIdx! + 1), reviewed.dismissed.check, 'warning', dismissed.text, dismissed.message, `dismissed: ${DISMISSAL_REASON}`],
    ]);
    expect(records.filter((r) => r.section === 'finding' && r.outcome === 'dismissed')).toMatchObject([{ section: 'finding', check: reviewed.dismissed.check, 'flagged text': dismissed.text, 'dismissal reason': DISMISSAL_REASON }]);
  });

  it('lists every other finding the article had as fixed, none as open', async () => {
    const expected = (await findingsAtImport()).filter((f) => f !== `${dismissed.check} in ${dismissed.passageIdx! + 1}`).sort();
    expect(expected.length).toBeGreaterThan(5);
    const fixedRows = tableRows(page, 'findings').filter((r) => r[5] === 'fixed');
    expect(fixedRows.map((r) => `${r[1]} in ${r[0]}`).sort()).toEqual(expected);
    expect(fixedRows.map((r) => r[3])).toContain('Kiev');
    expect(records.filter((r) => r.section === 'finding' && r.outcome === 'fixed').map((r) => `${r.check} in ${r.passage}`).sort()).toEqual(expected);
    expect(records.filter((r) => r.section === 'finding' && r.outcome === 'open')).toEqual([]);
  });

  it('lists the hand edit as a correction with its category, author and word diff', () => {
    const row = page.querySelectorAll('table.corrections tbody tr').find((r) => cells(r)[2] === 'edit')!;
    expect(cells(row)).toEqual([String(reviewed.editedIdx + 1), expect.any(String), 'edit', 'Omission or addition', reviewed.translator.name, `${edit.createdAt.slice(0, 16).replace('T', ' ')} UTC`]);
    expect(row.querySelector('ins')!.text).toContain('The figures were confirmed by the ministry.');
    expect(records.filter((r) => r.change === 'edit')).toEqual([
      expect.objectContaining({ section: 'correction', passage: String(reviewed.editedIdx + 1), category: 'Omission or addition', by: reviewed.translator.name, at: edit.createdAt, before: edit.beforeText, after: edit.afterText }),
    ]);
  });

  it('has totals that add up to the rows listed', () => {
    const findings = records.filter((r) => r.section === 'finding');
    const corrections = records.filter((r) => r.section === 'correction');
    const totals = records.filter((r) => r.section === 'total');
    const total = (column: string, value: string) => Number(totals.find((r) => r[column] === value)!.count);
    for (const column of ['outcome', 'severity']) {
      const values = [...new Set(totals.filter((r) => r[column] !== '').map((r) => r[column]!))];
      expect(values.length).toBeGreaterThanOrEqual(3);
      for (const value of values) expect(total(column, value)).toBe(findings.filter((r) => r[column] === value).length);
      expect(values.reduce((sum, v) => sum + total(column, v), 0)).toBe(findings.length);
    }
    const categories = [...new Set(corrections.map((r) => r.category!))];
    for (const category of categories) expect(total('category', category)).toBe(corrections.filter((r) => r.category === category).length);
    expect(totals.filter((r) => r.category !== '').reduce((sum, r) => sum + Number(r.count), 0)).toBe(doc.corrections.length);
    // The HTML prints the same totals.
    const printed = page.querySelectorAll('.totals tr').map((r) => [r.querySelector('th')!.text, r.querySelector('td')!.text]);
    expect(printed).toEqual(totals.map((r) => [r.outcome || r.severity || r.category, r.count]));
  });

  it('parses back from CSV into one row per finding, correction and total, with its section', () => {
    expect(Object.keys(records[0]!)).toEqual(['section', 'passage', 'check', 'severity', 'outcome', 'flagged text', 'message', 'dismissal reason', 'change', 'category', 'before', 'after', 'by', 'at', 'count']);
    const findingRows = [...doc.fixedFindings, ...doc.findings].map((f) => ({ check: f.check, severity: f.severity, 'flagged text': f.text, message: f.message }));
    expect(records.filter((r) => r.section === 'finding').map((r) => ({ check: r.check, severity: r.severity, 'flagged text': r['flagged text'], message: r.message }))).toEqual(
      expect.arrayContaining(findingRows),
    );
    expect(records.filter((r) => r.section === 'finding')).toHaveLength(findingRows.length);
    expect(records.filter((r) => r.section === 'correction').map((r) => [r.passage, r.change, r.before, r.after, r.by, r.at])).toEqual(
      doc.corrections.map((c) => [String(c.passageIdx + 1), c.kind, c.beforeText, c.afterText, c.userName, c.createdAt]),
    );
  });

  it('costs time near-linear in the findings and corrections listed', () => {
    const times = <T>(list: readonly T[], n: number) => Array.from({ length: n }, (_, i) => list[i % list.length]!);
    const larger = (n: number): ExportDocument => ({ ...doc, findings: times(doc.findings, n), fixedFindings: times(doc.fixedFindings, n), corrections: times(doc.corrections, n) });
    for (const format of [reportHtml, reportCsv]) expect(growthOf(200, larger, (d) => format.render(d, 'both'))).toBeLessThan(GROWTH_LIMIT);
  });

  it('is a standalone document: lang set, no script, nothing from elsewhere, an A4 print style', () => {
    expect(page.querySelector('html')!.getAttribute('lang')).toBe('en');
    expect(page.querySelectorAll('script')).toHaveLength(0);
    const references = page.querySelectorAll('*').flatMap((e) => ['src', 'href', 'srcset', 'action', 'data'].map((a) => e.getAttribute(a)).filter((v) => v !== undefined));
    expect(references).toEqual([]);
    const style = page.querySelector('style')!.text;
    expect(style).toContain('size: A4');
    expect(style).not.toMatch(/url\(|@import/);
    expect(page.querySelector('.draft')).toBeNull();
    expect(records[0]).toMatchObject({ section: 'article', message: `Review report: ${doc.title}` });
  });
});

describe('the review report of an article not approved', () => {
  it('says Draft in its title and at its top, and in the CSV\'s article row', async () => {
    const reviewed = await reviewedArticle(demoText, { approve: false });
    const page = html(exportDocument(reviewed.ctx, reviewed.id));
    expect(page.querySelector('title')!.text).toMatch(/^Draft/);
    expect(page.querySelector('.draft')!.text).toBe('Draft — not approved (status: awaiting approval)');
    expect(csvRecords(exportDocument(reviewed.ctx, reviewed.id))[0]).toMatchObject({ section: 'article', message: expect.stringMatching(/^Draft — not approved/) });
  });
});

describe('the review report of hostile text', async () => {
  const script = '<script>alert(1)</script>';
  const formula = "=cmd|' /C calc'!A0";
  // A repeated paragraph is flagged whole, so the flagged text starts with the formula.
  const line = `${formula} ${script} costs 12 dollars.`;
  // The edited passage is more than a fingerprint's context (3 words) away from the dismissed one.
  const text = ['Hostile input', line, line, 'A quiet paragraph keeps the two apart.', 'A closing line.'].join('\n\n');
  const { ctx } = testContext();
  const editor = testUser(ctx, 'editor');
  const { id } = await importArticle(ctx, { text, targetLang: 'en', actor: editor });
  const repeat = ctx.repos.findings.ofArticle(id).find((f) => f.check === 'duplicate-passage')!;
  await dismissFinding(ctx, editor, id, repeat.fingerprint, `@SUM(1) ${script}`);
  await editPassage(ctx, editor, id, 4, `-2+3 ${script}`, 1, 'style');
  const doc = exportDocument(ctx, id);

  it('escapes it in HTML: no script element, the text shown as written', () => {
    expect(repeat.text.startsWith(formula)).toBe(true);
    const page = html(doc);
    expect(page.querySelectorAll('script')).toHaveLength(0);
    const row = tableRows(page, 'findings').find((r) => r[1] === 'duplicate-passage')!;
    expect(row[3]).toBe(line);
    expect(row[5]).toBe(`dismissed: @SUM(1) ${script}`);
    expect(page.querySelector('table.corrections ins')!.text).toContain(script);
  });

  it('guards every cell that starts like a formula in CSV', () => {
    const records = csvRecords(doc);
    expect(records.find((r) => r.check === 'duplicate-passage')).toMatchObject({ 'flagged text': `'${line}`, 'dismissal reason': `'@SUM(1) ${script}` });
    expect(records.find((r) => r.change === 'edit')).toMatchObject({ before: 'A closing line.', after: `'-2+3 ${script}` });
    const unguarded = records.flatMap((r) => Object.values(r)).filter((cell) => /^[=+\-@]/.test(cell));
    expect(unguarded).toEqual([]);
  });
});
