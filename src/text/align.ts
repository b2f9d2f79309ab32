/** Source passages `source` translate target passages `target` (indices, each list ascending). */
export interface AlignedPair {
  source: number[];
  target: number[];
}

// PLACEHOLDER until the Gale–Church implementation lands (helper E).
export function alignPassages(sourceLengths: readonly number[], targetLengths: readonly number[]): AlignedPair[] {
  const n = Math.min(sourceLengths.length, targetLengths.length);
  return Array.from({ length: n }, (_, i) => ({ source: [i], target: [i] }));
}
