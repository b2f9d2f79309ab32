import type { ApprovedSpelling, ArticleOfSpelling, NameGroupSummary, SpellingCount } from '../db/repositories/names.js';
import type { EstablishedName, ReferenceUpdate } from '../reference/index.js';
import type { ServiceContext } from './context.js';
import { NotFoundError } from '../errors.js';

/** A spelling is established once this many approved articles write it… */
export const MIN_APPROVED_ARTICLES = 3;
/** …and it is this share, at least, of the uses of its name across the approved articles. */
export const MIN_SHARE_OF_USES = 0.8;

/**
 * The spellings the approved archive has established: per name, the spelling written in at
 * least MIN_APPROVED_ARTICLES approved articles and in at least MIN_SHARE_OF_USES of the name's
 * uses there. A name split between spellings has none.
 */
export function establishedNames(spellings: readonly ApprovedSpelling[]): EstablishedName[] {
  const byKey = new Map<string, { total: number; leading: ApprovedSpelling }>();
  for (const s of spellings) {
    const name = byKey.get(s.key);
    if (!name) byKey.set(s.key, { total: s.uses, leading: s });
    else {
      name.total += s.uses;
      if (s.uses > name.leading.uses) name.leading = s;
    }
  }
  const established: EstablishedName[] = [];
  for (const { total, leading } of byKey.values()) {
    if (leading.articles >= MIN_APPROVED_ARTICLES && leading.uses >= MIN_SHARE_OF_USES * total) {
      established.push({ key: leading.key, spelling: leading.spelling, approvedArticles: leading.articles, lastApproved: leading.lastApproved });
    }
  }
  return established;
}

/** The archive's established spellings as they now stand, as an update of the review workers' reference data. */
export function archiveNamesUpdate(ctx: ServiceContext): ReferenceUpdate {
  return { archiveNames: establishedNames(ctx.repos.names.approvedSpellings()) };
}

/** How often the server looks whether approvals changed, and so the longest the archive-names check lags behind them. */
export const ARCHIVE_NAMES_REFRESH_MS = 10_000;

/**
 * Keeps the review workers' established spellings in step with approvals (in this process or
 * another: the command line): every `intervalMs` it compares a cheap version of the approvals
 * (count and latest time, from an index) and, when it moved, works the spellings out again once,
 * however many approvals came meanwhile. That reads every approved article's names, so with a
 * database file it is done by a worker thread on its own connection, off the event loop. A check
 * that reads spellings a few seconds old only misses (or still gives) a finding an approval just
 * made or took away; the next change of the article checks it again.
 */
export function startArchiveNamesRefresh(ctx: ServiceContext, options: { established?: () => Promise<EstablishedName[]>; intervalMs?: number } = {}): { stop(): void } {
  const established = options.established ?? (async () => establishedNames(ctx.repos.names.approvedSpellings()));
  let seen: string | undefined;
  let running = false;
  const refresh = async () => {
    const version = ctx.repos.names.approvalsVersion();
    if (version === seen || running) return;
    running = true;
    try {
      ctx.reviewer.update({ archiveNames: await established() });
      seen = version;
    } finally {
      running = false;
    }
  };
  const failed = (error: unknown) => console.error(`The archive's established names were not refreshed: ${String(error)}`);
  void refresh().catch(failed);
  const timer = setInterval(() => void refresh().catch(failed), options.intervalMs ?? ARCHIVE_NAMES_REFRESH_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** A name across the archive with its spellings, the commonest first. */
export interface NameGroup extends NameGroupSummary {
  spellings: SpellingCount[];
  /** The commonest spelling's share of the uses, 0 to 1. */
  leadingShare: number;
  /** Written more than one way, in two articles or more. */
  contested: boolean;
}

export interface NameGroupsPage {
  groups: NameGroup[];
  total: number;
  page: number;
  pages: number;
}

export const NAME_GROUPS_PER_PAGE = 50;

/**
 * The names across the archive, a page at a time: the contested first (written more than one way
 * in two articles or more, the lowest share of the leading spelling first), then the others, the
 * most written first. `contested` lists names written more than one way only.
 */
export async function nameGroups(ctx: ServiceContext, options: { page: number; contested: boolean; perPage?: number }): Promise<NameGroupsPage> {
  const names = ctx.archiveNames;
  const perPage = options.perPage ?? NAME_GROUPS_PER_PAGE;
  const filter = options.contested ? { minSpellings: 2, minArticles: 2 } : { minSpellings: 1, minArticles: 1 };
  // One pass gives the count and the page: the whole table is read either way.
  const all = await names.groups(filter);
  const total = all.length;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, options.page), pages);
  const summaries = all.slice((page - 1) * perPage, page * perPage);
  const spellings = groupedBy(await names.spellingsOf(summaries.map((g) => g.key)), (s) => s.key);
  const groups = summaries.map((g) => ({
    ...g,
    spellings: spellings.get(g.key) ?? [],
    leadingShare: g.leadingUses / g.uses,
    contested: g.spellingCount > 1 && g.articles >= 2,
  }));
  return { groups, total, page, pages };
}

/** One name: its spellings and the articles that write each. */
export interface NameGroupDetail {
  key: string;
  spellings: (SpellingCount & { articlesWriting: ArticleOfSpelling[] })[];
}

export async function nameGroup(ctx: ServiceContext, key: string): Promise<NameGroupDetail> {
  const articles = groupedBy(await ctx.archiveNames.articlesOf(key), (a) => a.spelling);
  if (articles.size === 0) throw new NotFoundError(`No article writes a name with the key “${key}”.`);
  const spellings = (await ctx.archiveNames.spellingsOf([key])).map((s) => ({ ...s, articlesWriting: articles.get(s.spelling) ?? [] }));
  return { key, spellings };
}

/** Items by a key of theirs, in their order (Map.groupBy, which Node 20 lacks). */
function groupedBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
