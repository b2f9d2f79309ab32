import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import type { ExportDocument } from '../../src/export/document.js';
import { docx } from '../../src/export/formats/docx.js';
import { exportDocument } from '../../src/services/export.js';
import { importArticle } from '../../src/services/import.js';
import { editPassage } from '../../src/services/review.js';
import { takeStep } from '../../src/services/review-flow.js';
import { demoText, testContext, testUser } from '../helpers/app.js';
import { costOf } from '../helpers/cost.js';
import { GROWTH_LIMIT } from '../helpers/growth.js';
import { convertWithLibreOffice, LIBREOFFICE_MISSING, LIBREOFFICE_TIMEOUT_MS, needLibreOffice } from '../helpers/libreoffice.js';
import { reviewedArticle } from '../helpers/reviewed-article.js';

/** A revision as a reader sees it; `date` to the second, without a time zone (LibreOffice drops it). */
interface Revision {
  kind: 'insertion' | 'deletion';
  author: string;
  date: string;
  text: string;
}

/** What a reader makes of a document's tracked changes: the revisions, and its text with all accepted or all rejected, a line a paragraph. */
interface TrackedText {
  revisions: Revision[];
  accepted: string;
  rejected: string;
}

/** XML nodes as xmlbuilder2 parses them (its DOM), typed as far as these readers go. */
interface XmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: Iterable<XmlNode>;
  getAttribute?(name: string): string | null;
}

const TEXT_NODE = 3;
const attribute = (node: XmlNode, name: string) => node.getAttribute?.(name) ?? '';
const parseXml = (xml: string) => create(xml).root().node as unknown as XmlNode;
const secondOf = (date: string) => date.slice(0, 19);
/** A plain-text export with its blank lines taken out: a line a paragraph, as the readers give it. */
const linesOf = (text: string) => text.trimEnd().split(/\n+/).join('\n');

/**
 * Accepted and rejected text, paragraph by paragraph: text is dropped from the accepted text inside
 * a deletion and from the rejected inside an insertion, and so is a paragraph's end (the paragraph
 * then runs on into the next).
 */
class TextReader {
  private accepted = [''];
  private rejected = [''];

  text(text: string, inDeletion: boolean, inInsertion: boolean): void {
    if (!inDeletion) this.accepted[this.accepted.length - 1] += text;
    if (!inInsertion) this.rejected[this.rejected.length - 1] += text;
  }

  paragraphEnd(markDeleted: boolean, markInserted: boolean): void {
    if (!markDeleted) this.accepted.push('');
    if (!markInserted) this.rejected.push('');
  }

  result(): { accepted: string; rejected: string } {
    return { accepted: this.accepted.slice(0, -1).join('\n'), rejected: this.rejected.slice(0, -1).join('\n') };
  }
}

/** A DOCX's paragraphs and tracked changes as its XML says: w:ins and w:del around runs, and in a paragraph's properties for its mark. */
interface DocxReading extends TrackedText {
  paragraphs: { style: string; text: string; markDeleted: boolean }[];
  markDeletions: Revision[];
  /** Every revision's w:id, the marks' too. */
  ids: string[];
  /** Text a reader would not take: w:t inside a w:del (deleted text must be w:delText). */
  misplacedText: string[];
}

async function readDocx(bytes: Uint8Array): Promise<DocxReading> {
  const zip = await JSZip.loadAsync(bytes);
  const body = [...parseXml(await zip.file('word/document.xml')!.async('string')).childNodes].find((n) => n.nodeName === 'w:body')!;
  const reading: Omit<DocxReading, 'accepted' | 'rejected'> = { revisions: [], paragraphs: [], markDeletions: [], ids: [], misplacedText: [] };
  const reader = new TextReader();
  const revisionOf = (node: XmlNode, text: string): Revision => {
    reading.ids.push(attribute(node, 'w:id'));
    return { kind: node.nodeName === 'w:ins' ? 'insertion' : 'deletion', author: attribute(node, 'w:author'), date: secondOf(attribute(node, 'w:date')), text };
  };
  const textOf = (run: XmlNode, tag: string) => [...run.childNodes].map((t) => (t.nodeName === tag ? t.textContent : '')).join('');
  const paragraphs = [...body.childNodes].filter((n) => n.nodeName === 'w:p');
  for (const [i, p] of paragraphs.entries()) {
    let style = '';
    let mark: Revision | null = null;
    let text = '';
    for (const child of p.childNodes) {
      if (child.nodeName === 'w:pPr') {
        for (const property of child.childNodes) {
          if (property.nodeName === 'w:pStyle') style = attribute(property, 'w:val');
          if (property.nodeName === 'w:rPr') for (const change of property.childNodes) if (change.nodeName === 'w:del' || change.nodeName === 'w:ins') mark = revisionOf(change, '');
        }
      } else if (child.nodeName === 'w:ins' || child.nodeName === 'w:del') {
        const deleted = child.nodeName === 'w:del';
        const runs = [...child.childNodes];
        const runText = runs.map((run) => textOf(run, deleted ? 'w:delText' : 'w:t')).join('');
        if (deleted) reading.misplacedText.push(...runs.map((run) => textOf(run, 'w:t')).filter(Boolean));
        reading.revisions.push(revisionOf(child, runText));
        reader.text(runText, deleted, !deleted);
        text += runText;
      } else if (child.nodeName === 'w:r') {
        reader.text(textOf(child, 'w:t'), false, false);
        text += textOf(child, 'w:t');
      }
    }
    if (mark) reading.markDeletions.push(mark);
    // The document's last paragraph mark cannot be deleted: LibreOffice keeps it, an empty paragraph when its text goes.
    const last = i === paragraphs.length - 1;
    reader.paragraphEnd(mark?.kind === 'deletion' && !last, mark?.kind === 'insertion' && !last);
    reading.paragraphs.push({ style, text, markDeleted: mark?.kind === 'deletion' });
  }
  return { ...reading, ...reader.result() };
}

/**
 * The tracked changes LibreOffice saw, from its flat ODF: each <text:changed-region> is a
 * revision, and in the body its text, inserted or deleted, lies between change-start and
 * change-end markers naming it (LibreOffice 7.4 writes deleted text inline, not in the region).
 */
function readFlatOdt(fodt: string): TrackedText {
  const root = parseXml(fodt);
  const officeText = [...[...root.childNodes].find((n) => n.nodeName === 'office:body')!.childNodes].find((n) => n.nodeName === 'office:text')!;
  const regions = new Map<string, Revision>();
  const reader = new TextReader();
  const open = new Set<string>();
  const openKinds = () => new Set([...open].map((id) => regions.get(id)?.kind));
  // Text outside paragraphs is the file's indentation.
  let inParagraph = false;
  const walk = (node: XmlNode): void => {
    if (node.nodeType === TEXT_NODE) {
      if (!inParagraph) return;
      const text = node.textContent ?? '';
      for (const id of open) regions.get(id)!.text += text;
      reader.text(text, openKinds().has('deletion'), openKinds().has('insertion'));
      return;
    }
    switch (node.nodeName) {
      case 'text:tracked-changes':
        for (const region of node.childNodes) {
          if (region.nodeName !== 'text:changed-region') continue;
          const change = [...region.childNodes].find((n) => n.nodeName === 'text:insertion' || n.nodeName === 'text:deletion')!;
          const info = [...[...change.childNodes].find((n) => n.nodeName === 'office:change-info')!.childNodes];
          const field = (name: string) => info.find((n) => n.nodeName === name)?.textContent ?? '';
          regions.set(attribute(region, 'text:id'), { kind: change.nodeName === 'text:insertion' ? 'insertion' : 'deletion', author: field('dc:creator'), date: secondOf(field('dc:date')), text: '' });
        }
        return;
      case 'text:sequence-decls':
        return;
      case 'text:change-start':
        open.add(attribute(node, 'text:change-id'));
        return;
      case 'text:change-end':
        open.delete(attribute(node, 'text:change-id'));
        return;
      case 'text:change':
        throw new Error('A revision kept apart from the text (<text:change>): the reader assumes the text inline.');
      case 'text:s':
        walk({ nodeType: TEXT_NODE, nodeName: '#text', textContent: ' '.repeat(Number(attribute(node, 'text:c') || 1)), childNodes: [] });
        return;
    }
    const paragraph = node.nodeName === 'text:p' || node.nodeName === 'text:h';
    if (paragraph) inParagraph = true;
    for (const child of node.childNodes) walk(child);
    if (!paragraph) return;
    inParagraph = false;
    reader.paragraphEnd(openKinds().has('deletion'), openKinds().has('insertion'));
  };
  walk(officeText);
  return { revisions: [...regions.values()], ...reader.result() };
}

/**
 * The scripted review (tests/helpers/reviewed-article.ts) with a second author: after the approval
 * the editor changes words of a passage the translator had corrected, and approves the article again.
 */
async function reviewedByTwo() {
  const reviewed = await reviewedArticle();
  const { ctx, id, editor, translator } = reviewed;
  const passage = ctx.repos.passages.ofArticle(id).find((p) => p.approvedText.includes('Kyiv by Deputy'))!;
  await editPassage(ctx, editor, id, passage.idx, passage.approvedText.replace('by Deputy', 'by First Deputy'), passage.version, 'accuracy');
  takeStep(ctx, editor, id, 'submit', undefined, true);
  takeStep(ctx, editor, id, 'approve');
  const doc = exportDocument(ctx, id);
  const correctionsOf = (idx: number) => doc.corrections.filter((c) => c.passageIdx === idx);
  return { doc, passageIdx: passage.idx, correctionsOf, editor: editor.name, translator: translator.name };
}

type Reviewed = Awaited<ReturnType<typeof reviewedByTwo>>;

/** What any reader must find in the review's document: the texts, and each change put down to who made it, when. */
function expectTheReview(read: TrackedText, { doc, passageIdx, correctionsOf, editor, translator }: Reviewed) {
  expect(read.accepted).toBe(linesOf(doc.correctedText));
  expect(read.rejected).toBe(linesOf(doc.aiText));
  const [kyivFix, editorsEdit] = correctionsOf(passageIdx);
  const numberFixes = correctionsOf(doc.passages.find((p) => p.aiText.includes('700.000'))!.idx);
  const revision = (kind: Revision['kind'], text: string, author: string, createdAt: string) => ({ kind, text, author, date: secondOf(createdAt) });
  expect(kyivFix?.userName).toBe(translator);
  expect(editorsEdit?.userName).toBe(editor);
  expect(numberFixes).toHaveLength(2);
  expect(read.revisions).toEqual(
    expect.arrayContaining([
      revision('deletion', 'Kiev', translator, kyivFix!.createdAt),
      revision('insertion', 'Kyiv', translator, kyivFix!.createdAt),
      revision('insertion', 'First ', editor, editorsEdit!.createdAt),
      revision('deletion', '700.000', translator, numberFixes[0]!.createdAt),
      revision('insertion', '700,000', translator, numberFixes[0]!.createdAt),
      revision('deletion', '99,5', translator, numberFixes[1]!.createdAt),
      revision('insertion', '99.5', translator, numberFixes[1]!.createdAt),
    ]),
  );
  // Every revision is some approved correction's, by its author and at its time.
  const corrections = new Set(doc.corrections.map((c) => `${c.userName} ${secondOf(c.createdAt)}`));
  expect(read.revisions.filter((r) => !corrections.has(`${r.author} ${r.date}`))).toEqual([]);
}

const rendered = async (doc: ExportDocument) => (await docx.render(doc, 'corrected')) as Uint8Array;

let reviewed: Reviewed;
let reviewedDocx: Uint8Array;

beforeAll(async () => {
  reviewed = await reviewedByTwo();
  reviewedDocx = await rendered(reviewed.doc);
});

describe('the DOCX export, as its XML says', () => {
  it('is the article with its corrections as tracked changes, each by who made it, when', async () => {
    const read = await readDocx(reviewedDocx);
    expectTheReview(read, reviewed);
    expect(read.paragraphs[0]).toEqual({ style: 'Heading1', text: reviewed.doc.title, markDeleted: false });
    expect(new Set(read.ids).size).toBe(read.ids.length);
    expect(read.misplacedText).toEqual([]);
    expect(read.revisions.every((r) => r.author !== '' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(r.date))).toBe(true);
  });

  it('deletes a passage deleted whole with its paragraph mark, so accepting leaves no empty line', async () => {
    const read = await readDocx(reviewedDocx);
    const deleted = reviewed.doc.passages.filter((p) => p.correctedText === '');
    expect(deleted.length).toBeGreaterThan(0);
    expect(read.markDeletions).toHaveLength(deleted.length);
    for (const p of deleted) expect(read.paragraphs).toContainEqual({ style: '', text: p.aiText, markDeleted: true });
  });

  it('never deletes the last paragraph mark: when the last passages go, the mark before them does', async () => {
    const { doc } = reviewed;
    const last = doc.passages.at(-1)!;
    const read = await readDocx(await rendered({ ...doc, passages: [...doc.passages.slice(0, -1), { ...last, correctedText: '' }] }));
    expect(read.accepted).toBe(linesOf(doc.correctedText).split('\n').slice(0, -1).join('\n'));
    expect(read.rejected).toBe(linesOf(doc.aiText));
    expect(read.paragraphs.at(-1)!.text).toBe(last.aiText);
    expect(read.markDeletions).toHaveLength(doc.passages.filter((p) => p.correctedText === '').length + 1);
  });

  it('falls back to one diff by the last correction when the corrections do not lead from the AI text (a re-import changed it)', async () => {
    const { doc, passageIdx, correctionsOf } = reviewed;
    const reimported = doc.passages.map((p) => (p.idx === passageIdx ? { ...p, aiText: p.aiText.replace('Kiev', 'Kiev city') } : p));
    const read = await readDocx(await rendered({ ...doc, passages: reimported }));
    expect(read.accepted).toBe(linesOf(doc.correctedText));
    expect(read.rejected).toBe(linesOf(doc.aiText).replace('Kiev by', 'Kiev city by'));
    // The passage's revisions are those not in the document before the re-import: all by the last correction.
    const before = new Set((await readDocx(reviewedDocx)).revisions.map((r) => JSON.stringify(r)));
    const changed = read.revisions.filter((r) => !before.has(JSON.stringify(r)));
    const last = correctionsOf(passageIdx).at(-1)!;
    expect(changed.map((r) => r.text).join('|')).toMatch(/city/);
    expect(changed.filter((r) => r.author !== last.userName || r.date !== secondOf(last.createdAt))).toEqual([]);
  });

  it('shows no revision in a passage its last correction reverted to the AI text', async () => {
    const { doc, passageIdx, editor } = reviewed;
    const passage = doc.passages.find((p) => p.idx === passageIdx)!;
    const revert = { ...doc.corrections.at(-1)!, passageIdx, kind: 'revert' as const, category: null, userName: editor, beforeText: passage.correctedText, afterText: passage.aiText };
    const passages = doc.passages.map((p) => (p === passage ? { ...p, correctedText: p.aiText } : p));
    const read = await readDocx(await rendered({ ...doc, passages, corrections: [...doc.corrections, revert] }));
    expect(read.paragraphs).toContainEqual({ style: '', text: passage.aiText, markDeleted: false });
    expect(read.revisions.filter((r) => r.text === 'Kyiv' || r.text === 'First ')).toEqual([]);
  });

  it('says under the title that an article not approved may still change', async () => {
    const { ctx, id } = await reviewedArticle(demoText, { approve: false });
    const read = await readDocx(await rendered(exportDocument(ctx, id)));
    expect(read.paragraphs[1]?.text).toMatch(/^Draft — not approved \(status: awaiting approval\)/);
    expect(read.paragraphs.filter((p) => /not approved/.test(p.text))).toHaveLength(1);
  });

  it('writes a title given apart as the heading, corrected like a passage: deleted, it is a deleted heading, not the next line', async () => {
    const { ctx } = testContext();
    const editor = testUser(ctx, 'editor');
    const { id } = await importArticle(ctx, { text: 'The port reopened on Tuesday.\nShips queued overnight.', title: 'Port news from Kiev', targetLang: 'en', actor: editor });
    await editPassage(ctx, editor, id, 0, '', ctx.repos.passages.ofArticle(id)[0]!.version, 'style');
    takeStep(ctx, editor, id, 'submit', undefined, true);
    takeStep(ctx, editor, id, 'approve');
    const doc = exportDocument(ctx, id);
    const read = await readDocx(await rendered(doc));
    expect(read.paragraphs[0]).toEqual({ style: 'Heading1', text: 'Port news from Kiev', markDeleted: true });
    expect(read.accepted).toBe('The port reopened on Tuesday.\nShips queued overnight.');
    expect(read.rejected).toBe('Port news from Kiev\nThe port reopened on Tuesday.\nShips queued overnight.');
    expect(read.revisions).toEqual([{ kind: 'deletion', text: 'Port news from Kiev', author: editor.name, date: secondOf(doc.corrections[0]!.createdAt) }]);
  });

  it('costs about linearly in the article: 4x the passages, under GROWTH_LIMIT x the CPU time', async () => {
    const render = (doc: ExportDocument) => () => Promise.resolve(docx.render(doc, 'corrected'));
    const small = await costOf(render(repeated(reviewed.doc, 8)));
    const large = await costOf(render(repeated(reviewed.doc, 32)));
    expect(large.cpuMs / small.cpuMs).toBeLessThan(GROWTH_LIMIT);
  }, 60_000);
});

/** The article's passages and their corrections `times` over, as one longer article. */
function repeated(doc: ExportDocument, times: number): ExportDocument {
  const span = doc.passages.length;
  const copies = Array.from({ length: times }, (_, k) => k * span);
  return {
    ...doc,
    passages: copies.flatMap((shift) => doc.passages.map((p) => ({ ...p, idx: p.idx + shift }))),
    corrections: copies.flatMap((shift) => doc.corrections.map((c) => ({ ...c, passageIdx: c.passageIdx + shift }))),
  };
}

describe('the DOCX export, as LibreOffice reads it', () => {
  let read: TrackedText;

  // One conversion for every assertion: each takes seconds.
  beforeAll(async () => {
    if (LIBREOFFICE_MISSING) return;
    read = readFlatOdt(await convertWithLibreOffice(reviewedDocx, 'reviewed.docx', 'fodt'));
  }, LIBREOFFICE_TIMEOUT_MS);

  it('sees each correction as a revision by who made it, when; accepting all gives the approved text, rejecting all the AI text', (ctx) => {
    needLibreOffice(ctx);
    expectTheReview(read, reviewed);
    expect(new Set(read.revisions.map((r) => r.kind))).toEqual(new Set(['insertion', 'deletion']));
  });
});
