import type { WebhookConfig } from '../config.js';
import type { Db } from '../db/connection.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { Role } from '../db/repositories/users.js';
import type { ReferenceData } from '../reference/index.js';
import { immediateWrites, type ChangeWrites } from './change-writes.js';
import { inProcessReviewer, type Reviewer } from './reviewer.js';

/** Who makes a change: the signed-in user or the API token's; the role decides whether it is proposed or approved. */
export interface Actor {
  id: number;
  role: Role;
}

/** What every service needs: the query layer, the reference data the checks use, who checks changed articles, a clock. */
export interface ServiceContext {
  repos: Repositories;
  reference: ReferenceData;
  /** Checks and renders changed articles: worker threads in the server, this thread elsewhere. */
  reviewer: Reviewer;
  /** How reviewed changes are stored: each at once, or (a bulk import) many in one commit. */
  writes: ChangeWrites;
  now: () => string;
  /** The CMS's webhook: when set, approving an article writes a delivery to the outbox. */
  webhook?: WebhookConfig | null;
}

/** A context over an open database, reviewing on this thread unless a reviewer is given. */
export function createServiceContext(db: Db, reference: ReferenceData, reviewer: Reviewer = inProcessReviewer(reference), webhook: WebhookConfig | null = null): ServiceContext {
  const repos = createRepositories(db);
  return { repos, reference, reviewer, writes: immediateWrites(repos), now: () => new Date().toISOString(), webhook };
}
