import { archiveNames } from './archive-names.js';
import { boilerplate } from './boilerplate.js';
import { duplicatePassage } from './duplicate-passage.js';
import { invisibleCharacters } from './invisible-characters.js';
import { nameVariants } from './name-variants.js';
import { numberFormat } from './number-format.js';
import { numberMismatch } from './number-mismatch.js';
import { terms } from './terms.js';
import type { Check } from './types.js';
import { typography } from './typography.js';
import { untranslated } from './untranslated.js';

/** Every check, in the order findings at the same place are listed. */
export const checks: readonly Check[] = [
  terms,
  nameVariants,
  archiveNames,
  numberFormat,
  numberMismatch,
  duplicatePassage,
  boilerplate,
  untranslated,
  typography,
  invisibleCharacters,
];

export function findCheck(id: string): Check | undefined {
  return checks.find((c) => c.id === id);
}
