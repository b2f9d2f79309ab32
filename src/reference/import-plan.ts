import { createTermbase, keyOf, type TermEntry } from './termbase.js';
import type { TermFile } from './term-files.js';

/** merge: the file's terms are added or replace those with their preferred form, the rest stay; replace: the file is the whole termbase. */
export const IMPORT_MODES = ['merge', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** What an entry says, field by field; a change names the fields it changes. */
export const TERM_FIELDS = ['preferred', 'variants', 'exceptions', 'note', 'kind', 'language', 'disputed'] as const;
export type TermField = (typeof TERM_FIELDS)[number];

export interface TermChange {
  before: TermEntry;
  after: TermEntry;
  fields: TermField[];
}

/** What importing a file would do to the termbase, before anything is done. */
export interface ImportPlan {
  mode: ImportMode;
  added: TermEntry[];
  changed: TermChange[];
  /** Only with replace: the terms the file does not have. */
  removed: TermEntry[];
  unchanged: TermEntry[];
  /** The whole termbase as the import leaves it, checked: current order, added terms last. */
  result: TermEntry[];
}

/** A field's value with TermEntry's defaults filled in, lists in a stable order: equal values mean the same termbase. */
function valueOf(entry: TermEntry, field: TermField): string {
  switch (field) {
    case 'preferred':
      return entry.preferred;
    case 'variants':
    case 'exceptions':
      // The order of forms means nothing to the checks, and TBX groups exceptions by variant.
      return JSON.stringify([...entry[field]].sort());
    case 'note':
      return entry.note ?? '';
    case 'kind':
      return entry.kind ?? 'other';
    case 'language':
      return entry.language ?? 'en';
    case 'disputed':
      return String(entry.disputed ?? false);
  }
}

/** The fields in which two entries differ; none when they say the same. */
export function changedFields(before: TermEntry, after: TermEntry): TermField[] {
  return TERM_FIELDS.filter((field) => valueOf(before, field) !== valueOf(after, field));
}

/**
 * What importing `file` into a termbase of `current` entries would change, terms matched by
 * their preferred form, case-insensitively. Throws TermbaseError when the termbase the import
 * leaves would not be valid (a file's variant already listed under a term it keeps), naming the
 * file's line and the term already there.
 */
export function planImport(current: readonly TermEntry[], file: Pick<TermFile, 'file' | 'entries' | 'locations'>, mode: ImportMode): ImportPlan {
  const incoming = new Map(file.entries.map((entry, index) => [keyOf(entry.preferred), { entry, index }]));
  const plan: ImportPlan = { mode, added: [], changed: [], removed: [], unchanged: [], result: [] };
  /** Where each entry of the result comes from, for messages. */
  const origins: string[] = [];
  for (const before of current) {
    const key = keyOf(before.preferred);
    const match = incoming.get(key);
    incoming.delete(key);
    if (!match) {
      if (mode === 'replace') plan.removed.push(before);
      else {
        plan.result.push(before);
        origins.push(`"${before.preferred}" already in the termbase`);
      }
      continue;
    }
    const fields = changedFields(before, match.entry);
    if (fields.length) plan.changed.push({ before, after: match.entry, fields });
    else plan.unchanged.push(before);
    plan.result.push(fields.length ? match.entry : before);
    origins.push(file.locations[match.index] ?? `entry ${match.index + 1}`);
  }
  for (const { entry, index } of incoming.values()) {
    plan.added.push(entry);
    plan.result.push(entry);
    origins.push(file.locations[index] ?? `entry ${index + 1}`);
  }
  createTermbase(plan.result, { file: file.file, locate: (index) => origins[index] ?? `entry ${index + 1}` });
  return plan;
}
