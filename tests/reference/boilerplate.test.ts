import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBoilerplate, mergeBoilerplatePatterns, parseBoilerplatePatterns, type BoilerplatePattern } from '../../src/reference/boilerplate.js';
import { DEFAULT_BOILERPLATE_FILE, loadBoilerplate, loadReference } from '../../src/reference/load.js';
import { BoilerplatePatternError } from '../../src/errors.js';

const counter: BoilerplatePattern = { id: 'counter', description: 'A view counter.', pattern: '\\d+ views' };

function errorOf(data: unknown): string {
  try {
    parseBoilerplatePatterns(data, 'mine.json');
  } catch (error) {
    expect(error).toBeInstanceOf(BoilerplatePatternError);
    return (error as Error).message;
  }
  throw new Error('expected the patterns to be refused');
}

function writeTemp(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'boilerplate-')), name);
  writeFileSync(file, content);
  return file;
}

describe('parseBoilerplatePatterns', () => {
  it('returns valid patterns as given', () => {
    const patterns = [counter, { id: 'credit', description: 'A credit.', pattern: 'Photo: .+', flags: 'u', onlyRepeats: true }];
    expect(parseBoilerplatePatterns({ patterns }, 'mine.json')).toEqual(patterns);
  });

  it.each([
    [[], 'mine.json: expected an object {"patterns": [...]}'],
    [{ patterns: [{ description: 'x', pattern: 'x' }] }, 'mine.json: pattern 1 has no "id"'],
    [{ patterns: [counter, { ...counter, id: 'two words' }] }, 'mine.json: pattern 2 has no "id"'],
    [{ patterns: [counter, counter] }, 'mine.json: pattern 2 ("counter"): the id is used twice in this file'],
    [{ patterns: [{ ...counter, pattern: '(views' }] }, 'mine.json: pattern 1 ("counter"): invalid regular expression:'],
    [{ patterns: [{ ...counter, pattern: 'a)|(b' }] }, 'mine.json: pattern 1 ("counter"): invalid regular expression:'],
    [{ patterns: [{ ...counter, pattern: '' }] }, 'mine.json: pattern 1 ("counter") has no "pattern"'],
    [{ patterns: [{ ...counter, pattern: '.*' }] }, 'mine.json: pattern 1 ("counter"): the pattern matches an empty line'],
    [{ patterns: [{ ...counter, description: ' ' }] }, 'mine.json: pattern 1 ("counter") has no "description"'],
    [{ patterns: [{ ...counter, flags: 'gi' }] }, 'mine.json: pattern 1 ("counter"): flags "gi" are not allowed'],
    [{ patterns: [{ ...counter, flags: 1 }] }, 'mine.json: pattern 1 ("counter"): "flags" must be a string'],
    [{ patterns: [{ ...counter, onlyRepeats: 'yes' }] }, 'mine.json: pattern 1 ("counter"): "onlyRepeats" must be true or false'],
    [{ patterns: [{ ...counter, flag: 'i' }] }, 'mine.json: pattern 1 ("counter"): unknown field "flag"'],
    [{ patterns: ['x'] }, 'mine.json: pattern 1 is not an object'],
  ])('refuses %j with a clear message', (data, message) => {
    expect(errorOf(data)).toContain(message);
  });
});

describe('compileBoilerplate', () => {
  it('anchors a pattern to the whole line, case-insensitively by default', () => {
    const [rule] = compileBoilerplate([counter]);
    expect(rule!.regex.test('5142 VIEWS')).toBe(true);
    expect(rule!.regex.test('It drew 5142 views on Monday.')).toBe(false);
  });

  it('anchors every branch of an alternation', () => {
    const [rule] = compileBoilerplate([{ ...counter, pattern: 'Video:|Watch:' }]);
    expect(rule!.regex.test('Watch: the replay')).toBe(false);
    expect(rule!.regex.test('Watch:')).toBe(true);
  });

  it('honours the given flags', () => {
    const [rule] = compileBoilerplate([{ ...counter, flags: 'u' }]);
    expect(rule!.regex.test('5142 VIEWS')).toBe(false);
  });
});

describe('mergeBoilerplatePatterns', () => {
  it('replaces a default by id in place and adds new patterns after the defaults', () => {
    const defaults = [counter, { id: 'video', description: 'A video label.', pattern: 'Video:' }];
    const narrower = { ...counter, pattern: '\\d+ views total' };
    const extra = { id: 'promo', description: 'A promo.', pattern: 'Promo code .+' };
    expect(mergeBoilerplatePatterns(defaults, [extra, narrower])).toEqual([narrower, defaults[1], extra]);
  });
});

describe('loadBoilerplate', () => {
  it('loads the default patterns, each valid', () => {
    const rules = loadBoilerplate();
    expect(rules.length).toBeGreaterThan(5);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('extends the defaults with a user file', () => {
    const file = writeTemp('mine.json', JSON.stringify({ patterns: [{ id: 'promo', description: 'A promo code, not article text.', pattern: 'Promo code \\w+' }] }));
    const rules = loadReference({ boilerplate: file }).boilerplate;
    expect(rules.map((r) => r.id)).toEqual([...loadBoilerplate().map((r) => r.id), 'promo']);
  });

  it('names the file when it is not JSON', () => {
    const file = writeTemp('broken.json', '{ "patterns": [');
    expect(() => loadBoilerplate(file)).toThrow(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}: cannot read the pattern file`));
  });

  it('names the file and the pattern when a pattern is invalid', () => {
    const file = writeTemp('bad.json', JSON.stringify({ patterns: [{ id: 'oops', description: 'x', pattern: '[views' }] }));
    expect(() => loadBoilerplate(file)).toThrow(/bad\.json: pattern 1 \("oops"\): invalid regular expression/);
  });

  it('reads its defaults from db/data', () => {
    expect(DEFAULT_BOILERPLATE_FILE).toMatch(/db\/data\/boilerplate\.json$/);
  });
});
