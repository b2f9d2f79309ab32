import sax from 'sax';
import { create } from 'xmlbuilder2';
import { TermbaseError } from '../errors.js';
import { LANGUAGE_CODE, primaryLanguage } from '../text/language.js';
import { keyOf, kindOfCategory, type ParsedEntries, type TermEntry } from './termbase.js';

/**
 * The termbase as TBX (ISO 30042:2019, TBX v3) in the TBX-Basic dialect, DCA style; the mapping
 * and its reasons are in db/data/README.md ("TBX").
 */

export const TBX_NAMESPACE = 'urn:iso:std:iso:30042:ed-2';
const DIALECT = 'TBX-Basic';

const PREFERRED = 'preferredTerm-admn-sts';
const ADMITTED = 'admittedTerm-admn-sts';
const DEPRECATED = 'deprecatedTerm-admn-sts';
const SUPERSEDED = 'supersededTerm-admn-sts';

/** The language a termbase written without one is in (TermEntry's default). */
const DEFAULT_LANGUAGE = 'en';

/** Terms read from a file, with where each entry is written for error messages. */
export interface TermsRead extends ParsedEntries {
  /** Concepts that were left out, and why ("line 40 (conceptEntry "c7"): no langSec in en"). */
  skipped: string[];
}

/**
 * The variant each exception phrase is written under: the first of the entry's variants in it.
 * Reading gathers the contexts of every variant back into one list, so this only decides where
 * a phrase shows in the file, and a plain substring test is enough.
 */
function exceptionsByVariant(entry: TermEntry): Map<string, string[]> {
  const byVariant = new Map<string, string[]>(entry.variants.map((variant) => [keyOf(variant), []]));
  for (const phrase of entry.exceptions) {
    const key = [...byVariant.keys()].find((variant) => keyOf(phrase).includes(variant)) ?? keyOf(entry.variants[0] ?? '');
    byVariant.get(key)?.push(phrase);
  }
  return byVariant;
}

/** The entries (a valid termbase) as a TBX-Basic document. */
export function termbaseTbx(entries: readonly TermEntry[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(TBX_NAMESPACE, 'tbx', { type: DIALECT, style: 'dca', 'xml:lang': DEFAULT_LANGUAGE });
  root.ele('tbxHeader').ele('fileDesc').ele('sourceDesc').ele('p').txt('The termbase of the translation review workbench');
  const body = root.ele('text').ele('body');
  entries.forEach((entry, index) => {
    const concept = body.ele('conceptEntry', { id: `c${index + 1}` });
    concept.ele('descrip', { type: 'subjectField' }).txt(entry.kind ?? 'other');
    if (entry.note) concept.ele('note').txt(entry.note);
    const langSec = concept.ele('langSec', { 'xml:lang': entry.language ?? DEFAULT_LANGUAGE });
    const exceptions = exceptionsByVariant(entry);
    // A disputed term has no house form yet: every form is admitted, none preferred.
    const term = (form: string, status: string) => {
      const termSec = langSec.ele('termSec');
      termSec.ele('term').txt(form);
      termSec.ele('termNote', { type: 'administrativeStatus' }).txt(status);
      return termSec;
    };
    term(entry.preferred, entry.disputed ? ADMITTED : PREFERRED);
    for (const variant of entry.variants) {
      const termSec = term(variant, entry.disputed ? ADMITTED : DEPRECATED);
      for (const phrase of exceptions.get(keyOf(variant)) ?? []) termSec.ele('descrip', { type: 'context' }).txt(phrase);
    }
  });
  return root.end({ prettyPrint: true });
}

interface TermSecRead {
  line: number;
  term?: string;
  status?: string;
  contexts: string[];
}

interface LangSecRead {
  line: number;
  language: string;
  notes: string[];
  terms: TermSecRead[];
}

interface ConceptRead {
  line: number;
  id?: string;
  notes: string[];
  subjectField?: string;
  langSecs: LangSecRead[];
}

/** XML reflows text: a run of whitespace in a term, note or context is one space. */
function collapsed(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** "en-GB" is written in "en": a langSec matches the file's language by its primary subtag. */
function sameLanguage(a: string, b: string): boolean {
  return primaryLanguage(a) === primaryLanguage(b);
}

/**
 * Reads a TBX-Basic file with a strict XML parser (sax), element by element: the parts of each
 * conceptEntry the termbase holds; every other data category is ignored. Throws TermbaseError
 * naming the line and element that is wrong. The entries are not yet checked against each
 * other: createTermbase does that, with `locations`.
 */
export function entriesFromTbx(content: string, file: string): TermsRead {
  const parser = sax.parser(true);
  const fail = (line: number, element: string, detail: string): never => {
    throw new TermbaseError(file, `line ${line}, <${element}>`, detail);
  };
  const read: TermsRead = { entries: [], locations: [], skipped: [] };
  /** The names of the open elements, the root first. */
  const open: string[] = [];
  let language = DEFAULT_LANGUAGE;
  let concept: ConceptRead | undefined;
  let langSec: LangSecRead | undefined;
  let termSec: TermSecRead | undefined;
  /** The text of the element being read, and where it goes when it closes. */
  let capture: { depth: number; text: string; keep: (text: string) => void } | undefined;

  /** Whether the element being opened sits in `level` directly or through one of TBX's *Grp elements. */
  const inside = (level: string): boolean => {
    const parent = open[open.length - 1];
    return parent === level || (parent !== undefined && parent.endsWith('Grp') && open[open.length - 2] === level);
  };

  /** Where the text of a data category the termbase holds goes; undefined for every other element. */
  const keeperOf = (name: string, type: string | undefined): ((text: string) => void) | undefined => {
    const [c, l, t] = [concept, langSec, termSec];
    if (t && inside('termSec')) {
      if (name === 'term') return (text) => (t.term = text);
      if (name === 'termNote' && type === 'administrativeStatus') return (text) => (t.status = text);
      if (name === 'descrip' && type === 'context') return (text) => t.contexts.push(text);
    } else if (l && !t && inside('langSec')) {
      if (name === 'note') return (text) => l.notes.push(text);
    } else if (c && !l && inside('conceptEntry')) {
      if (name === 'note') return (text) => c.notes.push(text);
      if (name === 'descrip' && type === 'subjectField') return (text) => (c.subjectField = text);
    }
    return undefined;
  };

  parser.onerror = (error) => {
    fail(parser.line + 1, open[open.length - 1] ?? 'document', `is not well-formed XML (${error.message.split('\n')[0]}).`);
  };
  parser.onopentag = ({ name, attributes }) => {
    const line = parser.line + 1;
    if (open.length === 0) {
      if (name === 'martif') fail(line, name, 'this is TBX v2; only TBX v3 (ISO 30042:2019, a <tbx> root) is read.');
      if (name !== 'tbx') fail(line, name, `the root element must be <tbx xmlns="${TBX_NAMESPACE}">.`);
      if (attributes['xmlns'] !== TBX_NAMESPACE) fail(line, name, `the namespace must be ${TBX_NAMESPACE} (ISO 30042:2019), not "${attributes['xmlns'] ?? ''}".`);
      if (attributes['type'] !== DIALECT) fail(line, name, `the dialect (type) must be ${DIALECT}, not "${attributes['type'] ?? ''}".`);
      if (attributes['style'] !== 'dca') fail(line, name, `the style must be dca, not "${attributes['style'] ?? ''}".`);
      language = attributes['xml:lang'] || DEFAULT_LANGUAGE;
    } else if (name === 'conceptEntry' && inside('body')) {
      concept = { line, notes: [], langSecs: [], ...(attributes['id'] ? { id: attributes['id'] } : {}) };
    } else if (name === 'langSec' && concept && inside('conceptEntry')) {
      const lang = attributes['xml:lang'];
      if (!lang) fail(line, name, 'a langSec must say its language (xml:lang).');
      if (!LANGUAGE_CODE.test(lang!)) fail(line, name, `"${lang}" is not a language code such as en, uk or ru.`);
      langSec = { line, language: lang!, notes: [], terms: [] };
      concept.langSecs.push(langSec);
    } else if (name === 'termSec' && langSec && inside('langSec')) {
      termSec = { line, contexts: [] };
      langSec.terms.push(termSec);
    } else if (!capture) {
      const keep = keeperOf(name, attributes['type']);
      if (keep) capture = { depth: open.length, text: '', keep };
    }
    open.push(name);
  };
  parser.ontext = parser.oncdata = (text) => {
    if (capture) capture.text += text;
  };
  parser.onclosetag = (name) => {
    open.pop();
    if (capture?.depth === open.length) {
      capture.keep(collapsed(capture.text));
      capture = undefined;
    } else if (name === 'termSec') termSec = undefined;
    else if (name === 'langSec') langSec = undefined;
    else if (name === 'conceptEntry' && concept) {
      conceptEntry(concept, language, fail, read);
      concept = undefined;
    }
  };
  parser.write(content.replace(/^\uFEFF/, '')).close();
  if (read.entries.length === 0 && read.skipped.length === 0) throw new TermbaseError(file, undefined, 'the file has no conceptEntry.');
  return read;
}

/** One conceptEntry as a termbase entry (added to `read`), or the reason it is skipped or wrong. */
function conceptEntry(concept: ConceptRead, language: string, fail: (line: number, element: string, detail: string) => never, read: TermsRead): void {
  const location = concept.id ? `line ${concept.line} (conceptEntry "${concept.id}")` : `line ${concept.line}`;
  const inLanguage = concept.langSecs.filter((l) => sameLanguage(l.language, language));
  if (concept.langSecs.length === 0) fail(concept.line, 'conceptEntry', 'a conceptEntry needs a langSec with its terms.');
  if (inLanguage.length > 1) fail(inLanguage[1]!.line, 'langSec', `a second langSec in ${language} in one conceptEntry (the first is on line ${inLanguage[0]!.line}).`);
  // A concept in other languages only is the termbase's when it has one language; with several,
  // none of them is the one the articles are checked in.
  const langSec = inLanguage[0] ?? (concept.langSecs.length === 1 ? concept.langSecs[0] : undefined);
  if (!langSec) {
    read.skipped.push(`${location}: no langSec in ${language}`);
    return;
  }

  const seen = new Map<string, TermSecRead>();
  for (const termSec of langSec.terms) {
    if (!termSec.term) fail(termSec.line, 'termSec', 'a termSec needs a <term> with text.');
    const earlier = seen.get(keyOf(termSec.term!));
    if (earlier) fail(termSec.line, 'termSec', `the term "${termSec.term}" is listed twice in this conceptEntry (first on line ${earlier.line}).`);
    seen.set(keyOf(termSec.term!), termSec);
  }
  const withStatus = (...statuses: string[]) => langSec.terms.filter((t) => t.status !== undefined && statuses.includes(t.status));
  const preferred = withStatus(PREFERRED);
  const disallowed = withStatus(DEPRECATED, SUPERSEDED);
  // Admitted terms beside a preferred one are allowed forms, which the termbase does not list; a
  // term with no status, or one of full TBX's others, says nothing the termbase keeps.
  const admitted = withStatus(ADMITTED);
  if (preferred.length > 1) fail(preferred[1]!.line, 'termSec', `a second preferred term "${preferred[1]!.term}" (the first is "${preferred[0]!.term}", line ${preferred[0]!.line}).`);

  const disputed = preferred.length === 0 && disallowed.length === 0 && admitted.length > 0;
  if (preferred.length === 0 && !disputed) {
    fail(concept.line, 'conceptEntry', `a conceptEntry without a preferred term (a termSec with <termNote type="administrativeStatus">${PREFERRED}</termNote>).`);
  }
  const [house, ...variants] = disputed ? admitted : [preferred[0]!, ...disallowed];
  const note = [...concept.notes, ...langSec.notes].filter(Boolean).join(' ');
  read.entries.push({
    preferred: house!.term!,
    variants: variants.map((t) => t.term!),
    exceptions: variants.flatMap((t) => t.contexts),
    ...(note ? { note } : {}),
    ...(concept.subjectField ? { kind: kindOfCategory(concept.subjectField) } : {}),
    language: langSec.language,
    ...(disputed ? { disputed: true } : {}),
  });
  read.locations.push(location);
}
