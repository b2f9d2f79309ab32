import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { wordDiff, type DiffPart } from '../../lib/diff/index.js';
import { draftNotice, type ExportCorrection, type ExportDocument } from '../document.js';
import type { ExportFormat } from '../format.js';

/** Who made a revision and when, as Word records it. */
interface Author {
  name: string;
  /** xsd:dateTime to the second, as Word writes it. */
  date: string;
}

/** A piece of a passage's text: in the AI text and kept, or inserted or deleted by one correction. */
type Segment = { text: string; state: 'kept' } | { text: string; state: 'inserted' | 'deleted'; by: Author };

/** A passage as the document shows it: its text as revisions, and who deleted it when it was deleted whole. */
interface RevisedPassage {
  segments: Segment[];
  deletedBy: Author | null;
}

/** A paragraph of the document: the title, the note that the article is not approved, or a passage of the text. */
type Block = RevisedPassage & { style: 'heading' | 'note' | 'body' };

/** Who a change is put down to when no approved correction accounts for it. */
const WORKBENCH_AUTHOR = 'Workbench';


/**
 * The article as a Word document whose tracked changes are the corrections: accepting them all
 * gives the approved text, rejecting them all the AI text. That one document holds both texts, so
 * the format offers only 'corrected': an 'ai' export would be the plain-text export in Word's clothes.
 */
export const docx: ExportFormat = {
  id: 'docx',
  label: 'Word with tracked changes (.docx)',
  extension: 'docx',
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  texts: ['corrected'],
  compressed: true,
  render: renderDocx,
};

async function renderDocx(doc: ExportDocument): Promise<Uint8Array> {
  const byPassage = new Map<number, ExportCorrection[]>();
  for (const c of doc.corrections) {
    const ofPassage = byPassage.get(c.passageIdx);
    if (ofPassage) ofPassage.push(c);
    else byPassage.set(c.passageIdx, [c]);
  }
  const workbench: Author = { name: WORKBENCH_AUTHOR, date: wordDate(doc.updatedAt) };
  const revise = (idx: number, aiText: string, correctedText: string) => revisedPassage(aiText, correctedText, byPassage.get(idx) ?? [], workbench);
  const draft = draftNotice(doc);
  const blocks: Block[] = [
    { ...revise(0, doc.aiTitle, doc.correctedTitle), style: 'heading' },
    ...(draft === null ? [] : [{ segments: [{ text: `${draft}: the corrections below are those approved so far.`, state: 'kept' }], deletedBy: null, style: 'note' } satisfies Block]),
    ...doc.passages.filter((p) => p.idx !== 0).map((p): Block => ({ ...revise(p.idx, p.aiText, p.correctedText), style: 'body' })),
  ];
  const marks = paragraphMarkDeletions(blocks.map((b) => b.deletedBy));
  const nextId = revisionIds();
  const document = new Document({
    title: doc.correctedTitle || doc.title,
    // Edits made in Word to the export are tracked too, beside the workbench's.
    features: { trackRevisions: true },
    styles: { default: { document: { run: { language: { value: doc.targetLang } } } } },
    sections: [{ children: blocks.map((block, i) => paragraph(block, marks[i] ?? null, nextId)) }],
  });
  return Packer.toBuffer(document);
}

function revisionIds(): () => number {
  let last = 0;
  return () => ++last;
}

/**
 * Who deleted each paragraph's mark. A passage deleted whole loses its mark with its text, so
 * accepting leaves no empty paragraph; but the document's last mark cannot be deleted, so when
 * the last passages are deleted the marks move one paragraph up (the one before them is deleted
 * instead), as Word does.
 */
function paragraphMarkDeletions(deletedBy: readonly (Author | null)[]): (Author | null)[] {
  let trailing = deletedBy.length;
  while (trailing > 0 && deletedBy[trailing - 1]) trailing--;
  return deletedBy.map((author, i) => (i < trailing - 1 ? author : (deletedBy[i + 1] ?? null)));
}

function paragraph({ segments, style }: Block, markDeletedBy: Author | null, nextId: () => number): Paragraph {
  const children: ParagraphChild[] = runs(segments).map((s) => {
    if (s.state === 'kept') return new TextRun({ text: s.text, italics: style === 'note' });
    const revision = { id: nextId(), author: s.by.name, date: s.by.date, text: s.text };
    return s.state === 'inserted' ? new InsertedTextRun(revision) : new DeletedTextRun(revision);
  });
  return new Paragraph({
    children,
    heading: style === 'heading' ? HeadingLevel.HEADING_1 : undefined,
    run: markDeletedBy ? { deletion: { id: nextId(), author: markDeletedBy.name, date: markDeletedBy.date } } : undefined,
  });
}

/** Adjacent segments of one state and author as one run each. */
function runs(segments: readonly Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged.at(-1);
    if (last && sameRevision(last, segment)) merged[merged.length - 1] = { ...last, text: last.text + segment.text };
    else merged.push(segment);
  }
  return merged;
}

const sameRevision = (a: Segment, b: Segment) =>
  a.state === 'kept' ? b.state === 'kept' : b.state === a.state && b.by.name === a.by.name && b.by.date === a.by.date;

const wordDate = (isoDate: string) => new Date(isoDate).toISOString().replace(/\.\d+Z$/, 'Z');

const authorOf = (c: ExportCorrection): Author => ({ name: c.userName, date: wordDate(c.createdAt) });

/**
 * A passage's text as revisions: its approved corrections replayed from the AI text, each step
 * word-diffed, so every changed word carries who changed it and when. When the chain does not lead
 * from the AI text to the approved text (a re-import changed the AI text under the corrections),
 * it falls back to one diff from the AI text to the approved text, attributed to the last
 * correction's author (to `fallback` when there is none): the revisions are then right as text,
 * but not as to who made which.
 */
function revisedPassage(aiText: string, correctedText: string, corrections: readonly ExportCorrection[], fallback: Author): RevisedPassage {
  // Nothing to show: unchanged, or reverted to the AI text in the end.
  if (aiText === correctedText) return { segments: [{ text: aiText, state: 'kept' }], deletedBy: null };
  const last = corrections.at(-1);
  const lastAuthor = last ? authorOf(last) : fallback;
  const deletedBy = correctedText === '' ? lastAuthor : null;
  let segments: Segment[] = [{ text: aiText, state: 'kept' }];
  let text = aiText;
  for (const correction of corrections) {
    if (correction.beforeText !== text) break;
    segments = applyDiff(segments, wordDiff(text, correction.afterText).parts, authorOf(correction));
    text = correction.afterText;
  }
  if (text === correctedText) return { segments, deletedBy };
  return { segments: applyDiff([{ text: aiText, state: 'kept' }], wordDiff(aiText, correctedText).parts, lastAuthor), deletedBy };
}

/**
 * One correction applied to a passage's revisions: `parts` diff the text the revisions give when
 * accepted. Kept text it deletes becomes a deletion by `by`; text an earlier correction inserted and
 * this one deletes goes (it is in neither the AI text nor the approved one); deletions stay where
 * they are, and an insertion follows the deletions at its place. One pass over both: linear.
 */
function applyDiff(segments: readonly Segment[], parts: readonly DiffPart[], by: Author): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let offset = 0;
  const passDeletions = () => {
    while (segments[i]?.state === 'deleted') out.push(segments[i++]!);
  };
  const consume = (length: number, keep: boolean) => {
    for (let left = length; left > 0; ) {
      passDeletions();
      const segment = segments[i]!;
      const taken = Math.min(left, segment.text.length - offset);
      const text = segment.text.slice(offset, offset + taken);
      if (keep) out.push({ ...segment, text });
      else if (segment.state === 'kept') out.push({ text, state: 'deleted', by });
      left -= taken;
      offset += taken;
      if (offset === segment.text.length) {
        i++;
        offset = 0;
      }
    }
  };
  for (const part of parts) {
    if (part.kind === 'insert') {
      passDeletions();
      out.push({ text: part.text, state: 'inserted', by });
    } else consume(part.text.length, part.kind === 'equal');
  }
  out.push(...segments.slice(i));
  return out;
}
