import { loadConfig } from '../config.js';
import { nameGroups, type NameGroup } from '../services/names.js';
import { rebuildNamesIndex } from '../services/names-rebuild.js';
import type { ServiceContext } from '../services/context.js';
import type { CliIO } from './io.js';
import { withServices } from './services.js';

export interface NamesOptions {
  contested: boolean;
  format: 'text' | 'json';
  rebuild: boolean;
  /** The database; WORKBENCH_DB when not given. */
  dbFile: string | undefined;
}

/**
 * `workbench names`: the names across the archive, the most contested first, each with its
 * spellings and their article counts; `--rebuild` indexes every article's names again first. A
 * database migrated with articles in it is indexed before it is listed.
 */
export async function listNames(options: NamesOptions, io: CliIO): Promise<number> {
  const dbFile = options.dbFile ?? loadConfig().dbFile;
  return withServices(async (ctx) => {
    if (options.rebuild || !ctx.repos.names.isComplete()) {
      const started = performance.now();
      const { articles, names } = await rebuildNamesIndex(ctx, { dbFile });
      io.stderr(`Indexed ${names} names of ${articles} articles in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
      if (options.rebuild) return 0;
    }
    const { groups } = await allGroups(ctx, options.contested);
    io.stdout(options.format === 'json' ? `${JSON.stringify(groups, null, 2)}\n` : groups.map(formatGroup).join(''));
    return 0;
  }, dbFile);
}

function allGroups(ctx: ServiceContext, contested: boolean) {
  return nameGroups(ctx, { page: 1, contested, perPage: Number.MAX_SAFE_INTEGER });
}

/** "vitkof  5 articles, 60 % Vitkoff, contested" and a line per spelling. */
function formatGroup(group: NameGroup): string {
  const [leading] = group.spellings;
  const head = `${group.key}  ${count(group.articles, 'article')}, ${Math.round(group.leadingShare * 100)} % ${leading?.spelling ?? ''}${group.contested ? ', contested' : ''}\n`;
  return head + group.spellings.map((s) => `  ${s.spelling}  ${count(s.articles, 'article')}, ${count(s.uses, 'use')}\n`).join('');
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
