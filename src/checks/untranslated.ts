import type { Check } from './types.js';

// PLACEHOLDER: being implemented.
export const untranslated: Check = {
  id: 'untranslated',
  description: '',
  defaultSeverity: 'warning',
  itsType: 'other',
  run() {
    return [];
  },
};
