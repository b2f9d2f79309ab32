import type { Check } from './types.js';

// PLACEHOLDER: being implemented.
export const terms: Check = {
  id: 'terms',
  description: '',
  defaultSeverity: 'warning',
  itsType: 'other',
  run() {
    return [];
  },
};
