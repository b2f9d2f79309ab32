import type { FindingToStore, StoredFinding } from '../db/repositories/findings.js';

const placeOf = (f: { check: string; passageIdx: number | null }) => `${f.check}\u0000${f.passageIdx}`;

/**
 * The findings a change fixed: those the check after it no longer reports. A fingerprint holds the
 * words around the flagged text, so a fix beside another finding (or inside a repeated paragraph
 * flagged whole) gives that finding a new fingerprint although it is still there. A finding gone
 * from a passage where the same check now reports a new one is therefore taken as moved, not
 * fixed, one for one.
 */
export function fixedBy(before: readonly StoredFinding[], after: readonly FindingToStore[]): StoredFinding[] {
  const beforeKeys = new Set(before.map((f) => f.fingerprint));
  const afterKeys = new Set(after.map((f) => f.fingerprint));
  const appeared = new Map<string, number>();
  for (const f of after) if (!beforeKeys.has(f.fingerprint)) appeared.set(placeOf(f), (appeared.get(placeOf(f)) ?? 0) + 1);
  return before.filter((f) => {
    if (afterKeys.has(f.fingerprint)) return false;
    const moved = appeared.get(placeOf(f)) ?? 0;
    if (moved === 0) return true;
    appeared.set(placeOf(f), moved - 1);
    return false;
  });
}
