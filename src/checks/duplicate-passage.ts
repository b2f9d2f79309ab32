import type { Check } from './types.js';

// PLACEHOLDER: being implemented.
export const duplicatePassage: Check = {
  id: 'duplicate-passage',
  description: '',
  defaultSeverity: 'warning',
  itsType: 'other',
  run() {
    return [];
  },
};
