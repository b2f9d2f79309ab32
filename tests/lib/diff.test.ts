import { describe, expect, it } from 'vitest';
import { diffTokens, escapeHtml, renderDiffHtml, wordDiff, type DiffPart, type Highlight } from '../../src/lib/diff/index.js';
import { growthOf, GROWTH_LIMIT } from '../helpers/growth.js';

/** A highlight over every pair of neighbouring words, as a repeated-word check flags "the the the …". */
function pairHighlights(text: string): Highlight[] {
  const words = [...text.matchAll(/\S+/g)];
  return words.slice(1).map((w, i) => ({ start: words[i]!.index, end: w.index + w[0].length, id: `f${i}`, severity: 'warning', label: 'flagged by typography' }));
}

describe('diffTokens', () => {
  it('keeps numbers and names whole and loses no character', () => {
    const text = 'About 1.000 people in Kiev\'s centre, 99,5 %.';
    const tokens = diffTokens(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens).toContain('1.000');
    expect(tokens).toContain("Kiev's");
    expect(tokens).toContain('99,5');
  });
});

describe('wordDiff', () => {
  it('reads "1.000" → "1,000" as one change', () => {
    expect(wordDiff('about 1.000 people', 'about 1,000 people').parts).toEqual([
      { kind: 'equal', text: 'about ' },
      { kind: 'delete', text: '1.000' },
      { kind: 'insert', text: '1,000' },
      { kind: 'equal', text: ' people' },
    ]);
  });

  it('folds a lone space between changes into one deletion and one insertion', () => {
    expect(wordDiff('in Kiev city today', 'in Kyiv town today').parts).toEqual([
      { kind: 'equal', text: 'in ' },
      { kind: 'delete', text: 'Kiev city' },
      { kind: 'insert', text: 'Kyiv town' },
      { kind: 'equal', text: ' today' },
    ]);
  });

  it('shows an unchanged passage as one equal part and a deleted one as one deletion', () => {
    expect(wordDiff('Same.', 'Same.')).toEqual({ parts: [{ kind: 'equal', text: 'Same.' }], replaced: false });
    expect(wordDiff('Gone.', '').parts).toEqual([{ kind: 'delete', text: 'Gone.' }]);
  });

  it('falls back to showing the passage as replaced when the edit is too long', () => {
    const before = Array.from({ length: 600 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 600 }, (_, i) => `b${i}`).join(' ');
    const diff = wordDiff(before, after);
    expect(diff.replaced).toBe(true);
    expect(diff.parts).toEqual([{ kind: 'delete', text: before }, { kind: 'insert', text: after }]);
  });
});

describe('wordDiff growth', () => {
  const words = (n: number, word: (i: number) => string) => Array.from({ length: n }, (_, i) => word(i)).join(' ');

  // Myers' diff costs O(N·D): without a bound, two texts sharing nothing cost quadratic time.
  it('costs near-linear time on texts that share nothing', () => {
    const growth = growthOf(2_000, (n) => ({ ai: words(n, (i) => `a${i}`), corrected: words(n, (i) => `b${i}`) }), ({ ai, corrected }) => wordDiff(ai, corrected));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('renderDiffHtml', () => {
  it('escapes every part after diffing and announces deletions and insertions', () => {
    const html = renderDiffHtml(wordDiff('a <b> & "c"', 'a <i> & "c"').parts);
    expect(html).toBe(
      'a &lt;<del><span class="visually-hidden">deleted: </span>b</del><ins><span class="visually-hidden">inserted: </span>i</ins>&gt; &amp; &quot;c&quot;',
    );
  });

  it('highlights findings over equal and inserted text as links to them, reading each message once', () => {
    const html = renderDiffHtml(wordDiff('Kiev is big', 'Kiev is large').parts, [
      { start: 0, end: 4, id: 'f1', severity: 'warning', label: 'Write "Kyiv".' },
      { start: 8, end: 13, id: 'f<2>', severity: 'error', label: 'Too large.' },
    ]);
    expect(html).toContain(
      '<mark id="flag-f1" class="flag flag-warning" data-findings="f1"><a href="#finding-f1" title="Write &quot;Kyiv&quot;."><span class="visually-hidden">Write &quot;Kyiv&quot;. </span>Kiev</a></mark>',
    );
    expect(html).toContain('<ins><span class="visually-hidden">inserted: </span><mark id="flag-f&lt;2&gt;" class="flag flag-error" data-findings="f&lt;2&gt;">');
    expect(html.match(/Too large/g)).toHaveLength(2);
  });

  it('marks overlapping findings with the more severe one, titled with every message', () => {
    const html = renderDiffHtml([{ kind: 'equal', text: 'abcdef' }], [
      { start: 0, end: 4, id: 'a', severity: 'info', label: 'one' },
      { start: 2, end: 6, id: 'b', severity: 'error', label: 'two' },
    ]);
    expect(html).toContain('<mark id="flag-b" class="flag flag-error" data-findings="a b"><a href="#finding-a" title="one; two">');
    expect(html).toContain('<mark class="flag flag-error" data-findings="b"><a href="#finding-b" title="two">ef</a></mark>');
  });

  it('gives each flagged span one id, also where several start at once or a span is cut in pieces', () => {
    const html = renderDiffHtml(wordDiff('one two three', 'one two four').parts, [
      { start: 0, end: 7, id: 'a', severity: 'warning', label: 'A.' },
      { start: 0, end: 3, id: 'b', severity: 'info', label: 'B.' },
      { start: 4, end: 12, id: 'c', severity: 'info', label: 'C.' },
    ]);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['flag-a', 'flag-b', 'flag-c']);
    expect(html).toContain('<mark id="flag-a" class="flag flag-warning" data-findings="a b"><span id="flag-b"></span><a href="#finding-a" title="A.; B.">');
    // The diff cuts the span of c in two marks; only the first has its id (see ids above).
    expect(html.match(/data-findings="c"/g)).toHaveLength(2);
  });

  it('names invisible characters in a title, where no marker element can stand', () => {
    const html = renderDiffHtml([{ kind: 'equal', text: 'Wit\u200dkoff' }], [{ start: 0, end: 9, id: 'f', severity: 'error', label: '“Wit\u200dkoff” <is> odd.' }]);
    expect(html).toContain('title="“Wit[ZWJ]koff” &lt;is&gt; odd."');
    expect(html).not.toMatch(/\p{Cf}/u);
  });

  it('costs near-linear time in the text and its highlights', () => {
    const make = (words: number) => {
      const text = `The${' the'.repeat(words - 1)}`;
      return { parts: [{ kind: 'equal', text }] as DiffPart[], highlights: pairHighlights(text) };
    };
    expect(growthOf(1_000, make, ({ parts, highlights }) => renderDiffHtml(parts, highlights))).toBeLessThan(GROWTH_LIMIT);
  });

  it('costs near-linear time in the parts of the diff and its highlights', () => {
    // Every other word inserted, every pair of words highlighted.
    const make = (words: number) => {
      const parts = Array.from({ length: words }, (_, i): DiffPart => ({ kind: i % 2 ? 'insert' : 'equal', text: `w${i} ` }));
      return { parts, highlights: pairHighlights(parts.map((p) => p.text).join('')) };
    };
    expect(growthOf(1_000, make, ({ parts, highlights }) => renderDiffHtml(parts, highlights))).toBeLessThan(GROWTH_LIMIT);
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('shows each invisible character as a named marker, so no bidi control reaches the page raw', () => {
    expect(escapeHtml('Wit\u202ekoff & 100\u200b000')).toBe(
      'Wit<abbr class="invisible-char" title="right-to-left override (U+202E)">RLO</abbr>koff &amp; 100<abbr class="invisible-char" title="zero-width space (U+200B)">ZWSP</abbr>000',
    );
    expect(escapeHtml('end\u{e0068}')).toBe('end<abbr class="invisible-char" title="tag character (U+E0068)">U+E0068</abbr>');
    // Visible format characters and no-break spaces stay as they are.
    expect(escapeHtml('\u0600 1\u00a0000')).toBe('\u0600 1\u00a0000');
  });

  it('marks invisible characters in every part of a word diff, highlighted or not', () => {
    const html = renderDiffHtml(wordDiff('Steve Wit\u200dkoff left.', 'Steve Witkoff left\u00ad.').parts, [
      { start: 18, end: 19, id: 'f1', severity: 'warning', label: 'flagged by invisible-characters' },
    ]);
    expect(html).toContain('<del><span class="visually-hidden">deleted: </span>Wit<abbr class="invisible-char" title="zero-width joiner (U+200D)">ZWJ</abbr>koff</del>');
    expect(html).toContain('flagged by invisible-characters </span><abbr class="invisible-char" title="soft hyphen (U+00AD)">SHY</abbr></a></mark></ins>');
    expect(html).not.toMatch(/\p{Cf}/u);
  });

  it('escapes in time near-linear in the text, walls of invisible characters included', () => {
    const make = (size: number) => `${'the\u200b <b> '.repeat(size)}${'\u202e'.repeat(size * 4)}`;
    expect(growthOf(2_000, make, escapeHtml)).toBeLessThan(GROWTH_LIMIT);
  });
});
