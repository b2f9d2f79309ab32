import type { Passage, Span } from './segment.js';

/** The whitespace between two passages, with its line breaks counted once. */
export interface Gap {
  text: string;
  lineBreaks: number;
}

export function gapOf(text: string): Gap {
  return { text, lineBreaks: text.match(/\r\n?|\n/g)?.length ?? 0 };
}

/**
 * The layout rule for deleted passages, shared by the command line's fixes (passageDeletions)
 * and the web app's corrected article (services/passage-layout.ts correctedArticle), so both
 * give the same text: where passages are deleted, the gaps around and between them collapse
 * into one, the one with the most line breaks (a blank line beats a single line break); on a
 * tie the later one, so a kept passage keeps its own gap (and indentation) unless a wider one
 * went with the deletion. Nothing is kept above the first kept passage or below the last.
 */
export function widerGap(earlier: Gap, later: Gap): Gap {
  return later.lineBreaks >= earlier.lineBreaks ? later : earlier;
}

/**
 * The ranges that delete several passages, keyed by passage index, following widerGap. Passages
 * in front of the kept gap go with the gap before them, the others with the gap behind them,
 * so the ranges never overlap and all of them can be applied at once; applied alone, a range
 * still leaves its neighbours on separate lines, though a blank line may move (the block as a
 * whole is what is meant to go).
 */
export function passageDeletions(text: string, passages: readonly Passage[], indices: Iterable<number>): Map<number, Span> {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const ranges = new Map<number, Span>();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const first = sorted[i]!;
    const last = sorted[j]!;
    const kept = keptGap(text, passages, first, last);
    for (let index = first; index <= last; index++) {
      ranges.set(index, index < kept ? withGapBefore(text, passages, index) : withGapBehind(text, passages, index));
    }
    i = j + 1;
  }
  return ranges;
}

/** The index of the passage whose gap before it survives the deletion of passages first..last. */
function keptGap(text: string, passages: readonly Passage[], first: number, last: number): number {
  if (first === 0) return first;
  if (last === passages.length - 1) return last + 1;
  let kept = first;
  let gap = gapBefore(text, passages, first);
  for (let index = first + 1; index <= last + 1; index++) {
    const next = gapBefore(text, passages, index);
    if (widerGap(gap, next) === next) {
      kept = index;
      gap = next;
    }
  }
  return kept;
}

function gapBefore(text: string, passages: readonly Passage[], index: number): Gap {
  return gapOf(text.slice(passages[index - 1]!.end, passages[index]!.start));
}

/** A passage with the gap in front of it. */
function withGapBefore(text: string, passages: readonly Passage[], index: number): Span {
  return { start: passages[index - 1]!.end, end: endOf(text, passages, index) };
}

/** A passage with the gap behind it. */
function withGapBehind(text: string, passages: readonly Passage[], index: number): Span {
  return { start: passages[index]!.start, end: passages[index + 1]?.start ?? endOf(text, passages, index) };
}

/** Where a passage ends; the article's last one with the blank space after it, but for a final line break. */
function endOf(text: string, passages: readonly Passage[], index: number): number {
  return index < passages.length - 1 ? passages[index]!.end : text.length - finalLineBreak(text);
}

function finalLineBreak(text: string): number {
  return /\r?\n?$/.exec(text)![0].length;
}
