import type { StoredFinding } from '../db/repositories/findings.js';
import type { CommentsBrief } from '../db/repositories/passage-comments.js';
import { detectLanguage, LANGUAGE_CODE } from '../text/language.js';
import { commitChange, prepareArticleChange, storeReview, type PreparedChange } from './article-change.js';
import type { Actor, ServiceContext } from './context.js';
import { ValidationError } from '../errors.js';
import { carryOver, refuseLongPassages, splitPassages, type PassageText } from './passage-layout.js';

export interface ImportInput {
  text: string;
  title?: string | undefined;
  source?: string | undefined;
  /** Detected from the source text when not given. */
  sourceLang?: string | undefined;
  targetLang?: string | undefined;
  /** The CMS's id for the article: importing it again updates the article instead of adding one. */
  externalId?: string | undefined;
  /** Who imports it, for the article's history; the command line has no one. */
  actor?: Actor | undefined;
}

export interface ImportResult {
  id: number;
  findings: StoredFinding[];
  /** False when the external id was known and the article was updated. */
  created: boolean;
}

const EXTERNAL_ID = /^[\w.:/-]{1,200}$/;

const MAX_TITLE = 200;


/** A language code as the import form, the API and the command line take it (trimmed; none when blank), or a ValidationError naming it. */
export function languageCode(code: string | undefined, which: 'translation' | 'source'): string | undefined {
  const trimmed = code?.trim();
  if (trimmed && !LANGUAGE_CODE.test(trimmed)) throw new ValidationError(`“${trimmed}” is not a ${which} language code such as en, uk or ru.`);
  return trimmed || undefined;
}

/** Line endings become \n: the web app stores and edits passages line by line. */
function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** A title given is checked whole or refused; only one taken from the text's first line is shortened (articles.refreshTitle). */
function refuseLongTitle(given: string | undefined): void {
  const length = given?.trim().length ?? 0;
  if (length > MAX_TITLE) throw new ValidationError(`A title has at most ${MAX_TITLE} characters; this one has ${length}.`);
}

/** What separates a title given apart from the text from the text's first line, as a headline is set off. */
const TITLE_GAP = '\n\n';

/**
 * The article's passages, its title first. The title is passage 0, corrected and checked like
 * any: the text's first line when no title is given or the given one is that line; otherwise the
 * given title, as a passage before the text that exports leave out (separateTitle).
 */
export function articlePassages(aiText: string, sourceText: string | null, given: string | undefined): { passages: PassageText[]; separateTitle: boolean } {
  const passages = splitPassages(aiText, sourceText);
  // A passage is one line: a title's line breaks become spaces, as in an edit.
  const title = given?.replace(/\s*[\r\n]+\s*/g, ' ').trim() ?? '';
  if (title === '' || title === passages[0]!.aiText) return { passages, separateTitle: false };
  const titlePassage: PassageText = { idx: 0, gapBefore: '', aiText: title, correctedText: title, sourceText: sourceText === null ? null : '' };
  const text = passages.map((p) => ({ ...p, idx: p.idx + 1, gapBefore: p.idx === 0 ? TITLE_GAP : p.gapBefore }));
  return { passages: [titlePassage, ...text], separateTitle: true };
}

/**
 * Stores an article with its passages and the findings of its first check; or, for an external
 * id already imported, updates that article: unchanged passages keep their corrections,
 * corrections of changed passages are kept and marked for re-review (passage-layout.ts
 * carryOver), comments and history follow their passages. Checked off the event loop like every
 * change (article-change.ts). Imports of new articles run side by side (the command line keeps
 * the reviewer's worker threads busy that way), each rendered with the id it will most likely get:
 * the next free one that no import underway in this process has reserved. Imports of one external
 * id wait for each other.
 */
export async function importArticle(ctx: ServiceContext, input: ImportInput): Promise<ImportResult> {
  const aiText = normalise(input.text);
  if (aiText.trim() === '') throw new ValidationError('The article text is empty.');
  refuseLongPassages(aiText, 'the text');
  refuseLongTitle(input.title);
  const targetLang = languageCode(input.targetLang, 'translation') ?? 'en';
  const givenSourceLang = languageCode(input.sourceLang, 'source');
  const sourceText = input.source !== undefined && input.source.trim() !== '' ? normalise(input.source) : null;
  if (sourceText !== null) refuseLongPassages(sourceText, 'the source');
  const sourceLang = sourceText === null ? null : givenSourceLang || detectLanguage(sourceText) || null;
  const externalId = input.externalId?.trim() || null;
  if (externalId !== null && !EXTERNAL_ID.test(externalId)) throw new ValidationError('An external id is 1 to 200 letters, digits and . _ : / -.');
  const { passages: fresh, separateTitle } = articlePassages(aiText, sourceText, input.title);
  const languages = { targetLang, sourceLang, sourceText, separateTitle };
  const fields = { ...languages, aiText };
  const { repos } = ctx;
  type Stored = Omit<ImportResult, 'findings'>;

  // The id this import reserved for a new article, released once it is stored or refused.
  let reserved: number | undefined;
  const release = () => {
    if (reserved !== undefined) reservedIds.get(repos)?.delete(reserved);
  };
  const prepareNew = (): PreparedChange<Stored> => {
    release();
    const id = (reserved = reserveArticleId(ctx));
    const passages = fresh.map((p) => ({ ...p, approvedText: p.correctedText, version: 1, needsReview: false }));
    return {
      state: { article: { id, ...languages }, passages, dismissals: new Map(), comments: new Map() },
      store: (reviewed) => {
        // Imported meanwhile by another process: start again, as an update of that article.
        if (externalId !== null && repos.articles.idOfExternal(externalId) !== undefined) return undefined;
        // Another process may have taken the id the page was rendered with: the article takes the
        // next one, and its page is rendered when first shown (currentReviewFragments).
        const stored = repos.articles.exists(id) ? repos.articles.nextId() : id;
        repos.articles.insert(stored, { ...fields, externalId, now: ctx.now() });
        repos.passages.insertAll(stored, fresh);
        repos.wordIndex.refresh(stored);
        storeReview(ctx, stored, stored === id ? reviewed : { ...reviewed, rendering: null }, null);
        return { result: { id: stored, created: true } };
      },
    };
  };

  const prepareUpdate = (id: number): PreparedChange<Stored> =>
    prepareArticleChange(ctx, id, (snapshot) => {
      const carried = carryOver(snapshot.passages, fresh);
      const comments = new Map<number, CommentsBrief>();
      for (const [idx, brief] of snapshot.comments) {
        const moved = carried.newIndex[idx] ?? -1;
        if (moved >= 0) comments.set(moved, brief);
      }
      return {
        state: { article: { id, ...languages }, passages: carried.passages, dismissals: snapshot.dismissals, comments },
        touches: false,
        record: (now) => {
          repos.articles.update(id, { ...fields, now });
          repos.passages.replaceAll(id, carried.passages);
          repos.passageEvents.remap(id, carried.newIndex);
          repos.findings.remapFixed(id, carried.newIndex);
          repos.passageComments.remap(id, carried.newIndex);
          repos.articleEvents.insert({ articleId: id, userId: input.actor?.id ?? null, kind: 'reimported', comment: null, now });
          return { id, created: false };
        },
      };
    });

  try {
    const { id, created } = await commitChange<Stored>(ctx, externalId === null ? null : `import:${externalId}`, () => {
      const known = externalId === null ? undefined : repos.articles.idOfExternal(externalId);
      return known === undefined ? prepareNew() : prepareUpdate(known);
    });
    return { id, created, findings: repos.findings.ofArticle(id) };
  } finally {
    release();
  }
}

/** Per database: the ids that new articles being imported in this process were rendered with. */
const reservedIds = new WeakMap<object, Set<number>>();

/** The id a new article will most likely get: the next free one, after those reserved by imports underway. */
function reserveArticleId(ctx: ServiceContext): number {
  let reserved = reservedIds.get(ctx.repos);
  if (!reserved) reservedIds.set(ctx.repos, (reserved = new Set()));
  let id = ctx.repos.articles.nextId();
  while (reserved.has(id)) id++;
  reserved.add(id);
  return id;
}
