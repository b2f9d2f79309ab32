import type { Repositories } from '../db/repositories/index.js';
import type { Role } from '../db/repositories/users.js';
import type { ReferenceData } from '../reference/index.js';

/** Who makes a change: the signed-in user or the API token's; the role decides whether it is proposed or approved. */
export interface Actor {
  id: number;
  role: Role;
}

/** What every service needs: the query layer, the reference data the checks use, a clock. */
export interface ServiceContext {
  repos: Repositories;
  reference: ReferenceData;
  now: () => string;
}
