import type { Check } from './types.js';

// PLACEHOLDER: being implemented.
export const numberFormat: Check = {
  id: 'number-format',
  description: '',
  defaultSeverity: 'warning',
  itsType: 'other',
  run() {
    return [];
  },
};
