import type { Role } from '../db/repositories/users.js';

/** What a request may do; every route names the one it needs. */
export type Action = 'view' | 'import' | 'review' | 'approve' | 'assign' | 'editTerms' | 'manageUsers';

/**
 * Who may do what. Translators work through the findings of the articles they see and submit
 * them for approval; editors also bring articles in, assign them, and approve them or send them
 * back, and own the termbase; admins also manage people and API tokens.
 */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  view: ['translator', 'editor', 'admin'],
  import: ['editor', 'admin'],
  review: ['translator', 'editor', 'admin'],
  approve: ['editor', 'admin'],
  assign: ['editor', 'admin'],
  editTerms: ['editor', 'admin'],
  manageUsers: ['admin'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}
