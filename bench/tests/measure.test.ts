import { describe, expect, it } from 'vitest';
import { formatFigure, judge, median, percentile, renderTable } from '../measure.js';
import { mulberry32 } from '../../tests/helpers/random.js';

describe('statistics', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([5], 95)).toBe(5);
  });
});

describe('targets', () => {
  it('passes throughput at or above its target and time or memory below it', () => {
    expect(judge(8.2, { kind: 'at-least', value: 5 })).toEqual({ ratio: 1.64, pass: true });
    expect(judge(4.9, { kind: 'at-least', value: 5 }).pass).toBe(false);
    expect(judge(140, { kind: 'below', value: 200 })).toEqual({ ratio: 0.7, pass: true });
    expect(judge(2, { kind: 'below', value: 2 }).pass).toBe(false);
  });

  it('prints PASS and FAIL lines and reports whether every target was met', () => {
    const { text, pass } = renderTable([
      'Section',
      { label: 'full check set', figure: 8.2, unit: 'MB/s', target: { kind: 'at-least', value: 5 } },
      { label: 'median', figure: 2.5, unit: 'ms', target: { kind: 'below', value: 2 } },
      { label: 'p95', figure: 3, unit: 'ms' },
    ]);
    expect(pass).toBe(false);
    expect(text).toMatch(/full check set\s+8\.20 MB\/s\s+target >= 5\.00 MB\/s\s+ratio 1\.64 {2}PASS/);
    expect(text).toMatch(/median\s+2\.50 ms\s+target < 2\.00 ms\s+ratio 1\.25 {2}FAIL/);
    expect(text.split('\n')[0]).toBe('Section');
  });

  it('prints counts as whole numbers, with their targets', () => {
    const { text, pass } = renderTable([{ label: 'lost updates', figure: 0, unit: 'writes', target: { kind: 'below', value: 1 }, count: true }, { label: 'acknowledged', figure: 12_345, unit: 'writes', count: true }]);
    expect(pass).toBe(true);
    expect(text).toMatch(/lost updates\s+0 writes\s+target < 1 writes\s+ratio 0\.00 {2}PASS/);
    expect(text).toMatch(/acknowledged\s+12,345 writes$/m);
  });

  it('formats figures with sensible precision', () => {
    expect(formatFigure(1234.5)).toBe('1,235');
    expect(formatFigure(12.34)).toBe('12.3');
    expect(formatFigure(1.234)).toBe('1.23');
    expect(formatFigure(0.1234)).toBe('0.123');
  });
});

describe('mulberry32', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const r = mulberry32(2);
    const ints = Array.from({ length: 1000 }, () => r.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });

  it('shuffles into a permutation', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(mulberry32(3).shuffled(items).sort((x, y) => x - y)).toEqual(items);
  });
});
