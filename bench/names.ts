/**
 * The web bench's names figures (issue 12): on the imported and approved database, the names
 * index rebuilt from scratch (rebuildNamesIndex with its worker threads, as `workbench names --rebuild`
 * runs it), and the
 * archive-names check of one article against the spellings that archive established, article by
 * article, each on its freshly analysed working text (so the check reads the article's names).
 */
import { performance } from 'node:perf_hooks';
import { archiveNames } from '#dist/checks/archive-names.js';
import { openDatabase } from '#dist/db/connection.js';
import { updatedReference } from '#dist/reference/index.js';
import { loadReference } from '#dist/reference/load.js';
import { createServiceContext } from '#dist/services/context.js';
import { archiveNamesUpdate } from '#dist/services/names.js';
import { rebuildNamesIndex } from '#dist/services/names-rebuild.js';
import { correctedArticle } from '#dist/services/passage-layout.js';
import { analyse } from '#dist/text/analyse.js';
import { formatFigure, median, percentile, type Line } from './measure.js';

export const NAMES_TARGETS = {
  rebuildSeconds: 10,
  checkMs: 5,
} as const;

// Articles checked against the archive, spread over the whole database.
const CHECKED_ARTICLES = 500;

export interface NamesRun {
  articles: number;
  names: number;
  rebuildSeconds: number;
  established: number;
  /** The archive-names check's time on each article checked, in ms. */
  checkMs: number[];
}

export async function measureNames(dbFile: string, ids: readonly number[]): Promise<NamesRun> {
  const db = openDatabase(dbFile);
  try {
    const ctx = createServiceContext(db, loadReference());
    const start = performance.now();
    const { articles, names } = await rebuildNamesIndex(ctx, { dbFile });
    const rebuildSeconds = (performance.now() - start) / 1000;
    const update = archiveNamesUpdate(ctx);
    const reference = updatedReference(ctx.reference, update);
    const step = Math.max(1, Math.floor(ids.length / CHECKED_ARTICLES));
    const checkMs: number[] = [];
    for (let i = 0; i < ids.length; i += step) {
      const { text } = correctedArticle(ctx.repos.passages.ofArticle(ids[i]!));
      const article = analyse({ text }, reference);
      const at = performance.now();
      archiveNames.run(article);
      checkMs.push(performance.now() - at);
    }
    return { articles, names, rebuildSeconds, established: update.archiveNames!.length, checkMs };
  } finally {
    db.close();
  }
}

export function namesLines(run: NamesRun): Line[] {
  return [
    `The archive's names index (${run.articles.toLocaleString('en-US')} articles, all approved; in the bench's process, wall clock)`,
    {
      label: 'rebuild from scratch',
      figure: run.rebuildSeconds,
      unit: 's',
      target: { kind: 'below', value: NAMES_TARGETS.rebuildSeconds },
      note: `${run.names.toLocaleString('en-US')} spellings of names indexed, as \`workbench names --rebuild\``,
    },
    {
      label: 'archive-names check of one article',
      figure: median(run.checkMs),
      unit: 'ms',
      target: { kind: 'below', value: NAMES_TARGETS.checkMs },
      note: `median of ${run.checkMs.length} articles, p99 ${formatFigure(percentile(run.checkMs, 99))} ms, against ${run.established.toLocaleString('en-US')} established spellings`,
    },
  ];
}
