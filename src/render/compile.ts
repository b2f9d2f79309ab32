import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';

const FRAGMENTS_DIR = fileURLToPath(new URL('../../views/fragments/', import.meta.url));

/**
 * Where a form in a fragment takes the requester's CSRF token. Escaped text can never produce
 * it (it starts with "<"), so only the templates put it there.
 */
export const TOKEN_SLOT = '<!--token-->';

export interface CompiledFragment {
  render: (data: object) => string;
  /** The template's text, for keys that change when it does. */
  source: string;
}

/**
 * A view fragment compiled once, rendered outside Express's view machinery: fragments are
 * rendered when data changes and stored or cached, not per request.
 */
export function compileFragment(name: string): CompiledFragment {
  const filename = `${FRAGMENTS_DIR}${name}.ejs`;
  const source = readFileSync(filename, 'utf8');
  // _with: false makes the template read `locals` directly, which V8 optimises.
  return { render: ejs.compile(source, { filename, _with: false }), source };
}
