import type { Check } from './types.js';

// PLACEHOLDER: being implemented.
export const nameVariants: Check = {
  id: 'name-variants',
  description: '',
  defaultSeverity: 'warning',
  itsType: 'other',
  run() {
    return [];
  },
};
