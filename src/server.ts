import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { seedDemoArticle } from './demo/seed.js';
import { loadReference } from './reference/load.js';
import { WorkbenchError } from './errors.js';
import { createServiceContext } from './services/context.js';
import { backfillCorrectionReplacements } from './services/learning.js';
import { startArchiveNamesRefresh } from './services/names.js';
import { namesWorkers } from './services/names-workers.js';
import { rebuildNamesIndex } from './services/names-rebuild.js';
import { startRecheckThread } from './services/recheck.js';
import { workerReviewer } from './services/reviewer.js';
import { followTermbase } from './services/termbase.js';
import { startWebhookSender } from './services/webhook-sender.js';

/** How often the server looks for a termbase change made by another process. */
const TERMBASE_FOLLOW_MS = 2000;

/** Opens the database, migrates it, loads the demo article into an empty one, and serves. */
async function start(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config.dbFile, config.busyTimeoutMs);
  const applied = migrate(db);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  const reference = loadReference({ termbase: config.termbaseFile });
  // Checks and rendering of changed articles run in worker threads, off the event loop.
  const reviewer = workerReviewer({ termbaseFile: config.termbaseFile, ...config.review });
  // The app loads the database's termbase into the reviewer, so the demo article is checked against it.
  // Reads of the whole names index (the established spellings, the Names page) run in a thread of
  // their own, on a connection of their own: at 10,000 articles one takes about a second.
  const namesWorker = namesWorkers(1, config.dbFile);
  const ctx = { ...createServiceContext(db, reference, reviewer, config.webhook), archiveNames: namesWorker.reader };
  const app = createApp({ db, config, services: ctx });
  // Articles stored before the names index was: indexed once, before serving.
  if (!ctx.repos.names.isComplete()) {
    const { articles } = await rebuildNamesIndex(ctx, { dbFile: config.dbFile });
    console.log(`Indexed the names of ${articles} articles.`);
  }
  const demoId = await seedDemoArticle(ctx);
  if (demoId !== undefined) console.log(`Loaded the demo article (${demoId}).`);
  // A termbase changed by the command line (`workbench terms import`) reaches the checks within seconds.
  const termbaseFollower = setInterval(() => {
    try {
      followTermbase(ctx);
    } catch (error) {
      console.error('workbench: could not read the termbase again; the checks keep the one they have.', error);
    }
  }, TERMBASE_FOLLOW_MS);
  // Corrections stored before migration 0022 teach the Terms page too, derived while the server serves.
  // Should it fail (the database busy for long), it goes on from where it stopped at the next start.
  backfillCorrectionReplacements(ctx).then(
    (read) => {
      if (read > 0) console.log(`Read ${read} earlier corrections for the Terms page's suggestions.`);
    },
    (error: unknown) => console.error(`workbench: reading earlier corrections stopped: ${error instanceof Error ? error.message : String(error)}`),
  );
  // The archive-names check reads the spellings the approved articles established, kept up to date with approvals.
  const archiveNamesRefresh = startArchiveNamesRefresh(ctx, { established: namesWorker.established });

  const server = app.listen(config.port, () => {
    console.log(`Workbench on http://localhost:${config.port} (database ${config.dbFile})`);
  });
  // Approved articles go back to the CMS from the outbox, outside the request path.
  const sender = config.webhook ? startWebhookSender(ctx, config.webhook) : null;
  // Articles a termbase change affects are checked again in the background, one at a time.
  const rechecker = startRecheckThread(ctx, { dbFile: config.dbFile, termbaseFile: config.termbaseFile, ...config.review });
  const stop = () => {
    clearInterval(termbaseFollower);
    const senderStopped = sender?.stop();
    archiveNamesRefresh.stop();
    const recheckStopped = rechecker.stop();
    server.close(() => {
      void Promise.all([senderStopped, recheckStopped, namesWorker.close(), reviewer.close()]).then(() => {
        db.close();
        process.exit(0);
      });
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

start().catch((error: unknown) => {
  if (!(error instanceof WorkbenchError)) throw error;
  console.error(`workbench: ${error.message}`);
  process.exitCode = error.exitCode;
});
