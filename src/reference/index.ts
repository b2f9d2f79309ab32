import type { BoilerplateRule } from './boilerplate.js';
import { createTermbase, type Termbase, type TermEntry } from './termbase.js';

/** Reference data the checks read: loaded once, shared by every analysed article. */
export interface ReferenceData {
  termbase: Termbase;
  boilerplate: readonly BoilerplateRule[];
}

/**
 * What may change in reference data while the server runs (an editor changes a term), as plain
 * data: it is posted to the reviewer's worker threads, which rebuild their own copy.
 */
export interface ReferenceUpdate {
  /** The whole termbase as it now stands. */
  terms?: readonly TermEntry[];
}

/** The reference data with an update applied. */
export function updatedReference(reference: ReferenceData, update: ReferenceUpdate): ReferenceData {
  return update.terms ? { ...reference, termbase: createTermbase(update.terms) } : reference;
}

/** Two updates as one: the later one's parts replace the earlier one's. */
export function mergedUpdate(earlier: ReferenceUpdate, later: ReferenceUpdate): ReferenceUpdate {
  return { ...earlier, ...later };
}
