import type { Role } from '../db/repositories/users.js';

/** What a request may do; every route names the one it needs. */
export type Action = 'view' | 'import' | 'review' | 'manageUsers';

/**
 * Who may do what. Translators work through the findings of the articles they see; editors
 * also bring articles in; admins also manage people and API tokens. (The approval steps of the
 * review flow add editor-only actions.)
 */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  view: ['translator', 'editor', 'admin'],
  import: ['editor', 'admin'],
  review: ['translator', 'editor', 'admin'],
  manageUsers: ['admin'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}
