import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BoilerplatePatternError } from '../errors.js';
import { compileBoilerplate, mergeBoilerplatePatterns, parseBoilerplatePatterns, type BoilerplatePattern, type BoilerplateRule } from './boilerplate.js';
import type { ReferenceData } from './index.js';
import { loadTermbase } from './termbase.js';

const DATA_DIR = fileURLToPath(new URL('../../db/data/', import.meta.url));

export const DEFAULT_TERMBASE_FILE = `${DATA_DIR}termbase.json`;
export const DEFAULT_BOILERPLATE_FILE = `${DATA_DIR}boilerplate.json`;

export function loadReference(files: { termbase?: string; boilerplate?: string } = {}): ReferenceData {
  return {
    // A user's termbase replaces the starter one: a newsroom keeps its whole house style in one file.
    termbase: loadTermbase(files.termbase ?? DEFAULT_TERMBASE_FILE),
    boilerplate: loadBoilerplate(files.boilerplate),
  };
}

/**
 * The default residue patterns, extended by a user's pattern file when one is given: a user
 * pattern with a default's id replaces that default, the others are added after the defaults.
 */
export function loadBoilerplate(userFile?: string): BoilerplateRule[] {
  const defaults = readBoilerplateFile(DEFAULT_BOILERPLATE_FILE);
  return compileBoilerplate(userFile ? mergeBoilerplatePatterns(defaults, readBoilerplateFile(userFile)) : defaults);
}

function readBoilerplateFile(file: string): BoilerplatePattern[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BoilerplatePatternError(`${file}: cannot read the pattern file: ${(error as Error).message}`);
  }
  return parseBoilerplatePatterns(data, file);
}
