import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Every template is written one element a line, so that a change to one control is a change to
 * its own lines (and a diff a reviewer can read). What counts is the markup: EJS tags and HTML
 * comments are left out, and a start tag is `<` followed by a letter. The review page's fragment
 * templates, stored rendered, also state their rules at the top.
 */
const VIEWS_DIR = new URL('../../views/', import.meta.url);
const FRAGMENTS_DIR = new URL('fragments/', VIEWS_DIR);

function startTagsPerLine(template: string): { line: number; tags: number; text: string }[] {
  const markup = template.replace(/<%[\s\S]*?%>/g, (tag) => tag.replace(/[^\n]/g, ' ')).replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  return markup.split('\n').map((text, i) => ({ line: i + 1, tags: (text.match(/<[a-zA-Z]/g) ?? []).length, text: template.split('\n')[i]! }));
}

describe('templates', () => {
  const views = readdirSync(VIEWS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ejs'));
  const files = readdirSync(FRAGMENTS_DIR).filter((f) => f.endsWith('.ejs'));

  it('are found', () => {
    expect(views.length).toBeGreaterThanOrEqual(15);
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(views)('%s has at most one element a line', (file) => {
    const crowded = startTagsPerLine(readFileSync(new URL(file, VIEWS_DIR), 'utf8')).filter((l) => l.tags > 1);
    expect(crowded).toEqual([]);
  });

  it.each(files)('fragment %s states its rules at the top', (file) => {
    expect(readFileSync(new URL(file, FRAGMENTS_DIR), 'utf8')).toMatch(/^<%#[\s\S]*?Rules:[\s\S]*?%>/);
  });

  it('counts two elements on one line as crowded', () => {
    expect(startTagsPerLine('<p><span>x</span></p>\n<p><%= "<b>" %></p>\n<!-- <i> -->')).toEqual([
      { line: 1, tags: 2, text: '<p><span>x</span></p>' },
      { line: 2, tags: 1, text: '<p><%= "<b>" %></p>' },
      { line: 3, tags: 0, text: '<!-- <i> -->' },
    ]);
  });
});
