import { BoilerplatePatternError } from '../errors.js';

/** A kind of scraping residue, recognised by a regular expression over one passage. */
export interface BoilerplatePattern {
  id: string;
  /** Shown to translators as the finding's message, e.g. "A view counter from the web page, not article text." */
  description: string;
  /**
   * Source of a regular expression that must match a whole passage (a line); it is anchored
   * as `^(?:pattern)$` when compiled, so "Read also:" at the start of a real sentence does not count.
   */
  pattern: string;
  /** Regular expression flags; `iu` when not given. `g` and `y` are refused (tests would become stateful). */
  flags?: string;
  /** Flag only the second and later identical copies of a matching line (a photo credit may stand once). */
  onlyRepeats?: boolean;
  /** When the line is only a label ("Read also:"), the link lines right under it (no blank line between) go with it. */
  takesList?: boolean;
}

export interface BoilerplateRule extends BoilerplatePattern {
  regex: RegExp;
}

const DEFAULT_FLAGS = 'iu';
const ALLOWED_FLAGS = /^[dimsuv]*$/;
const FIELDS = new Set(['id', 'description', 'pattern', 'flags', 'onlyRepeats', 'takesList']);

export function compileBoilerplate(patterns: readonly BoilerplatePattern[]): BoilerplateRule[] {
  return patterns.map((p, i) => ({ ...p, regex: compilePattern(p, `pattern ${i + 1} ("${p.id}")`) }));
}

/**
 * Checks the contents of a pattern file ({"patterns": [{id, description, pattern, flags?, …}]})
 * and returns its patterns, or throws a BoilerplatePatternError naming the file and the pattern.
 */
export function parseBoilerplatePatterns(data: unknown, source: string): BoilerplatePattern[] {
  const fail = (why: string): never => {
    throw new BoilerplatePatternError(`${source}: ${why}`);
  };
  if (!isRecord(data) || !Array.isArray(data.patterns)) fail('expected an object {"patterns": [...]}');
  const entries = (data as { patterns: unknown[] }).patterns;
  const ids = new Set<string>();
  return entries.map((entry, i) => {
    const where = `pattern ${i + 1}`;
    if (!isRecord(entry)) return fail(`${where} is not an object`);
    const id = entry.id;
    if (typeof id !== 'string' || !/^\S+$/.test(id)) return fail(`${where} has no "id" (a unique name without spaces, e.g. "view-counter")`);
    const named = `${where} ("${id}")`;
    if (ids.has(id)) fail(`${named}: the id is used twice in this file`);
    ids.add(id);
    for (const key of Object.keys(entry)) {
      if (!FIELDS.has(key)) fail(`${named}: unknown field "${key}" (known: ${[...FIELDS].join(', ')})`);
    }
    if (typeof entry.description !== 'string' || !entry.description.trim()) fail(`${named} has no "description" (the message translators see)`);
    if (typeof entry.pattern !== 'string' || !entry.pattern) fail(`${named} has no "pattern"`);
    if (entry.flags !== undefined && typeof entry.flags !== 'string') fail(`${named}: "flags" must be a string such as "iu"`);
    for (const key of ['onlyRepeats', 'takesList'] as const) {
      if (entry[key] !== undefined && typeof entry[key] !== 'boolean') fail(`${named}: "${key}" must be true or false`);
    }
    const pattern = entry as unknown as BoilerplatePattern;
    try {
      compilePattern(pattern, named);
    } catch (error) {
      fail((error as Error).message);
    }
    return pattern;
  });
}

/**
 * The default patterns extended by a user's: a user pattern with the id of a default one
 * replaces it in place (to narrow or loosen it), any other is added after the defaults.
 */
export function mergeBoilerplatePatterns(
  defaults: readonly BoilerplatePattern[],
  extra: readonly BoilerplatePattern[],
): BoilerplatePattern[] {
  const byId = new Map(extra.map((p) => [p.id, p]));
  const merged = defaults.map((p) => byId.get(p.id) ?? p);
  const defaultIds = new Set(defaults.map((p) => p.id));
  return [...merged, ...extra.filter((p) => !defaultIds.has(p.id))];
}

function compilePattern(p: BoilerplatePattern, where: string): RegExp {
  const flags = p.flags ?? DEFAULT_FLAGS;
  if (!ALLOWED_FLAGS.test(flags)) {
    throw new BoilerplatePatternError(`${where}: flags "${flags}" are not allowed; use only d, i, m, s, u, v`);
  }
  let regex: RegExp;
  try {
    // Compiled bare first: "a)|(b" is invalid alone but would pass once wrapped in the anchors.
    new RegExp(p.pattern, flags);
    regex = new RegExp(`^(?:${p.pattern})$`, flags);
  } catch (error) {
    throw new BoilerplatePatternError(`${where}: invalid regular expression: ${(error as Error).message}`);
  }
  // A pattern that matches an empty line is all optional parts and would flag every line.
  if (regex.test('')) throw new BoilerplatePatternError(`${where}: the pattern matches an empty line, so it would match every line`);
  return regex;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
