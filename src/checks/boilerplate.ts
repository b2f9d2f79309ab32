import type { Check } from './types.js';

// PLACEHOLDER: being implemented.
export const boilerplate: Check = {
  id: 'boilerplate',
  description: '',
  defaultSeverity: 'warning',
  itsType: 'other',
  run() {
    return [];
  },
};
