import type { BoilerplateRule } from './boilerplate.js';
import type { Termbase } from './termbase.js';

/** Reference data the checks read: loaded once, shared by every analysed article. */
export interface ReferenceData {
  termbase: Termbase;
  boilerplate: readonly BoilerplateRule[];
}
