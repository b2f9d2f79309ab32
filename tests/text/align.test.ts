import { describe, expect, it } from 'vitest';
import { alignPassages, type AlignedPair } from '../../src/text/align.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

function pairs(...spec: [number[], number[]][]): AlignedPair[] {
  return spec.map(([source, target]) => ({ source, target }));
}

describe('alignPassages', () => {
  it('pairs paragraphs one to one when the counts match', () => {
    expect(alignPassages([320, 410, 95], [300, 450, 120])).toEqual(pairs([[0], [0]], [[1], [1]], [[2], [2]]));
  });

  it('finds a paragraph the translation split in two (1:2)', () => {
    expect(alignPassages([240, 600, 310, 180], [250, 290, 300, 320, 170])).toEqual(
      pairs([[0], [0]], [[1], [1, 2]], [[2], [3]], [[3], [4]]),
    );
  });

  it('finds two paragraphs the translation merged (2:1)', () => {
    expect(alignPassages([240, 280, 330, 310, 180], [250, 600, 320, 170])).toEqual(
      pairs([[0], [0]], [[1, 2], [1]], [[3], [2]], [[4], [3]]),
    );
  });

  it('finds a paragraph the translation dropped, too long to pass for a loose merge (1:0)', () => {
    expect(alignPassages([240, 520, 300, 410, 330], [250, 510, 400, 340])).toEqual(
      pairs([[0], [0]], [[1], [1]], [[2], []], [[3], [2]], [[4], [3]]),
    );
  });

  it('finds a paragraph the translation added (0:1)', () => {
    expect(alignPassages([400, 380, 450], [410, 250, 370, 460])).toEqual(pairs([[0], [0]], [[], [1]], [[1], [2]], [[2], [3]]));
  });

  it('expects the length ratio of the whole text, so a longer translation is not read as merges', () => {
    // Every target paragraph runs 30% longer; the third source paragraph was split.
    const source = [200, 300, 400, 250, 350];
    const target = [260, 390, 250, 270, 325, 455];
    expect(alignPassages(source, target)).toEqual(pairs([[0], [0]], [[1], [1]], [[2], [2, 3]], [[3], [4]], [[4], [5]]));
  });

  it('handles an empty side', () => {
    expect(alignPassages([], [])).toEqual([]);
    expect(alignPassages([], [120, 80])).toEqual(pairs([[], [0]], [[], [1]]));
    expect(alignPassages([90], [])).toEqual(pairs([[0], []]));
  });
});

/** Paragraph lengths of a long article, varied but deterministic. */
function paragraphLengths(count: number, seed: number): number[] {
  return Array.from({ length: count }, (_, i) => 80 + ((Math.imul(i + seed, 2654435761) >>> 0) % 613));
}

describe('alignPassages on long texts', () => {
  it('finds a dropped paragraph and split ones far apart', () => {
    const source = paragraphLengths(3000, 5);
    source[1000] = 700;
    source[2000] = 600;
    source[2600] = 640;
    // The translation drops paragraph 1000 and splits paragraphs 2000 and 2600 in two.
    const target = [...source.slice(0, 1000), ...source.slice(1001, 2000), 280, 320, ...source.slice(2001, 2600), 300, 340, ...source.slice(2601)];
    const expected: AlignedPair[] = source.map((_, i) => {
      if (i < 1000) return { source: [i], target: [i] };
      if (i === 1000) return { source: [i], target: [] };
      if (i < 2000) return { source: [i], target: [i - 1] };
      if (i === 2000) return { source: [i], target: [1999, 2000] };
      if (i < 2600) return { source: [i], target: [i] };
      if (i === 2600) return { source: [i], target: [2600, 2601] };
      return { source: [i], target: [i + 1] };
    });
    expect(alignPassages(source, target)).toEqual(expected);
  });

  it('grows near-linearly with the number of paragraphs', () => {
    const ratio = growthOf(
      400,
      (count) => {
        const source = paragraphLengths(count, 11);
        // The translation splits one paragraph, halfway, in two.
        const half = count >> 1;
        const target = [...source.slice(0, half), 300, source[half]! - 300, ...source.slice(half + 1)];
        return { source, target };
      },
      ({ source, target }) => alignPassages(source, target),
    );
    expect(ratio).toBeLessThan(GROWTH_LIMIT);
  });
});
