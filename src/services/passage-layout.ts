import { diffArrays } from 'diff';
import { applyEdits } from '../checks/fixer.js';
import type { TextEdit } from '../checks/types.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import { alignPassages } from '../text/align.js';
import { gapOf, widerGap, type Gap } from '../text/passage-deletions.js';
import { splitLines, trimSpaces } from '../text/segment.js';
import { ValidationError } from '../errors.js';

/**
 * The longest passage taken, in characters: ten times a long news paragraph. Beyond it lies a
 * text without line breaks or a translation stuck in a loop, which no one can review as one passage.
 */
export const MAX_PASSAGE_CHARS = 20_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Refuses a passage longer than MAX_PASSAGE_CHARS; `what` names it in the message. */
export function refuseLongPassage(passage: string, what = 'The passage'): void {
  if (passage.length > MAX_PASSAGE_CHARS) {
    throw new ValidationError(`${what} has ${count(passage.length)} characters; a passage has at most ${count(MAX_PASSAGE_CHARS)}.`);
  }
}

/** Refuses a text with a passage (a non-blank line, as splitPassages takes them) longer than MAX_PASSAGE_CHARS, naming its line. */
export function refuseLongPassages(text: string, which: string): void {
  const lines = text.split(/\r\n?|\n/);
  const long = lines.findIndex((line) => line.trim().length > MAX_PASSAGE_CHARS);
  if (long >= 0) refuseLongPassage(lines[long]!.trim(), `Line ${long + 1} of ${which}`);
}

/** A passage of the AI text, its correction and the source passages aligned to it. */
export interface PassageText {
  idx: number;
  gapBefore: string;
  aiText: string;
  /** Empty when the passage was deleted. */
  correctedText: string;
  sourceText: string | null;
}

/** Where each kept passage sits in the corrected article text. */
export interface PlacedPassage {
  idx: number;
  start: number;
  end: number;
}

export interface CorrectedArticle {
  text: string;
  placed: PlacedPassage[];
}

/**
 * Splits an AI translation into passages (its non-blank lines, as the checks see them) and
 * attaches to each the source passages aligned to it. A source passage the translation dropped
 * goes with the passage before it, so the reviewer still sees it.
 */
export function splitPassages(aiText: string, sourceText: string | null): PassageText[] {
  const target = splitLines(aiText);
  const sources: string[][] = target.map(() => []);
  if (sourceText !== null && target.length > 0) {
    const source = splitLines(sourceText);
    const alignment = alignPassages(source.map((p) => p.text.length), target.map((p) => p.text.length));
    let lastTarget = 0;
    for (const pair of alignment) {
      if (pair.target.length > 0) lastTarget = pair.target[0]!;
      for (const s of pair.source) sources[lastTarget]!.push(source[s]!.text);
    }
  }
  return target.map((p, i) => ({
    idx: i,
    gapBefore: i === 0 ? '' : aiText.slice(target[i - 1]!.end, p.start),
    aiText: p.text,
    correctedText: p.text,
    sourceText: sourceText === null ? null : sources[i]!.join('\n'),
  }));
}

/**
 * The corrected article: kept passages, each preceded by its original gap (none before the
 * first), so the checks see the layout of the AI text minus what was deleted. Where passages
 * were deleted, their gaps collapse as the command line's fixes collapse them (widerGap).
 */
export function correctedArticle(passages: readonly Pick<PassageText, 'idx' | 'gapBefore' | 'correctedText'>[]): CorrectedArticle {
  let text = '';
  const placed: PlacedPassage[] = [];
  // The widest gap of the passages deleted since the last kept one.
  let deletedGap: Gap | null = null;
  for (const p of passages) {
    if (p.correctedText === '') {
      deletedGap = deletedGap === null ? gapOf(p.gapBefore) : widerGap(deletedGap, gapOf(p.gapBefore));
      continue;
    }
    if (placed.length > 0) text += deletedGap === null ? p.gapBefore : widerGap(deletedGap, gapOf(p.gapBefore)).text;
    deletedGap = null;
    placed.push({ idx: p.idx, start: text.length, end: text.length + p.correctedText.length });
    text += p.correctedText;
  }
  return { text, placed };
}

/** The index of the first placed passage that ends after `offset` (at or after it, when `touching`): a binary search, as placed passages are in text order. */
function firstEndingAfter(placed: readonly PlacedPassage[], offset: number, touching: boolean): number {
  let low = 0;
  let high = placed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const { end } = placed[middle]!;
    if (end > offset || (touching && end === offset)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The kept passages a non-empty span of the corrected article overlaps, in order. */
function passagesOver(placed: readonly PlacedPassage[], start: number, end: number): PlacedPassage[] {
  const over: PlacedPassage[] = [];
  for (let i = firstEndingAfter(placed, start, false); i < placed.length && placed[i]!.start < end; i++) over.push(placed[i]!);
  return over;
}

/** The kept passage a span of the corrected article starts in (or touches, for an empty span). */
export function passageAt(placed: readonly PlacedPassage[], start: number, end: number): PlacedPassage | undefined {
  const empty = start === end;
  const candidate = placed[firstEndingAfter(placed, start, empty)];
  return candidate && (empty ? candidate.start <= start : candidate.start < end) ? candidate : undefined;
}

/**
 * Applies edits of the corrected article text to the passages: an edit inside one passage
 * changes it; an edit spanning passages puts its text in the first and cuts the rest; a passage
 * covered entirely becomes empty (deleted). Returns the new corrected text by passage index,
 * only for passages that changed.
 */
export function applyArticleEdits(passages: readonly PassageText[], edits: readonly TextEdit[]): Map<number, string> {
  const { placed } = correctedArticle(passages);
  const local = new Map<number, TextEdit[]>();
  for (const edit of edits) {
    const touched = edit.start === edit.end
      ? [passageAt(placed, edit.start, edit.end)].filter((p) => p !== undefined)
      : passagesOver(placed, edit.start, edit.end);
    touched.forEach((p, i) => {
      const list = local.get(p.idx) ?? [];
      list.push({
        start: Math.max(edit.start, p.start) - p.start,
        end: Math.min(edit.end, p.end) - p.start,
        text: i === 0 ? edit.text : '',
      });
      local.set(p.idx, list);
    });
  }
  const changed = new Map<number, string>();
  const byIdx = new Map(passages.map((p) => [p.idx, p]));
  for (const [idx, list] of local) {
    const before = byIdx.get(idx)!.correctedText;
    // A passage's line breaks belong to the gaps: text kept inside one passage stays on one line.
    const after = trimSpaces(applyEdits(before, list).text.replace(/\s*[\r\n]+\s*/g, ' '));
    if (after !== before) changed.set(idx, after);
  }
  return changed;
}

export interface CarriedOver {
  passages: StoredPassage[];
  /** For each old passage, its index in the new article, or -1 when it is gone. */
  newIndex: number[];
}

/**
 * The passages of a re-imported article. Passages whose AI text is unchanged keep their
 * correction, version and review mark; where old passages were replaced by new ones, they are
 * paired in order, and a correction made on the old AI text is kept but marked for re-review
 * (the new AI text may already say it, or say something else); new passages start uncorrected.
 */
/** Re-imports that change more passages than this pair old and new passages in order instead of diffing them. */
const MAX_CHANGED_PASSAGES = 500;

export function carryOver(old: readonly StoredPassage[], fresh: readonly PassageText[]): CarriedOver {
  const passages: StoredPassage[] = [];
  const newIndex = old.map(() => -1);
  let o = 0;
  let n = 0;
  const take = (previous: StoredPassage | undefined, next: PassageText) => {
    const idx = passages.length;
    if (!previous) passages.push({ ...next, idx, approvedText: next.aiText, version: 1, needsReview: false });
    else {
      newIndex[previous.idx] = idx;
      if (previous.aiText === next.aiText) {
        passages.push({ ...next, idx, correctedText: previous.correctedText, approvedText: previous.approvedText, version: previous.version, needsReview: previous.needsReview });
      } else {
        const corrected = previous.correctedText !== previous.aiText;
        passages.push({
          ...next,
          idx,
          correctedText: corrected ? previous.correctedText : next.aiText,
          approvedText: previous.approvedText !== previous.aiText ? previous.approvedText : next.aiText,
          version: previous.version + 1,
          needsReview: corrected,
        });
      }
    }
  };
  // A hunk of removed and added passages between unchanged ones: paired in order.
  let removed: StoredPassage[] = [];
  let added: PassageText[] = [];
  const flush = () => {
    added.forEach((next, i) => take(removed[i], next));
    removed = [];
    added = [];
  };
  // Myers' diff costs the passage count times the passages changed: past MAX_CHANGED_PASSAGES the
  // article was rewritten, and its passages are paired in order as one hunk.
  const changes = diffArrays(
    old.map((p) => p.aiText),
    fresh.map((p) => p.aiText),
    { maxEditLength: MAX_CHANGED_PASSAGES },
  ) ?? [
    { value: old, removed: true, added: false, count: old.length },
    { value: fresh, removed: false, added: true, count: fresh.length },
  ];
  for (const change of changes) {
    const count = change.value.length;
    // Loops, not push(...slice): a spread of a long article's passages overflows the stack.
    if (change.removed) for (let end = o + count; o < end; o++) removed.push(old[o]!);
    else if (change.added) for (let end = n + count; n < end; n++) added.push(fresh[n]!);
    else {
      flush();
      for (let i = 0; i < count; i++) take(old[o++]!, fresh[n++]!);
    }
  }
  flush();
  return { passages, newIndex };
}
