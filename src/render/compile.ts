import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';

const VIEWS_DIR = fileURLToPath(new URL('../../views/', import.meta.url));

export interface CompiledView {
  render: (data: object) => string;
  /** The template's text, for keys that change when it does. */
  source: string;
}

/**
 * A view compiled once and rendered outside Express's view machinery (which copies locals,
 * looks the view up and defers to the next tick on every render): the review page's fragments,
 * rendered when data changes, and the pages assembled around stored fragments on every request.
 * Includes are resolved from the views root and compiled once.
 */
export function compileView(name: string): CompiledView {
  const filename = `${VIEWS_DIR}${name}.ejs`;
  const source = readFileSync(filename, 'utf8');
  // _with: false makes the template read `locals` directly, which V8 optimises.
  return { render: ejs.compile(source, { filename, root: VIEWS_DIR, cache: true, _with: false }), source };
}

export const compileFragment = (name: string): CompiledView => compileView(`fragments/${name}`);
