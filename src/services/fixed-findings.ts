import type { FindingSummary, FindingToStore, FixedFinding } from '../db/repositories/findings.js';

type Placed = { check: string; passageIdx: number | null };

function byPlace<T extends Placed>(findings: readonly T[]): Map<string, T[]> {
  const places = new Map<string, T[]>();
  for (const f of findings) {
    const key = `${f.check}\u0000${f.passageIdx}`;
    const list = places.get(key);
    if (list) list.push(f);
    else places.set(key, [f]);
  }
  return places;
}

/** What a change did to the fixed findings: those it fixed, and the ids of those it made reported again. */
export interface FixedFindingsChange {
  fixed: FindingSummary[];
  reportedAgain: number[];
}

/**
 * The findings a change fixed, or brought back. A fingerprint cannot say it alone: it holds the
 * words around the flagged text, so a fix beside another finding (or inside a repeated paragraph
 * flagged whole) gives that one a new fingerprint although it is still there, and of two
 * identical slips in identical context the second takes the first one's fingerprint once the
 * first is fixed. So findings are counted per check and passage: as many as a check reports fewer
 * there were fixed (first those reported again neither by fingerprint nor by flagged text); as
 * many as it reports more, of the fixed ones with the flagged text of a new finding there, came
 * back (a rejected or reverted fix), the latest fixed first.
 */
export function fixedFindingsChange(before: readonly FindingSummary[], after: readonly FindingToStore[], fixedSoFar: readonly FixedFinding[]): FixedFindingsChange {
  const beforeByPlace = byPlace(before);
  const afterByPlace = byPlace(after);
  const fixedByPlace = byPlace(fixedSoFar);
  const change: FixedFindingsChange = { fixed: [], reportedAgain: [] };
  for (const place of new Set([...beforeByPlace.keys(), ...afterByPlace.keys()])) {
    const was = beforeByPlace.get(place) ?? [];
    const now = afterByPlace.get(place) ?? [];
    const wasKeys = new Set(was.map((f) => f.fingerprint));
    const newTexts = countTexts(now.filter((f) => !wasKeys.has(f.fingerprint)));
    if (was.length > now.length) {
      const nowKeys = new Set(now.map((f) => f.fingerprint));
      const gone = was.filter((f) => !nowKeys.has(f.fingerprint));
      const textAgain = new Set(gone.filter((f) => take(newTexts, f.text)));
      change.fixed.push(...[...gone.filter((f) => !textAgain.has(f)), ...textAgain].slice(0, was.length - now.length));
    } else if (now.length > was.length) {
      const back = [...(fixedByPlace.get(place) ?? [])].reverse().filter((f) => take(newTexts, f.text));
      change.reportedAgain.push(...back.slice(0, now.length - was.length).map((f) => f.id));
    }
  }
  return change;
}

function countTexts(findings: readonly { text: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.text, (counts.get(f.text) ?? 0) + 1);
  return counts;
}

/** Takes one of a text from the counts; false when none is left. */
function take(counts: Map<string, number>, text: string): boolean {
  const n = counts.get(text) ?? 0;
  if (n > 0) counts.set(text, n - 1);
  return n > 0;
}
