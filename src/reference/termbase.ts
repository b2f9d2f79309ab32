import { readFileSync } from 'node:fs';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { TermbaseError } from '../errors.js';
import { unguardFormula } from '../lib/spreadsheet-cell.js';
import { LANGUAGE_CODE } from '../text/language.js';
import { tokenize, type Token } from '../text/segment.js';

/** One preferred form with the variants a newsroom does not want (textlint-rule-prh's "expected ⇐ patterns"). */
export interface TermEntry {
  preferred: string;
  variants: string[];
  /** Phrases in which a variant is right and must not be flagged ("Chicken Kiev"). */
  exceptions: string[];
  /** Why the entry exists; shown to translators. */
  note?: string;
  /** What the term names; `other` when not given. */
  kind?: TermKind;
  /** The language of the texts the term applies to (BCP 47); `en` when not given. */
  language?: string;
  /**
   * No house form is decided yet: every listed form is allowed, but an article keeps to one
   * of them (the name-variants check's consistency, not the terms check's fix).
   */
  disputed?: boolean;
}

export const TERM_KINDS = ['place', 'person', 'organisation', 'other'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

/**
 * The kind for a legacy `category` label (termbase files before kinds): places by their sort,
 * people and organisations as they are, anything else `other`.
 */
const KIND_OF_CATEGORY: Readonly<Record<string, TermKind>> = {
  city: 'place', town: 'place', village: 'place', region: 'place', river: 'place', country: 'place', place: 'place',
  person: 'person', people: 'person',
  organisation: 'organisation', organization: 'organisation',
};

export function kindOfCategory(category: string): TermKind {
  return KIND_OF_CATEGORY[category.trim().toLowerCase()] ?? 'other';
}

/** A disallowed variant written in a text. */
export interface VariantMatch {
  start: number;
  end: number;
  entry: TermEntry;
  /** The variant as the termbase lists it. */
  variant: string;
}

export interface Termbase {
  readonly entries: readonly TermEntry[];
  /** The entry whose preferred form or variant is this spelling (case-insensitive, possessive stripped). */
  entryFor(spelling: string): TermEntry | undefined;
  /**
   * Every variant as a whole word (multi-word variants with any spaces between their words),
   * case-insensitive, longest first; compiled once per termbase. Global: use it with matchAll.
   */
  readonly variantPattern: RegExp;
  /**
   * The variants a text uses, in text order, leaving out those inside one of their entry's
   * exception phrases and those written in lower case where the variant is capitalised
   * ("kiev" is a web address or handle, "luck" is not "Luck"). `tokens` are the text's tokens
   * (from segmentation): only a word that begins some variant is looked at further, which is
   * far cheaper than running the variant pattern at every position of the text.
   */
  findVariants(text: string, tokens: Iterable<Token>): VariantMatch[];
}

/** Where entries come from, for error messages. */
export interface TermbaseOrigin {
  file: string;
  /** Where the entry with this index is written ("line 4"). */
  locate(index: number): string;
}

/** Strips an English possessive so "Kiev's" looks up "Kiev". */
export function withoutPossessive(word: string): string {
  // Called on every word of an article: test the last letter before reaching for a regex.
  const last = word.charCodeAt(word.length - 1);
  return last === 115 || last === 83 ? word.replace(/['’]s$/iu, '') : word;
}

// A hit must not continue a word on either side; "_" counts as a word character so slugs
// and identifiers ("kiev_post") are left alone. Hyphens and apostrophes are boundaries:
// "pro-Kiev" and "Kiev's" are hits.
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}_]';
// Words of a multi-word term may be separated by any run of spaces on one line.
const SPACE_RUN = '[\\p{Zs}\\t]+';
const WORD_CHAR_AT = new RegExp(`^${WORD_CHAR}$`, 'u');

/** Trims and collapses inner whitespace, so "Krivoy  Rog" and "Krivoy Rog" are one spelling. */
function normalise(form: string): string {
  return form.trim().replace(/\s+/gu, ' ');
}

/** How two spellings of one form compare: spaces collapsed, case ignored. */
export function keyOf(form: string): string {
  return normalise(form).toLowerCase();
}

// Only the syntax characters: the unicode flag forbids escaping anything else ("\\-").
function escapeText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, SPACE_RUN);
}

function patternSource(form: string): string {
  return escapeText(normalise(form));
}

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

/**
 * A regular expression source matching exactly these words, built as a trie so the engine
 * follows one branch per character instead of trying every variant at every word start
 * (six times faster than a flat alternation over a 10 MB text). Greedy optional tails
 * make the longest variant win, backing off to a shorter one when a boundary fails.
 */
function trieSource(words: Iterable<string>): string {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const word of words) {
    let node = root;
    for (const char of word) {
      let next = node.children.get(char);
      if (!next) node.children.set(char, (next = { children: new Map(), terminal: false }));
      node = next;
    }
    node.terminal = true;
  }
  const source = (node: TrieNode): string => {
    const branches = [...node.children].map(([char, child]) => escapeText(char) + source(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    return node.terminal ? `(?:${body})?` : body;
  };
  return source(root);
}

function phrasePattern(phrases: readonly string[]): RegExp {
  return new RegExp(`(?<!${WORD_CHAR})(?:${phrases.map(patternSource).join('|')})(?!${WORD_CHAR})`, 'giu');
}

function startsUpperCase(text: string): boolean {
  const first = text[0] ?? '';
  return first !== first.toLowerCase();
}

function startsLowerCase(text: string): boolean {
  const first = text[0] ?? '';
  return first !== first.toUpperCase();
}

interface CompiledExceptions {
  pattern: RegExp;
  /** How far before a hit an exception phrase can begin. */
  reach: number;
}

const DEFAULT_ORIGIN: TermbaseOrigin = { file: '(in memory)', locate: (index) => `entry ${index + 1}` };

/** Builds a termbase, after checking that its entries make sense together; throws TermbaseError. */
export function createTermbase(given: readonly TermEntry[], origin: TermbaseOrigin = DEFAULT_ORIGIN): Termbase {
  // Stray spaces from a spreadsheet must not end up in a fix or a message.
  const entries: TermEntry[] = given.map((entry) => ({
    ...entry,
    preferred: typeof entry.preferred === 'string' ? normalise(entry.preferred) : '',
    variants: entry.variants.map(normalise),
    exceptions: entry.exceptions.map(normalise).filter(Boolean),
  }));
  const bySpelling = new Map<string, TermEntry>();
  const byVariant = new Map<string, { entry: TermEntry; variant: string }>();
  const exceptions = new Map<TermEntry, CompiledExceptions>();
  const fail = (index: number, detail: string): never => {
    throw new TermbaseError(origin.file, origin.locate(index), detail);
  };

  const preferredAt = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (!entry.preferred) fail(index, 'the preferred form is missing.');
    const key = keyOf(entry.preferred);
    const earlier = preferredAt.get(key);
    if (earlier !== undefined) fail(index, `"${entry.preferred}" is already the preferred form of ${origin.locate(earlier)}.`);
    preferredAt.set(key, index);
  });

  const variantAt = new Map<string, number>();
  entries.forEach((entry, index) => {
    bySpelling.set(keyOf(entry.preferred), entry);
    for (const variant of entry.variants) {
      const key = keyOf(variant);
      if (!key) fail(index, 'a variant is empty.');
      if (!/^[\p{L}\p{N}](?:.*[\p{L}\p{N}])?$/u.test(variant)) {
        fail(index, `the variant "${variant}" must begin and end with a letter or digit.`);
      }
      if (key === keyOf(entry.preferred)) fail(index, `the variant "${variant}" is the preferred form itself.`);
      const other = preferredAt.get(key);
      if (other !== undefined) fail(index, `the variant "${variant}" is the preferred form of ${origin.locate(other)}.`);
      const earlier = variantAt.get(key);
      if (earlier === index) fail(index, `the variant "${variant}" is listed twice.`);
      if (earlier !== undefined) fail(index, `the variant "${variant}" is also listed under "${entries[earlier]!.preferred}" (${origin.locate(earlier)}).`);
      variantAt.set(key, index);
      bySpelling.set(key, entry);
      byVariant.set(key, { entry, variant });
    }
  });

  // No variants at all gives a pattern that matches nothing rather than the empty string everywhere.
  const variantPattern = new RegExp(
    byVariant.size ? `(?<!${WORD_CHAR})${trieSource(byVariant.keys())}(?!${WORD_CHAR})` : '[^\\s\\S]',
    'giu',
  );
  /** The variants written in a form. exec, not matchAll, which would clone (and compile again) the whole termbase's pattern for every form checked. */
  const variantsIn = (form: string): string[] => {
    const found: string[] = [];
    variantPattern.lastIndex = 0;
    for (let m = variantPattern.exec(form); m; m = variantPattern.exec(form)) found.push(m[0]);
    return found;
  };

  entries.forEach((entry, index) => {
    // A preferred form that contains a variant would be "fixed" again on every pass.
    const inPreferred = variantsIn(entry.preferred);
    if (inPreferred.length > 0) fail(index, `the preferred form "${entry.preferred}" contains the variant "${inPreferred[0]}", so a fix would never settle.`);
    for (const phrase of entry.exceptions) {
      const coversVariant = variantsIn(phrase).some((variant) => byVariant.get(keyOf(variant))?.entry === entry);
      if (!coversVariant) fail(index, `the exception "${phrase}" contains none of the variants of "${entry.preferred}".`);
    }
  });

  // The first word of every variant, as the tokenizer splits it: the cheap test a word must pass.
  const firstWords = new Set([...byVariant.keys()].map((variant) => tokenize(variant)[0]?.text ?? variant));
  // Cheaper still, and enough to turn away almost every word: first letter and length.
  const shapeOf = (word: string) => {
    const first = word.charCodeAt(0);
    const lower = first < 128 ? first | 32 : word[0]!.toLowerCase().charCodeAt(0);
    return lower * 64 + Math.min(word.length, 63);
  };
  const firstWordShapes = new Set([...firstWords].flatMap((word) => [shapeOf(word), shapeOf(`${word}'s`)]));
  const variantHere = new RegExp(variantPattern.source.replace(`(?<!${WORD_CHAR})`, ''), 'iuy');

  /**
   * An entry's exception phrases as one pattern, compiled when a text first uses one of its
   * variants: compiling every entry's up front (a case-insensitive Unicode expression each) was
   * most of the time a termbase of thousands of terms took to build.
   */
  const exceptionsOf = (entry: TermEntry): CompiledExceptions | undefined => {
    if (entry.exceptions.length === 0) return undefined;
    let compiled = exceptions.get(entry);
    // Spaces in the text may be longer runs than in the phrase; double the reach for them.
    if (!compiled) exceptions.set(entry, (compiled = { pattern: phrasePattern(entry.exceptions), reach: 2 * Math.max(...entry.exceptions.map((p) => p.length)) }));
    return compiled;
  };

  const insideException = (text: string, hit: VariantMatch): boolean => {
    const compiled = exceptionsOf(hit.entry);
    if (!compiled) return false;
    // Search a window around the hit, not the rest of the text: a search from the hit to the
    // end of a long text for every hit is quadratic. The window's edges can cut a word, so a
    // match there must still have word boundaries in the whole text.
    const from = Math.max(0, hit.start - compiled.reach);
    const window = text.slice(from, hit.end + compiled.reach);
    const { pattern } = compiled;
    // exec on the compiled pattern, not matchAll, which clones the expression on every hit.
    pattern.lastIndex = 0;
    for (let m = pattern.exec(window); m; m = pattern.exec(window)) {
      const start = from + m.index;
      const end = start + m[0].length;
      if (start > hit.start) return false;
      if (end >= hit.end && !WORD_CHAR_AT.test(text[start - 1] ?? '') && !WORD_CHAR_AT.test(text[end] ?? '')) return true;
    }
    return false;
  };

  return {
    entries,
    entryFor: (spelling) => bySpelling.get(keyOf(withoutPossessive(spelling))),
    variantPattern,
    findVariants(text, tokens) {
      const found: VariantMatch[] = [];
      let searchedTo = 0;
      for (const token of tokens) {
        if (token.start < searchedTo || token.kind !== 'word' || !firstWordShapes.has(shapeOf(token.text))) continue;
        if (!firstWords.has(withoutPossessive(token.text).toLowerCase())) continue;
        if (WORD_CHAR_AT.test(text[token.start - 1] ?? '')) continue;
        variantHere.lastIndex = token.start;
        const m = variantHere.exec(text);
        if (!m) continue;
        searchedTo = variantHere.lastIndex;
        const known = byVariant.get(keyOf(m[0]));
        if (!known) continue;
        if (startsLowerCase(m[0]) && startsUpperCase(known.variant)) continue;
        const hit = { start: m.index, end: m.index + m[0].length, ...known };
        if (!insideException(text, hit)) found.push(hit);
      }
      return found;
    },
  };
}

export type TermbaseFormat = 'csv' | 'json';

const FIELDS = ['preferred', 'variants', 'exceptions', 'note', 'kind', 'language', 'disputed', 'category'] as const;
type Field = (typeof FIELDS)[number];

/** A termbase file's format: by its extension, else JSON when it starts like JSON, else CSV. */
export function formatOf(file: string, content: string): TermbaseFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.json$/i.test(file)) return 'json';
  return /^\uFEFF?\s*[[{]/u.test(content) ? 'json' : 'csv';
}

/** Parses a termbase file's text (CSV or JSON, by extension or else by content); throws TermbaseError. */
export function parseTermbase(content: string, file: string, format: TermbaseFormat = formatOf(file, content)): Termbase {
  const { entries, locations } = termbaseEntries(content, file, format);
  return createTermbase(entries, { file, locate: (index) => locations[index] ?? `entry ${index + 1}` });
}

/**
 * A termbase file's entries, each well-formed, with where each is written; not yet checked
 * against each other (createTermbase does that). Throws TermbaseError.
 */
export function termbaseEntries(content: string, file: string, format: TermbaseFormat = formatOf(file, content)): ParsedEntries {
  if (!content.replace(/^\uFEFF/, '').trim()) throw new TermbaseError(file, undefined, 'the file is empty.');
  const parsed = format === 'csv' ? entriesFromCsv(content, file) : entriesFromJson(content, file);
  if (parsed.entries.length === 0) throw new TermbaseError(file, undefined, 'the file has no entries.');
  return parsed;
}

/** Reads and parses a termbase file; throws TermbaseError. */
export function loadTermbase(file: string): Termbase {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TermbaseError(file, undefined, `cannot be read (${(error as Error).message}).`);
  }
  return parseTermbase(content, file);
}

export interface ParsedEntries {
  entries: TermEntry[];
  /** Where each entry is written, for error messages. */
  locations: string[];
}

/** Splits a CSV cell holding several forms: "Kiev|Kiyv". */
function listCell(cell: string | undefined): string[] {
  return (cell ?? '').split('|').map((s) => s.trim()).filter(Boolean);
}

function entriesFromCsv(content: string, file: string): ParsedEntries {
  // Where each record ends, for error messages (csv-parse's types do not model `info: true`).
  const lines: number[] = [];
  let records: string[][];
  try {
    records = parseCsv(content, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context) => {
        lines.push(context.lines);
        // Files this workbench wrote guard formula-like cells with an apostrophe (termbase-csv.ts).
        return record.map(unguardFormula);
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new TermbaseError(file, undefined, `is not valid CSV (${error.message}).`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) throw new TermbaseError(file, undefined, 'the file is empty.');
  const columns = header.map((name) => name.toLowerCase());
  const unknown = columns.filter((name) => !(FIELDS as readonly string[]).includes(name));
  if (unknown.length || !columns.includes('preferred')) {
    throw new TermbaseError(file, `line ${lines[0]}`, `the header must name the columns ${FIELDS.join(',')} (preferred is required); found "${header.join(',')}".`);
  }
  const cell = (record: string[], field: Field): string | undefined => {
    const at = columns.indexOf(field);
    return at < 0 ? undefined : record[at];
  };
  return {
    entries: body.map((record, index) => ({
      preferred: cell(record, 'preferred') ?? '',
      variants: listCell(cell(record, 'variants')),
      exceptions: listCell(cell(record, 'exceptions')),
      ...optional('note', cell(record, 'note')),
      ...described(cell(record, 'kind'), cell(record, 'category'), cell(record, 'language'), cell(record, 'disputed'), (detail) => {
        throw new TermbaseError(file, `line ${lines[index + 1]}`, detail);
      }),
    })),
    locations: lines.slice(1).map((line) => `line ${line}`),
  };
}

function optional<K extends 'note'>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value.trim() ? ({ [key]: value.trim() } as Record<K, string>) : {};
}

const YES = ['true', 'yes', '1'];
const NO = ['false', 'no', '0', ''];

/** The kind, language and disputed mark of an entry as a file writes them (text cells or JSON values); `fail` throws. */
function described(kind: unknown, category: unknown, language: unknown, disputed: unknown, fail: (detail: string) => never): Pick<TermEntry, 'kind' | 'language' | 'disputed'> {
  const out: Pick<TermEntry, 'kind' | 'language' | 'disputed'> = {};
  if (typeof kind === 'string' && kind.trim()) {
    const given = kind.trim().toLowerCase();
    if (!(TERM_KINDS as readonly string[]).includes(given)) fail(`the kind "${kind.trim()}" is not one of ${TERM_KINDS.join(', ')}.`);
    out.kind = given as TermKind;
  } else if (kind !== undefined && typeof kind !== 'string') fail('"kind" must be a string.');
  else if (typeof category === 'string' && category.trim()) out.kind = kindOfCategory(category);
  else if (category !== undefined && typeof category !== 'string') fail('"category" must be a string.');
  if (typeof language === 'string' && language.trim()) {
    if (!LANGUAGE_CODE.test(language.trim())) fail(`"${language.trim()}" is not a language code such as en, uk or ru.`);
    out.language = language.trim();
  } else if (language !== undefined && typeof language !== 'string') fail('"language" must be a string.');
  if (typeof disputed === 'boolean') out.disputed = disputed;
  else if (typeof disputed === 'string' && YES.includes(disputed.trim().toLowerCase())) out.disputed = true;
  else if (disputed !== undefined && !(typeof disputed === 'string' && NO.includes(disputed.trim().toLowerCase()))) fail('"disputed" must be true or false.');
  return out;
}

function entriesFromJson(content: string, file: string): ParsedEntries {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new TermbaseError(file, undefined, `is not valid JSON (${(error as Error).message}).`);
  }
  const list = Array.isArray(data) ? data : isRecord(data) ? data['entries'] : undefined;
  if (!Array.isArray(list)) throw new TermbaseError(file, undefined, 'expected {"entries": [...]} or an array of entries.');
  const locations = list.map((_, index) => `entry ${index + 1}`);
  const entries = list.map((raw: unknown, index): TermEntry => {
    const fail = (detail: string): never => {
      throw new TermbaseError(file, locations[index], detail);
    };
    if (!isRecord(raw)) return fail('an entry must be an object.');
    const unknown = Object.keys(raw).filter((key) => !(FIELDS as readonly string[]).includes(key));
    if (unknown.length) fail(`unknown field "${unknown[0]}"; the fields are ${FIELDS.join(', ')}.`);
    if (typeof raw['preferred'] !== 'string') fail('the preferred form is missing.');
    const strings = (field: 'variants' | 'exceptions'): string[] => {
      const value = raw[field] ?? [];
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return fail(`"${field}" must be a list of strings.`);
      return value as string[];
    };
    if (raw['note'] !== undefined && typeof raw['note'] !== 'string') fail('"note" must be a string.');
    return {
      preferred: raw['preferred'] as string,
      variants: strings('variants'),
      exceptions: strings('exceptions'),
      ...optional('note', raw['note']),
      ...described(raw['kind'], raw['category'], raw['language'], raw['disputed'], fail),
    };
  });
  return { entries, locations };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
