/**
 * Source passages `source` translate target passages `target` (indices, each list ascending).
 * One of the lists is empty where a passage was dropped (1:0) or added (0:1).
 */
export interface AlignedPair {
  source: number[];
  target: number[];
}

interface Bead {
  source: number;
  target: number;
  /** −log of the bead's prior probability. */
  penalty: number;
}

// Gale & Church (1993), "A program for aligning sentences in bilingual corpora": the priors of
// each kind of match, and the variance of a translation's length per source character.
// Unlike theirs, a 1:0 or 0:1 match costs its prior alone. Their length cost, charged as if the
// missing side had length 0, always makes merging a dropped paragraph into a neighbour cheaper
// than dropping it (they report getting every 1:0 match of their test wrong), and a dropped
// paragraph is what a reviewer most needs to see.
const BEADS: readonly Bead[] = [
  { source: 1, target: 1, penalty: -Math.log(0.89) },
  { source: 1, target: 0, penalty: -Math.log(0.0099) },
  { source: 0, target: 1, penalty: -Math.log(0.0099) },
  { source: 2, target: 1, penalty: -Math.log(0.089) },
  { source: 1, target: 2, penalty: -Math.log(0.089) },
];
const VARIANCE = 6.8;

// The dynamic programme is run in a band around the diagonal, so its time and memory grow with
// the text and not with the product of the counts: an alignment strays from the diagonal only by
// the paragraphs dropped, added, split or merged before a point. The band starts this many target
// paragraphs either side and doubles while the best path found touches its edge, up to the
// widest; past that the best path inside the band is taken.
const FIRST_BAND = 32;
const WIDEST_BAND = 256;

/**
 * Aligns source paragraphs to their translations by character length: one to one when the counts
 * match, otherwise Gale–Church dynamic programming allowing 1:1, 1:0, 0:1, 2:1 and 1:2 matches.
 * The expected length ratio is taken from the totals, so a language that runs longer does not
 * look like a merge.
 */
export function alignPassages(sourceLengths: readonly number[], targetLengths: readonly number[]): AlignedPair[] {
  const n = sourceLengths.length;
  const m = targetLengths.length;
  if (n === m) return sourceLengths.map((_, i) => ({ source: [i], target: [i] }));
  if (n === 0) return targetLengths.map((_, j) => ({ source: [], target: [j] }));
  if (m === 0) return sourceLengths.map((_, i) => ({ source: [i], target: [] }));
  const sourceTotal = sum(sourceLengths, 0, n);
  const targetTotal = sum(targetLengths, 0, m);
  const ratio = sourceTotal > 0 && targetTotal > 0 ? targetTotal / sourceTotal : 1;
  for (let band = FIRST_BAND; ; band *= 2) {
    const { pairs, touchesEdge } = alignInBand(sourceLengths, targetLengths, ratio, band);
    if (!touchesEdge || band >= WIDEST_BAND) return pairs;
  }
}

/**
 * The cheapest alignment among those within `band` target paragraphs of the diagonal, and
 * whether it touches the band's edge (where a path outside might be cheaper). Row i of the
 * band spans the diagonal from source paragraph i to i + 1, so consecutive rows overlap.
 */
function alignInBand(
  sourceLengths: readonly number[],
  targetLengths: readonly number[],
  ratio: number,
  band: number,
): { pairs: AlignedPair[]; touchesEdge: boolean } {
  const n = sourceLengths.length;
  const m = targetLengths.length;
  const slope = m / n;
  // Row i holds the cells (i, first[i]) to (i, last[i]), from rowStart[i] in the flat arrays.
  const first = new Int32Array(n + 1);
  const last = new Int32Array(n + 1);
  const rowStart = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) {
    first[i] = Math.max(0, Math.floor(i * slope) - band);
    last[i] = Math.min(m, Math.ceil((i + 1) * slope) + band);
    rowStart[i + 1] = rowStart[i]! + last[i]! - first[i]! + 1;
  }
  const cellOf = (i: number, j: number): number => (i >= 0 && j >= first[i]! && j <= last[i]! ? rowStart[i]! + j - first[i]! : -1);

  // cost[cellOf(i, j)]: cheapest alignment of the first i source and j target passages.
  const cost = new Float64Array(rowStart[n + 1]!).fill(Infinity);
  const via = new Uint8Array(cost.length);
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = first[i]!; j <= last[i]!; j++) {
      const here = cellOf(i, j);
      for (let b = 0; b < BEADS.length; b++) {
        const bead = BEADS[b]!;
        const pi = i - bead.source;
        const pj = j - bead.target;
        const from = cellOf(pi, pj);
        if (from < 0) continue;
        const before = cost[from]!;
        if (before === Infinity) continue;
        const lengths = bead.source > 0 && bead.target > 0 ? lengthCost(sum(sourceLengths, pi, i), sum(targetLengths, pj, j), ratio) : 0;
        const total = before + bead.penalty + lengths;
        if (total < cost[here]!) {
          cost[here] = total;
          via[here] = b;
        }
      }
    }
  }

  const pairs: AlignedPair[] = [];
  let touchesEdge = false;
  for (let i = n, j = m; i > 0 || j > 0; ) {
    touchesEdge ||= (j === first[i] && j > 0) || (j === last[i] && j < m);
    const bead = BEADS[via[cellOf(i, j)]!]!;
    pairs.push({ source: range(i - bead.source, i), target: range(j - bead.target, j) });
    i -= bead.source;
    j -= bead.target;
  }
  return { pairs: pairs.reverse(), touchesEdge };
}

/** −log of the probability that a translation of `s` characters is `t` long, given the ratio. */
function lengthCost(s: number, t: number, ratio: number): number {
  const mean = (s + t / ratio) / 2;
  if (mean === 0) return 0;
  const z = Math.abs(ratio * s - t) / Math.sqrt(VARIANCE * mean);
  // The two-sided tail 2(1 − Φ(z)) is erfc(z/√2).
  return -logErfc(z / Math.SQRT2);
}

/**
 * log erfc(x) for x ≥ 0, from the Chebyshev fit in Numerical Recipes (erfcc; relative error
 * below 1.2e-7), taken in log form so long paragraphs far out in the tail do not underflow to 0.
 */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

function sum(lengths: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let k = from; k < to; k++) total += lengths[k]!;
  return total;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
