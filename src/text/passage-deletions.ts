import { passageDeletion, type Passage, type Span } from './segment.js';

/**
 * The ranges that delete several passages, keyed by passage index. Consecutive passages form
 * a block, and the block keeps the widest gap found around or inside it: deleting a counter
 * line and a caption that sit between two paragraphs leaves the paragraphs one blank line
 * apart instead of glued together. The ranges never overlap, so all of them can be applied
 * at once; applied alone, a range still leaves its neighbours on separate lines, though a
 * blank line may move (the block as a whole is what is meant to go).
 */
export function passageDeletions(text: string, passages: readonly Passage[], indices: Iterable<number>): Map<number, Span> {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const ranges = new Map<number, Span>();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const first = sorted[i]!;
    const last = sorted[j]!;
    const keptGapBefore = firstWidestGap(text, passages, first, last);
    for (let index = first; index <= last; index++) {
      const passage = passages[index]!;
      ranges.set(index, index < keptGapBefore ? withGapBefore(text, passages, passage) : passageDeletion(text, passages, passage));
    }
    i = j + 1;
  }
  return ranges;
}

/**
 * The index of the passage whose preceding gap survives the deletion of passages first..last.
 * Passages before it go with the gap in front of them, the others with the gap behind them.
 */
function firstWidestGap(text: string, passages: readonly Passage[], first: number, last: number): number {
  // At the start of the article nothing should be left above the first kept passage,
  // at the end nothing below the last one.
  if (first === 0) return first;
  if (last === passages.length - 1) return last + 1;
  let widest = first;
  let widestBreaks = -1;
  for (let index = first; index <= last + 1; index++) {
    const breaks = lineBreaks(text, passages[index - 1]!.end, passages[index]!.start);
    if (breaks > widestBreaks) {
      widest = index;
      widestBreaks = breaks;
    }
  }
  return widest;
}

/** Deletes a passage together with the gap in front of it, keeping the gap behind it. */
function withGapBefore(text: string, passages: readonly Passage[], passage: Passage): Span {
  const next = passages[passage.index + 1];
  if (!next) return passageDeletion(text, passages, passage);
  let end = passage.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return { start: passages[passage.index - 1]!.end, end };
}

function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
