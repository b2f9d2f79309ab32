import type { Check } from './types.js';

// PLACEHOLDER: being implemented.
export const numberMismatch: Check = {
  id: 'number-mismatch',
  description: '',
  defaultSeverity: 'warning',
  itsType: 'other',
  run() {
    return [];
  },
};
