import type { Repositories } from '../db/repositories/index.js';
import type { ReferenceData } from '../reference/index.js';

/** Who makes a change: the signed-in user or the API token's. */
export interface Actor {
  id: number;
}

/** What every service needs: the query layer, the reference data the checks use, a clock. */
export interface ServiceContext {
  repos: Repositories;
  reference: ReferenceData;
  now: () => string;
}
