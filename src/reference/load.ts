import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileBoilerplate, type BoilerplatePattern } from './boilerplate.js';
import type { ReferenceData } from './index.js';
import { createTermbase, type TermEntry } from './termbase.js';

const DATA_DIR = fileURLToPath(new URL('../../db/data/', import.meta.url));

export const DEFAULT_TERMBASE_FILE = `${DATA_DIR}termbase.json`;
export const DEFAULT_BOILERPLATE_FILE = `${DATA_DIR}boilerplate.json`;

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

// PLACEHOLDER loaders: helpers B (termbase CSV/JSON with validation) and D (boilerplate) complete these.
export function loadReference(files: { termbase?: string; boilerplate?: string } = {}): ReferenceData {
  return {
    termbase: createTermbase(readJson<{ entries: TermEntry[] }>(files.termbase ?? DEFAULT_TERMBASE_FILE).entries),
    boilerplate: compileBoilerplate(readJson<{ patterns: BoilerplatePattern[] }>(files.boilerplate ?? DEFAULT_BOILERPLATE_FILE).patterns),
  };
}
