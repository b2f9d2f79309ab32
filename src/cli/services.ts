import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { loadReference } from '../reference/load.js';
import { createServiceContext, type ServiceContext } from '../services/context.js';
import { startTermbase } from '../services/termbase.js';

/** Runs fn with the services over the database (WORKBENCH_DB unless another file is given), migrated, and closes it after. */
export async function withServices<T>(fn: (ctx: ServiceContext) => Promise<T> | T, dbFile = loadConfig().dbFile): Promise<T> {
  const db = openDatabase(dbFile);
  try {
    migrate(db);
    const ctx = createServiceContext(db, loadReference());
    startTermbase(ctx, loadConfig().termbaseFile);
    return await fn(ctx);
  } finally {
    db.close();
  }
}
