import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { seedDemoArticle } from './demo/seed.js';
import { loadReference } from './reference/load.js';
import { WorkbenchError } from './errors.js';

/** Opens the database, migrates it, loads the demo article into an empty one, and serves. */
function start(): void {
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  const applied = migrate(db);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  const reference = loadReference({ termbase: config.termbaseFile });
  const demoId = seedDemoArticle(db, reference);
  if (demoId !== undefined) console.log(`Loaded the demo article (${demoId}).`);

  const server = createApp({ db, config, reference }).listen(config.port, () => {
    console.log(`Workbench on http://localhost:${config.port} (database ${config.dbFile})`);
  });
  const stop = () => {
    server.close(() => {
      db.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  start();
} catch (error) {
  if (!(error instanceof WorkbenchError)) throw error;
  console.error(`workbench: ${error.message}`);
  process.exitCode = error.exitCode;
}
