import type { Db } from '../connection.js';
import type { TermKind } from '../../reference/termbase.js';

/** A term as stored: a termbase entry with every field present. */
export interface TermFields {
  preferred: string;
  variants: string[];
  exceptions: string[];
  note: string | null;
  kind: TermKind;
  language: string;
  disputed: boolean;
}

/** A stored term, with who changed it last (null: loaded from a file) and when. */
export interface StoredTerm extends TermFields {
  id: number;
  updatedBy: string | null;
  updatedAt: string;
}

export type TermAction = 'create' | 'change' | 'delete' | 'restore';

/** One change of a term: the entry as it stood after it (for a deletion, the entry it removed). */
export interface TermRevision {
  id: number;
  termId: number;
  action: TermAction;
  entry: TermFields;
  /** Null: loaded from a file. */
  actor: string | null;
  at: string;
}

export interface TermFilter {
  /** Lower-cased; matches any form of a term (preferred, variant, exception) containing it. */
  search?: string;
  kind?: TermKind;
  language?: string;
}

interface TermRow {
  id: number;
  preferred: string;
  variants: string;
  exceptions: string;
  note: string | null;
  kind: TermKind;
  language: string;
  disputed: number;
  updatedBy: string | null;
  updatedAt: string;
}

interface RevisionRow {
  id: number;
  termId: number;
  action: TermAction;
  entry: string;
  actor: string | null;
  at: string;
}

const COLUMNS = `t.id, t.preferred, t.variants, t.exceptions, t.note, t.kind, t.language, t.disputed,
  u.name AS updatedBy, t.updated_at AS updatedAt`;
const FROM = 'FROM terms t LEFT JOIN users u ON u.id = t.updated_by';
// Each filter applies only when given (NULL otherwise), so one prepared statement serves them all.
const WHERE = `WHERE (@search IS NULL OR instr(t.search_text, @search) > 0)
  AND (@kind IS NULL OR t.kind = @kind) AND (@language IS NULL OR t.language = @language)`;

function termOf(row: TermRow): StoredTerm {
  return { ...row, variants: JSON.parse(row.variants) as string[], exceptions: JSON.parse(row.exceptions) as string[], disputed: row.disputed === 1 };
}

/** The columns of a term's fields, as bound parameters. */
function params(term: TermFields) {
  return {
    preferred: term.preferred,
    variants: JSON.stringify(term.variants),
    exceptions: JSON.stringify(term.exceptions),
    note: term.note,
    kind: term.kind,
    language: term.language,
    disputed: term.disputed ? 1 : 0,
    // toLowerCase folds every script, which SQLite's lower() does not; one form a line, so a search never matches across two.
    searchText: [term.preferred, ...term.variants, ...term.exceptions].join('\n').toLowerCase(),
  };
}

export function termRepository(db: Db) {
  const all = db.prepare(`SELECT ${COLUMNS} ${FROM} ORDER BY t.id`);
  const byId = db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE t.id = ?`);
  const page = db.prepare(`SELECT ${COLUMNS} ${FROM} ${WHERE} ORDER BY t.preferred COLLATE NOCASE, t.id LIMIT @limit OFFSET @offset`);
  const count = db.prepare(`SELECT count(*) FROM terms t ${WHERE}`).pluck();
  const total = db.prepare('SELECT count(*) FROM terms').pluck();
  // The id is given when a deleted term is restored under its own id, NULL (a new one) otherwise.
  const insert = db.prepare(`INSERT INTO terms (id, preferred, variants, exceptions, note, kind, language, disputed, search_text, updated_by, updated_at)
    VALUES (@id, @preferred, @variants, @exceptions, @note, @kind, @language, @disputed, @searchText, @actorId, @now)`);
  const update = db.prepare(`UPDATE terms SET preferred = @preferred, variants = @variants, exceptions = @exceptions, note = @note, kind = @kind,
    language = @language, disputed = @disputed, search_text = @searchText, updated_by = @actorId, updated_at = @now WHERE id = @id`);
  const remove = db.prepare('DELETE FROM terms WHERE id = ?');
  const insertRevision = db.prepare(`INSERT INTO term_revisions (term_id, action, entry, actor_id, created_at)
    VALUES (@termId, @action, @entry, @actorId, @now)`);
  const revisionColumns = `r.id, r.term_id AS termId, r.action, r.entry, u.name AS actor, r.created_at AS at
    FROM term_revisions r LEFT JOIN users u ON u.id = r.actor_id`;
  const revisionsOf = db.prepare(`SELECT ${revisionColumns} WHERE r.term_id = ? ORDER BY r.id DESC`);
  const revisionById = db.prepare(`SELECT ${revisionColumns} WHERE r.id = ?`);
  const latestRevision = db.prepare('SELECT coalesce(max(id), 0) FROM term_revisions').pluck();
  const seeded = db.prepare('SELECT EXISTS (SELECT 1 FROM termbase_seed)').pluck();
  const markSeeded = db.prepare('INSERT INTO termbase_seed (id, source, terms, seeded_at) VALUES (1, @source, @terms, @now)');

  const revisionOf = (row: RevisionRow | undefined): TermRevision | undefined => row && { ...row, entry: JSON.parse(row.entry) as TermFields };

  return {
    /** Every term, in the order they were created. */
    all(): StoredTerm[] {
      return (all.all() as TermRow[]).map(termOf);
    },
    find(id: number): StoredTerm | undefined {
      const row = byId.get(id) as TermRow | undefined;
      return row && termOf(row);
    },
    /** One page of the terms the filter selects, by preferred form, and how many it selects in all. */
    page(filter: TermFilter, limit: number, offset: number): { terms: StoredTerm[]; total: number } {
      const bound = { search: filter.search || null, kind: filter.kind ?? null, language: filter.language || null };
      return { terms: (page.all({ ...bound, limit, offset }) as TermRow[]).map(termOf), total: count.get(bound) as number };
    },
    count(): number {
      return total.get() as number;
    },
    /** Stores a term (under `id` when given: a deleted term restored) and returns its id. */
    insert(term: TermFields, actorId: number | null, now: string, id: number | null = null): number {
      return Number(insert.run({ ...params(term), id, actorId, now }).lastInsertRowid);
    },
    update(id: number, term: TermFields, actorId: number | null, now: string): void {
      update.run({ ...params(term), id, actorId, now });
    },
    delete(id: number): void {
      remove.run(id);
    },
    /** Records a change and returns its revision id. */
    addRevision(revision: { termId: number; action: TermAction; entry: TermFields; actorId: number | null; now: string }): number {
      return Number(insertRevision.run({ ...revision, entry: JSON.stringify(revision.entry) }).lastInsertRowid);
    },
    /** The id of the newest change of any term (0: none yet): it moves with every change of the termbase, by any process. */
    latestRevision(): number {
      return latestRevision.get() as number;
    },
    /** A term's changes, newest first (also for a deleted term). */
    revisions(termId: number): TermRevision[] {
      return (revisionsOf.all(termId) as RevisionRow[]).map((row) => revisionOf(row)!);
    },
    revision(id: number): TermRevision | undefined {
      return revisionOf(revisionById.get(id) as RevisionRow | undefined);
    },
    /** Whether the termbase was ever loaded from a file into this database. */
    isSeeded(): boolean {
      return seeded.get() === 1;
    },
    markSeeded(source: string, terms: number, now: string): void {
      markSeeded.run({ source, terms, now });
    },
  };
}
