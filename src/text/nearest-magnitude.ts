/** Orders of magnitude between two values; a changed number stays within one ("12" → "21", "700" → "7000"). */
export function magnitudeGap(a: number, b: number): number {
  return Math.abs(Math.log10(Math.max(Math.abs(a), 1e-6) / Math.max(Math.abs(b), 1e-6)));
}

function magnitudeOf(value: number): number {
  return Math.log10(Math.max(Math.abs(value), 1e-6));
}

/**
 * Numbers, each standing for one value or several, to match by order of magnitude: the number
 * with a value nearest a given one (the first number on a tie), taken out once matched. The
 * values' magnitudes are kept sorted, so a look-up is a binary search and a step to either side
 * over the values taken out, which link onwards (a union-find): matching every number of a long
 * text costs n·log n, not n².
 */
export class NearestMagnitude {
  private readonly magnitudes: Float64Array;
  private readonly values: Float64Array;
  private readonly owners: Int32Array;
  /** For each entry, the first entry of its run of equal magnitudes. */
  private readonly runStarts: Int32Array;
  /** Links towards the nearest entry still in, rightwards; an entry still in (and the end) links to itself. */
  private readonly rightward: Int32Array;
  /** The same leftwards, one place on: entry k is at k + 1, and 0 stands for none. */
  private readonly leftward: Int32Array;
  private readonly entriesOf: number[][];

  /** `valuesOf[i]`: the values number i stands for. */
  constructor(valuesOf: readonly (readonly number[])[]) {
    const entries = valuesOf.flatMap((values, owner) => values.map((value) => ({ value, owner, magnitude: magnitudeOf(value) })));
    entries.sort((a, b) => a.magnitude - b.magnitude || a.owner - b.owner);
    const n = entries.length;
    this.magnitudes = Float64Array.from(entries, (e) => e.magnitude);
    this.values = Float64Array.from(entries, (e) => e.value);
    this.owners = Int32Array.from(entries, (e) => e.owner);
    this.runStarts = new Int32Array(n);
    this.rightward = Int32Array.from({ length: n + 1 }, (_, k) => k);
    this.leftward = Int32Array.from({ length: n + 1 }, (_, k) => k);
    this.entriesOf = valuesOf.map(() => []);
    entries.forEach((entry, k) => {
      this.runStarts[k] = k > 0 && entries[k - 1]!.magnitude === entry.magnitude ? this.runStarts[k - 1]! : k;
      this.entriesOf[entry.owner]!.push(k);
    });
  }

  /**
   * The number still in with a value nearest one of `values`, and the gap between the two in
   * orders of magnitude.
   */
  nearest(values: readonly number[]): { owner: number; gap: number } | undefined {
    let best: { owner: number; gap: number } | undefined;
    for (const value of values) {
      for (const entry of this.nearestEntries(value)) {
        const candidate = { owner: this.owners[entry]!, gap: magnitudeGap(value, this.values[entry]!) };
        if (!best || candidate.gap < best.gap || (candidate.gap === best.gap && candidate.owner < best.owner)) best = candidate;
      }
    }
    return best;
  }

  /** The entries still in nearest `value` from above and from below, each the first of its run. */
  private nearestEntries(value: number): number[] {
    const n = this.magnitudes.length;
    const magnitude = magnitudeOf(value);
    let above = 0;
    for (let hi = n; above < hi; ) {
      const mid = (above + hi) >> 1;
      if (this.magnitudes[mid]! < magnitude) above = mid + 1;
      else hi = mid;
    }
    const entries: number[] = [];
    // The first entry still in at or above the value is the first of its run still in.
    const right = find(this.rightward, above);
    if (right < n) entries.push(right);
    const left = find(this.leftward, above) - 1;
    if (left >= 0) entries.push(find(this.rightward, this.runStarts[left]!));
    return entries;
  }

  /** Takes number `owner` out: no later look-up finds it. */
  takeOut(owner: number): void {
    for (const k of this.entriesOf[owner]!) {
      this.rightward[k] = k + 1;
      this.leftward[k + 1] = k;
    }
  }
}

/** The root of `at` among `links`, halving the path on the way. */
function find(links: Int32Array, at: number): number {
  while (links[at] !== at) {
    links[at] = links[links[at]!]!;
    at = links[at]!;
  }
  return at;
}
