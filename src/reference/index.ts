import type { BoilerplateRule } from './boilerplate.js';
import { createTermbase, type Termbase, type TermEntry } from './termbase.js';

/** Reference data the checks read: loaded once, shared by every analysed article. */
export interface ReferenceData {
  termbase: Termbase;
  boilerplate: readonly BoilerplateRule[];
  /** The spellings the approved archive has established, by name key (archive-names); none when not given. */
  archiveNames?: ReadonlyMap<string, EstablishedName>;
}

/** The spelling of a name that the approved articles have established (src/services/names.ts). */
export interface EstablishedName {
  /** The name's key (src/text/name-key.ts nameKey). */
  key: string;
  spelling: string;
  /** Approved articles that write it. */
  approvedArticles: number;
  /** When the latest of them was approved (ISO 8601). */
  lastApproved: string;
}

/**
 * What may change in reference data while the server runs (an editor changes a term), as plain
 * data: it is posted to the reviewer's worker threads, which rebuild their own copy.
 */
export interface ReferenceUpdate {
  /** The whole termbase as it now stands. */
  terms?: readonly TermEntry[];
  /** Every established spelling of the archive as it now stands. */
  archiveNames?: readonly EstablishedName[];
}

/** The reference data with an update applied. */
export function updatedReference(reference: ReferenceData, update: ReferenceUpdate): ReferenceData {
  const updated = { ...reference };
  if (update.terms) updated.termbase = createTermbase(update.terms);
  if (update.archiveNames) updated.archiveNames = new Map(update.archiveNames.map((name) => [name.key, name]));
  return updated;
}

/** Two updates as one: the later one's parts replace the earlier one's. */
export function mergedUpdate(earlier: ReferenceUpdate, later: ReferenceUpdate): ReferenceUpdate {
  return { ...earlier, ...later };
}
