import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Severity } from '../../checks/types.js';
import type { StoredFinding } from '../../db/repositories/findings.js';
import { draftNotice, type ExportDocument } from '../document.js';
import type { ExportFormat } from '../format.js';

const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';

/**
 * Characters XML 1.0 forbids: C0 controls but tab and line breaks, U+FFFE, U+FFFF and unpaired
 * surrogates. Passages hold no line breaks (a passage is a line), so no CR needs a character reference.
 */
const FORBIDDEN_IN_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * xmlbuilder2 escapes `&` except before what looks like a reference (`&amp;`, `&nbsp;`, `&#65;`), which it
 * writes as given (oozcitak/xmlbuilder2#117): a passage quoting "&amp;" would read back as "&", and one
 * quoting "&nbsp;" would make the file unreadable. It leaves `&amp;` alone, so every `&` given as `&amp;`
 * comes out escaped exactly once. Every text and free-text attribute goes through this.
 */
function literal(text: string): string {
  return text.replace(/&/g, '&amp;');
}

/** Note priorities run from 1 (most important) to 10. */
const PRIORITY: Record<Severity, number> = { error: 1, warning: 2, info: 3 };

type SegmentState = 'initial' | 'translated' | 'reviewed' | 'final';

/**
 * A segment's state says who has vouched for its target, as translation tools read it:
 * - final: an editor approved the article;
 * - reviewed: an editor approved a correction of this passage (the target differs from the AI text);
 * - translated: the AI's text in an article the translator submitted as done (awaiting approval);
 * - initial: the AI's text in an article new or in review, a machine draft nobody has confirmed yet.
 * A deleted passage follows the same rule: its empty target is as final as the rest.
 */
function segmentState(doc: ExportDocument, aiText: string, correctedText: string): SegmentState {
  if (doc.approved) return 'final';
  if (correctedText !== aiText) return 'reviewed';
  return doc.status === 'awaiting_approval' ? 'translated' : 'initial';
}

/** Source and target are inline content: a forbidden character becomes XLIFF's <cp hex="…"/>, so nothing is lost. */
function addInline(element: XMLBuilder, text: string): void {
  let from = 0;
  for (const match of text.matchAll(FORBIDDEN_IN_XML)) {
    if (match.index > from) element.txt(literal(text.slice(from, match.index)));
    element.ele('cp', { hex: match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') });
    from = match.index + match[0].length;
  }
  if (from < text.length) element.txt(literal(text.slice(from)));
}

/** Notes and attributes are plain text, where XLIFF has no <cp>: a forbidden character there becomes U+FFFD. */
function plain(text: string): string {
  return literal(text.replace(FORBIDDEN_IN_XML, '\uFFFD'));
}

interface Note {
  category: string;
  priority: number;
  text: string;
}

function findingNote(finding: StoredFinding): Note {
  return { category: finding.check, priority: PRIORITY[finding.severity], text: `${finding.severity}: ${finding.message}` };
}

function addNotes(parent: XMLBuilder, notes: readonly Note[], appliesTo?: 'target'): void {
  if (notes.length === 0) return;
  const element = parent.ele('notes');
  for (const note of notes) {
    const attributes = { ...(appliesTo ? { appliesTo } : {}), category: plain(note.category), priority: String(note.priority) };
    element.ele('note', attributes).txt(plain(note.text));
  }
}

interface UnitText {
  idx: number;
  source: string;
  aiText: string;
  correctedText: string;
}

/**
 * The units of the article: a title given apart from the text is unit p0 (the source text has no line
 * for it, so its source is empty when the article has a source text), then one unit per passage.
 */
function unitTexts(doc: ExportDocument): UnitText[] {
  const title = doc.separateTitle ? [{ idx: 0, source: doc.sourceLang === null ? doc.aiTitle : '', aiText: doc.aiTitle, correctedText: doc.title }] : [];
  return [...title, ...doc.passages.map((p) => ({ idx: p.idx, source: p.sourceText ?? p.aiText, aiText: p.aiText, correctedText: p.correctedText }))];
}

/**
 * XLIFF 2.1: one <file> per article, one <unit> per passage with the source-language text (else the
 * AI text) as <source> and the approved text as <target>; the open findings are the unit's notes
 * about its target. A deleted passage keeps its unit with an empty target and a note saying so, so
 * unit ids stay the passage numbers. An article not yet approved says so in a note on the file.
 */
function renderXliff(doc: ExportDocument): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(XLIFF_NAMESPACE, 'xliff', {
    version: '2.1',
    // The AI text is the source when there is no source-language text: then both are in the target language.
    srcLang: doc.sourceLang ?? doc.targetLang,
    trgLang: doc.targetLang,
    // Double spaces and the like are what the review corrects; a tool must not collapse them.
    'xml:space': 'preserve',
  });
  const file = root.ele('file', { id: `article-${doc.id}`, ...(doc.externalId === null ? {} : { original: plain(doc.externalId) }) });
  const open = doc.findings.filter((f) => !f.dismissed);
  const fileNotes: Note[] = open.filter((f) => f.passageIdx === null).map(findingNote);
  const draft = draftNotice(doc);
  if (draft !== null) fileNotes.unshift({ category: 'status', priority: 1, text: `${draft}: the targets are the corrections approved so far.` });
  addNotes(file, fileNotes);
  const findingsOf = new Map<number, Note[]>();
  for (const finding of open) {
    if (finding.passageIdx === null) continue;
    const notes = findingsOf.get(finding.passageIdx) ?? [];
    notes.push(findingNote(finding));
    findingsOf.set(finding.passageIdx, notes);
  }
  for (const unitText of unitTexts(doc)) {
    const unit = file.ele('unit', { id: `p${unitText.idx}`, ...(unitText.idx === 0 && doc.separateTitle ? { name: 'title' } : {}) });
    const notes = [...(findingsOf.get(unitText.idx) ?? [])];
    if (unitText.correctedText === '') notes.unshift({ category: 'deletion', priority: 1, text: 'Deleted in review: the corrected article leaves this passage out.' });
    addNotes(unit, notes, 'target');
    const segment = unit.ele('segment', { state: segmentState(doc, unitText.aiText, unitText.correctedText) });
    addInline(segment.ele('source'), unitText.source);
    addInline(segment.ele('target'), unitText.correctedText);
  }
  // No pretty printing: it would indent inside a source or target that holds a <cp/> and change its text.
  return root.end({ prettyPrint: false });
}

/** XLIFF 2.1 for translation tools; it always pairs the source with the corrected text, so that is its one text. */
export const xliff: ExportFormat = {
  id: 'xliff',
  label: 'XLIFF 2.1 (.xlf)',
  extension: 'xlf',
  mediaType: 'application/xliff+xml',
  texts: ['corrected'],
  render: renderXliff,
};
