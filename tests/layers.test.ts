/**
 * The layers stay apart: routes, middleware, rendering and the demo seed call services, never the repositories (all SQL
 * and every read of stored rows goes through a service), and the tests never import the
 * benchmark, which lives outside src/ and is not part of the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every .ts file under `dir` (relative to the project), with its lines. */
function sources(dir: string): { file: string; lines: string[] }[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ file: relative(ROOT, join(ROOT, dir, name)), lines: readFileSync(join(ROOT, dir, name), 'utf8').split('\n') }));
}

/** "file:line: text" of each line matching `pattern` in the files under `dirs`. */
function linesMatching(dirs: string[], pattern: RegExp): string[] {
  return dirs.flatMap(sources).flatMap(({ file, lines }) => lines.flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
}

describe('the layers', () => {
  it('routes, middleware, rendering and the demo seed never read the repositories: they call services', () => {
    const dirs = ['src/routes', 'src/middleware', 'src/render', 'src/demo'];
    expect(dirs.map((dir) => sources(dir).length).reduce((a, b) => a + b)).toBeGreaterThan(15);
    expect(linesMatching(dirs, /\brepos\b/)).toEqual([]);
  });

  it('no test imports from bench/', () => {
    const imports = linesMatching(['tests'], /\bfrom\s+['"]/);
    expect(imports.length).toBeGreaterThan(100);
    expect(linesMatching(['tests'], /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"][^'"]*\bbench\//)).toEqual([]);
  });
});
