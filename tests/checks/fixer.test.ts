import { describe, expect, it } from 'vitest';
import { applyEdits, fixArticle } from '../../src/checks/fixer.js';
import { MAX_FINDINGS_PER_ARTICLE } from '../../src/checks/run-checks.js';
import { testReference } from '../helpers/check-tester.js';

describe('applyEdits', () => {
  it('applies edits in text order and skips one overlapping an applied edit', () => {
    const edits = [
      { start: 6, end: 11, text: 'there' },
      { start: 0, end: 5, text: 'Hi' },
      { start: 4, end: 8, text: 'x' },
    ];
    expect(applyEdits('hello world', edits)).toEqual({ text: 'Hi there', applied: 2 });
  });
});

describe('fixArticle', () => {
  it('fixes every slip, far past the caps on listed findings', () => {
    const rounds = 2_500; // a termbase slip and a repeated word in each: 5,000 fixable slips
    const text = Array.from({ length: rounds }, (_, i) => `Round ${i + 1} of talks in Kiev began, and the the delegates left.`).join(' ');
    expect(2 * rounds).toBeGreaterThan(MAX_FINDINGS_PER_ARTICLE);
    const result = fixArticle({ text }, testReference());
    expect(result.applied).toBe(2 * rounds);
    expect(result.text).not.toMatch(/Kiev|the the/);
    expect(result.text.match(/in Kyiv began, and the delegates/g)).toHaveLength(rounds);
  });
});
