import type { ServiceContext } from './context.js';

/** Whether the database answers a trivial query: false, not an error, when it cannot. */
export function databaseAnswers(ctx: ServiceContext): boolean {
  try {
    return ctx.repos.ping();
  } catch {
    return false;
  }
}
