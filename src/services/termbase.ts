import type { StoredTerm, TermAction, TermFields, TermFilter, TermRevision } from '../db/repositories/terms.js';
import { NotFoundError, TermbaseError, ValidationError } from '../errors.js';
import { renderDiffHtml, wordDiff } from '../lib/diff/index.js';
import { DEFAULT_TERMBASE_FILE } from '../reference/load.js';
import { createTermbase, loadTermbase, TERM_KINDS, type Termbase, type TermEntry, type TermKind } from '../reference/termbase.js';
import { LANGUAGE_CODE } from '../text/language.js';
import type { Actor, ServiceContext } from './context.js';
import { queueRecheck } from './recheck.js';
import type { Reviewer } from './reviewer.js';

export const TERMS_PER_PAGE = 50;

/** A term as a form, the API or a file gives it: lists split, kind and language unchecked, optional fields absent. */
export interface TermInput {
  preferred: string;
  variants: readonly string[];
  exceptions: readonly string[];
  note?: string | null;
  kind?: string;
  language?: string;
  disputed?: boolean;
}

/** What a committed change of the termbase did. */
export interface TermbaseChange {
  /** The terms created, changed, deleted or restored, in the order of the change. */
  termIds: number[];
  /**
   * Every form of those terms (preferred, variants, exceptions), as they stood before the change
   * and after it: an article containing none of them reads the same under the new termbase.
   */
  forms: string[];
}

/** A field a revision changed: its word diff from the revision before (escaped HTML, `<del>`/`<ins>`). */
export interface FieldChange {
  field: keyof TermFields;
  diffHtml: string;
}

/** A change of one term as the history shows it: what it did, and the fields it changed from the revision before. */
export interface TermHistoryEntry extends TermRevision {
  changes: FieldChange[];
}

/** Who changed the termbase: a signed-in user, or null for the command line and the files loaded on start. */
type ChangedBy = Actor | null;

/** The term and its history, newest first; also for a deleted term (term undefined then). */
export interface TermWithHistory {
  term: StoredTerm | undefined;
  history: TermHistoryEntry[];
}

/** One page of terms as the Terms page and the API ask for it. */
export interface TermQuery {
  /** Any form of a term contains it, in any case. */
  q?: string;
  kind?: string;
  language?: string;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface TermPage {
  terms: StoredTerm[];
  total: number;
  page: number;
  pages: number;
}

const FIELD_NAMES: (keyof TermFields)[] = ['preferred', 'variants', 'exceptions', 'note', 'kind', 'language', 'disputed'];

/** The entry the checks read. */
export function entryOf({ preferred, variants, exceptions, note, kind, language, disputed }: TermFields): TermEntry {
  return { preferred, variants, exceptions, ...(note ? { note } : {}), kind, language, disputed };
}

function kindOf(kind: string | undefined): TermKind {
  const given = (kind ?? '').trim().toLowerCase() || 'other';
  if (!(TERM_KINDS as readonly string[]).includes(given)) throw new ValidationError(`The kind must be one of ${TERM_KINDS.join(', ')}; “${kind}” is not.`);
  return given as TermKind;
}

/** A form is a name or a phrase, a note a few sentences: anything longer is a paste gone wrong. */
export const MAX_FORM_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;

/** The fields of a term as given, with kind, language and lengths checked and defaults filled in; the forms are normalised when validated. */
function fieldsOf(input: TermInput): TermFields {
  const language = (input.language ?? '').trim() || 'en';
  if (!LANGUAGE_CODE.test(language)) throw new ValidationError(`“${language}” is not a language code such as en, uk or ru.`);
  const long = [input.preferred, ...input.variants, ...input.exceptions].find((form) => form.length > MAX_FORM_LENGTH);
  if (long !== undefined) throw new ValidationError(`A form or phrase has at most ${MAX_FORM_LENGTH} characters; “${long.slice(0, 40)}…” has ${long.length}.`);
  if ((input.note ?? '').length > MAX_NOTE_LENGTH) throw new ValidationError(`A note has at most ${MAX_NOTE_LENGTH} characters.`);
  return {
    preferred: input.preferred,
    variants: [...input.variants],
    exceptions: [...input.exceptions],
    note: input.note?.trim() || null,
    kind: kindOf(input.kind),
    language,
    disputed: input.disputed === true,
  };
}

/**
 * The termbase these terms make, checked as a whole (createTermbase), and each term's fields
 * with its forms normalised as the termbase keeps them. A conflict is a ValidationError naming
 * the terms involved.
 */
function validated(terms: readonly TermFields[]): { termbase: Termbase; fields: TermFields[] } {
  const name = (index: number) => `the term “${terms[index]?.preferred.trim()}”`;
  let termbase: Termbase;
  try {
    termbase = createTermbase(terms.map(entryOf), { file: 'the termbase', locate: name });
  } catch (error) {
    if (!(error instanceof TermbaseError)) throw error;
    const message = `${error.location ? `${error.location}: ` : ''}${error.detail}`;
    throw new ValidationError(message[0]!.toUpperCase() + message.slice(1));
  }
  // createTermbase keeps the order and every field; only the forms come back normalised.
  const fields = termbase.entries.map((entry, i) => ({ ...terms[i]!, preferred: entry.preferred, variants: entry.variants, exceptions: entry.exceptions }));
  return { termbase, fields };
}

/** A field as the history's diff shows it: lists one form after another, the mark as a word. */
function fieldText(fields: TermFields, field: keyof TermFields): string {
  const value = fields[field];
  if (Array.isArray(value)) return value.join(' | ');
  if (typeof value === 'boolean') return value ? 'disputed' : 'decided';
  return value ?? '';
}

function formsOf(fields: TermFields | undefined): string[] {
  return fields ? [fields.preferred, ...fields.variants, ...fields.exceptions] : [];
}

function sameFields(a: TermFields, b: TermFields): boolean {
  return FIELD_NAMES.every((field) => JSON.stringify(a[field]) === JSON.stringify(b[field]));
}

/** One term's part in a change: `after` undefined deletes it, `id` undefined creates it. */
interface Edit {
  id?: number;
  action: TermAction;
  after?: TermFields;
}

/**
 * Applies edits to the termbase in one transaction: the whole termbase after them is validated
 * first, and nothing is written when it fails. Edits that change nothing are left out. After the
 * commit, termbaseChanged tells everyone who reads the termbase.
 */
function applyEdits(ctx: ServiceContext, by: ChangedBy, plan: (current: StoredTerm[]) => Edit[]): TermbaseChange {
  const { repos } = ctx;
  const outcome = repos.transaction(() => {
    const current = repos.terms.all();
    const byId = new Map(current.map((term) => [term.id, term]));
    const edits = plan(current).filter((edit) => {
      const before = edit.id === undefined ? undefined : byId.get(edit.id);
      return !(before && edit.after && sameFields(before, edit.after)) && (before || edit.after);
    });
    if (edits.length === 0) return undefined;
    const edited = new Set(edits.map((edit) => edit.id));
    const kept = current.filter((term) => !edited.has(term.id));
    const written = edits.filter((edit) => edit.after);
    const { termbase, fields } = validated([...kept, ...written.map((edit) => edit.after!)]);
    const afterOf = new Map(written.map((edit, i) => [edit, fields[kept.length + i]!]));
    const now = ctx.now();
    const actorId = by?.id ?? null;
    const termIds: number[] = [];
    const forms = new Set<string>();
    let revision = 0;
    for (const edit of edits) {
      const before = edit.id === undefined ? undefined : byId.get(edit.id);
      const after = afterOf.get(edit);
      let id = edit.id;
      if (!after) repos.terms.delete(id!);
      else if (before) repos.terms.update(id!, after, actorId, now);
      else id = repos.terms.insert(after, actorId, now, id ?? null);
      revision = repos.terms.addRevision({ termId: id!, action: edit.action, entry: after ?? before!, actorId, now });
      termIds.push(id!);
      for (const form of [...formsOf(before), ...formsOf(after)]) forms.add(form);
    }
    return { termbase, revision, change: { termIds, forms: [...forms] } };
  });
  if (!outcome) return { termIds: [], forms: [] };
  termbaseChanged(ctx, by, outcome.termbase, outcome.revision, outcome.change);
  return outcome.change;
}

/** The newest termbase revision each reviewer reads: a change by another process shows as a newer one in the database. */
const revisionRead = new WeakMap<Reviewer, number>();

/** The review workers and this context read this termbase, as of `revision`, from the next check on. */
function useTermbase(ctx: ServiceContext, termbase: Termbase, revision: number): void {
  ctx.reference = { ...ctx.reference, termbase };
  ctx.reviewer.update({ terms: termbase.entries });
  revisionRead.set(ctx.reviewer, revision);
}

/**
 * For the server, every few seconds: when another process (`workbench terms import`) changed the
 * termbase since this one's reviewer last read it, it reads it again. One indexed query when
 * nothing changed. Returns whether it did.
 */
export function followTermbase(ctx: ServiceContext): boolean {
  const { repos } = ctx;
  if (repos.terms.latestRevision() === revisionRead.get(ctx.reviewer)) return false;
  const { terms, revision } = repos.snapshot(() => ({ terms: repos.terms.all(), revision: repos.terms.latestRevision() }));
  useTermbase(ctx, validated(terms).termbase, revision);
  return true;
}

/**
 * What follows every committed change of the termbase, after its transaction: the checks take
 * the new termbase, and the articles that hold one of `change.forms` are queued to be checked
 * again in the background (services/recheck.ts).
 */
export function termbaseChanged(ctx: ServiceContext, by: ChangedBy, termbase: Termbase, revision: number, change: TermbaseChange): void {
  useTermbase(ctx, termbase, revision);
  queueRecheck(ctx, change.forms, by);
}

function existing(ctx: ServiceContext, id: number): StoredTerm {
  const term = ctx.repos.terms.find(id);
  if (!term) throw new NotFoundError(`There is no term ${id}.`);
  return term;
}

/** The repository's filter for a query; an unknown kind is a ValidationError. */
function filterOf(query: TermQuery): TermFilter {
  return {
    search: query.q?.trim().toLowerCase() || undefined,
    kind: query.kind ? kindOf(query.kind) : undefined,
    language: query.language?.trim() || undefined,
  };
}

/** One page of terms by preferred form, filtered by any form, kind and language. */
export function listTerms(ctx: ServiceContext, query: TermQuery = {}): TermPage {
  const perPage = query.perPage ?? TERMS_PER_PAGE;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const { terms, total } = ctx.repos.terms.page(filterOf(query), perPage, (page - 1) * perPage);
  return { terms, total, page, pages: Math.max(1, Math.ceil(total / perPage)) };
}

/** Every term a query selects, by preferred form (the API's answer). */
export function searchTerms(ctx: ServiceContext, query: Omit<TermQuery, 'page' | 'perPage'>): StoredTerm[] {
  // SQLite reads a negative LIMIT as none.
  return ctx.repos.terms.page(filterOf(query), -1, 0).terms;
}

export function getTerm(ctx: ServiceContext, id: number): StoredTerm {
  return existing(ctx, id);
}

/** Every term as the checks read it, in the order they were created. */
export function termEntries(ctx: ServiceContext): TermEntry[] {
  return ctx.repos.terms.all().map(entryOf);
}

export function createTerm(ctx: ServiceContext, by: ChangedBy, input: TermInput): TermbaseChange {
  const after = fieldsOf(input);
  return applyEdits(ctx, by, () => [{ action: 'create', after }]);
}

export function updateTerm(ctx: ServiceContext, by: ChangedBy, id: number, input: TermInput): TermbaseChange {
  const after = fieldsOf(input);
  existing(ctx, id);
  return applyEdits(ctx, by, () => [{ id, action: 'change', after }]);
}

export function deleteTerm(ctx: ServiceContext, by: ChangedBy, id: number): TermbaseChange {
  existing(ctx, id);
  return applyEdits(ctx, by, () => [{ id, action: 'delete' }]);
}

/** Marks a term disputed (no house form yet) or decided again. */
export function setTermDisputed(ctx: ServiceContext, by: ChangedBy, id: number, disputed: boolean): TermbaseChange {
  const term = existing(ctx, id);
  return applyEdits(ctx, by, () => [{ id, action: 'change', after: { ...fieldsOf(term), disputed } }]);
}

/** A term's history, newest first, each revision with the fields it changed; also for a deleted term. */
export function termHistory(ctx: ServiceContext, id: number): TermWithHistory {
  const revisions = ctx.repos.terms.revisions(id);
  const term = ctx.repos.terms.find(id);
  if (!term && revisions.length === 0) throw new NotFoundError(`There is no term ${id}.`);
  const history = revisions.map((revision, i) => {
    const older = revisions[i + 1];
    const changes = revision.action === 'delete' ? [] : FIELD_NAMES.flatMap((field): FieldChange[] => {
      const [before, after] = [older ? fieldText(older.entry, field) : '', fieldText(revision.entry, field)];
      return before === after ? [] : [{ field, diffHtml: renderDiffHtml(wordDiff(before, after).parts) }];
    });
    return { ...revision, changes };
  });
  return { term, history };
}

/**
 * Brings a term back to the state a revision recorded (a deleted term comes back under its id);
 * validated like any change, and recorded as a restore.
 */
export function restoreTermRevision(ctx: ServiceContext, by: ChangedBy, termId: number, revisionId: number): TermbaseChange {
  const revision = ctx.repos.terms.revision(revisionId);
  if (!revision || revision.termId !== termId) throw new NotFoundError(`Term ${termId} has no revision ${revisionId}.`);
  return applyEdits(ctx, by, () => [{ id: termId, action: 'restore', after: revision.entry }]);
}

/**
 * A termbase file's entries applied as one change (all or nothing): a term whose preferred form
 * (in any case) is stored is changed to the file's, the others are added, and with `replace` the
 * stored terms the file does not list are deleted.
 */
export function applyImport(ctx: ServiceContext, by: ChangedBy, entries: readonly TermInput[], options: { replace: boolean }): TermbaseChange {
  const given = entries.map(fieldsOf);
  const key = (form: string) => form.trim().replace(/\s+/gu, ' ').toLowerCase();
  return applyEdits(ctx, by, (current) => {
    const stored = new Map(current.map((term) => [key(term.preferred), term.id]));
    const listed = new Set(given.map((fields) => key(fields.preferred)));
    const edits: Edit[] = given.map((after) => {
      const id = stored.get(key(after.preferred));
      return id === undefined ? { action: 'create', after } : { id, action: 'change', after };
    });
    const removed = options.replace ? current.filter((term) => !listed.has(key(term.preferred))) : [];
    return [...edits, ...removed.map((term): Edit => ({ id: term.id, action: 'delete' }))];
  });
}

/**
 * On start, for the server and the command line over a database: loads the termbase file (the
 * starter termbase unless another is named) into a database that never had one, once (an editor
 * who deletes every term does not get it back), then has the reviewer read the database's terms.
 * Returns how many terms were loaded, or undefined when none were.
 */
export function startTermbase(ctx: ServiceContext, file: string | undefined): number | undefined {
  const { repos } = ctx;
  // The file is read outside the transaction, and only by a database that may need it.
  const fromFile = repos.terms.isSeeded() ? undefined : loadTermbase(file ?? DEFAULT_TERMBASE_FILE);
  const seeded = fromFile && repos.transaction(() => {
    if (repos.terms.isSeeded()) return undefined;
    const now = ctx.now();
    const empty = repos.terms.count() === 0;
    const entries = empty ? fromFile.entries : [];
    for (const entry of entries) {
      const fields = fieldsOf(entry);
      const id = repos.terms.insert(fields, null, now);
      repos.terms.addRevision({ termId: id, action: 'create', entry: fields, actorId: null, now });
    }
    repos.terms.markSeeded(file ?? 'the starter termbase', entries.length, now);
    return entries.length;
  });
  followTermbase(ctx);
  return seeded;
}
