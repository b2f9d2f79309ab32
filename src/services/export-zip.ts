import { createHash } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import yazl from 'yazl';
import { ARTICLE_STATUSES, type ArticleFilter, type ArticleStatus } from '../db/repositories/articles.js';
import { UsageError } from '../errors.js';
import { exportFileName } from '../export/file-name.js';
import { CHECK_IDS, isKnownCheck } from './articles.js';
import type { ServiceContext } from './context.js';
import { exportDocument, exportFile, type ExportChoice } from './export.js';

/** Articles read from the database at once: one keyset page. */
const PAGE_SIZE = 100;
export const MANIFEST_NAME = 'manifest.json';
/** The `status` that takes articles of every status; without one, a ZIP export takes the approved ones. */
export const ANY_STATUS = 'any';

/** The selection as asked for, from a query or the command line: each undefined or empty when not given. */
export interface ZipSelectionInput {
  status?: string | undefined;
  check?: string | undefined;
  title?: string | undefined;
  since?: string | undefined;
}

/**
 * The articles a ZIP export takes: the approved ones, or those of another status (`any`: all), with
 * the article list's other filters and a time of last change. Unlike the list, which ignores a filter
 * it does not know, an export refuses one: it would otherwise export articles no one asked for.
 */
export function zipSelection(input: ZipSelectionInput): ArticleFilter {
  const status = input.status || 'approved';
  if (status !== ANY_STATUS && !ARTICLE_STATUSES.includes(status as ArticleStatus)) {
    throw new UsageError(`There is no status “${status}”; there are ${ARTICLE_STATUSES.join(', ')} and ${ANY_STATUS}.`);
  }
  if (input.check && !isKnownCheck(input.check)) throw new UsageError(`There is no check “${input.check}”; there are ${CHECK_IDS.join(', ')}.`);
  return {
    status: status === ANY_STATUS ? undefined : (status as ArticleStatus),
    check: input.check || undefined,
    titleContains: input.title?.trim() || undefined,
    updatedSince: input.since ? sinceTime(input.since) : undefined,
  };
}

/** A day (`2026-12-01`, from its start in UTC) or a moment with its zone (`2026-12-01T09:30:00Z`), as updated_at holds times. */
function sinceTime(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const moment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const time = day || moment ? new Date(value) : undefined;
  // new Date rolls 2026-02-30 over to March; a day that does not exist is refused instead.
  if (!time || Number.isNaN(time.getTime()) || (day && time.toISOString().slice(0, 10) !== value)) {
    throw new UsageError(`“${value}” is not a date: give a day such as 2026-12-01 or a time with its zone such as 2026-12-01T09:30:00Z.`);
  }
  return time.toISOString();
}

/** What manifest.json says of each file of the ZIP. */
export interface ZipManifestEntry {
  id: number;
  externalId: string | null;
  title: string;
  status: ArticleStatus;
  file: string;
  bytes: number;
  sha256: string;
}

export interface ZipManifest {
  format: string;
  text: string;
  articles: ZipManifestEntry[];
}

/** The ZIP's own name, from what it holds. */
export function zipFileName({ format, text }: ExportChoice): string {
  return `articles-${format.id}${text === format.texts[0] ? '' : `-${text}`}.zip`;
}

export interface ZipExportOptions {
  /** Aborted when no one waits for the ZIP any more (the client went away): the work stops before the next article. */
  signal?: AbortSignal;
  /** Called after each article is added, with how many have been. */
  onArticle?: (count: number) => void;
}

/**
 * Writes a ZIP of the selected articles, each exported as the single export gives it (same bytes,
 * same name; a name already taken gets the article's id), and manifest.json last, to `out`.
 * Streamed: articles are read a keyset page at a time and each is rendered only once the ZIP has
 * taken the one before, which it does when everything before it is written to `out`; so a slow
 * reader holds back the work, and memory holds about one article whatever their number, besides
 * what is written last: the ZIP's central directory and the manifest, about 2 KB an article
 * (heap after GC, measured over 1,200 DOCX). Rendering runs on this thread, yielding between
 * articles: ~8-10 ms of CPU a DOCX, 110-150 articles/s on a free core, so worker threads were not
 * needed for 100/s (tried: no faster on a busy machine, and each loads its own docx library).
 * Resolves with the manifest once `out` has it all.
 */
export async function writeExportZip(ctx: ServiceContext, filter: ArticleFilter, choice: ExportChoice, out: Writable, options: ZipExportOptions = {}): Promise<ZipManifest> {
  const zip = new yazl.ZipFile();
  const written = pipeline(zip.outputStream, out, options.signal ? { signal: options.signal } : {});
  // An abort rejects it at once, while the loop below is still at an article; it is awaited after.
  written.catch(() => {});
  const manifest: ZipManifest = { format: choice.format.id, text: choice.text, articles: [] };
  try {
    const names = new Set([MANIFEST_NAME]);
    // The manifest is dated by the newest article in it, so the same articles give the same bytes.
    let newest = new Date(0);
    for (let page = ctx.repos.articles.idsAfter(filter, 0, PAGE_SIZE); page.length > 0; page = ctx.repos.articles.idsAfter(filter, page.at(-1)!, PAGE_SIZE)) {
      for (const id of page) {
        // Other requests get their turn between articles; a DOCX takes about 10 ms.
        await nextTurn();
        options.signal?.throwIfAborted();
        const doc = exportDocument(ctx, id);
        const { fileName, bytes } = await exportFile(doc, choice);
        const name = uniqueName(fileName, id, names);
        manifest.articles.push({ id, externalId: doc.externalId, title: doc.title, status: doc.status, file: name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
        const changed = new Date(doc.updatedAt);
        if (changed > newest) newest = changed;
        await addWhenTaken(zip, name, bytes, { compress: !choice.format.compressed, mtime: changed }, options.signal);
        options.onArticle?.(manifest.articles.length);
      }
    }
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST_NAME, { mtime: newest });
    zip.end();
  } catch (error) {
    // The output ends with the same error (or the abort), which `written` then rejects with.
    // (yazl's output is a PassThrough; its types say only ReadableStream.)
    (zip.outputStream as PassThrough).destroy(error as Error);
  }
  await written;
  return manifest;
}

/** The file name, with the article's id before its extension while it is taken (two articles of one title). */
function uniqueName(fileName: string, id: number, taken: Set<string>): string {
  let name = fileName;
  while (taken.has(name)) name = name.replace(/(\.[a-z0-9]+)$/, `-${id}$1`);
  taken.add(name);
  return name;
}

/**
 * Adds the bytes as the ZIP's next file and resolves when yazl takes them, which it does once
 * every file before is written through to its output stream (a pipe that waits while the output
 * is full). Rejects when the signal aborts first: a stalled reader never lets yazl go on.
 */
function addWhenTaken(zip: yazl.ZipFile, name: string, bytes: Buffer, entry: { compress: boolean; mtime: Date }, signal: AbortSignal | undefined): Promise<void> {
  const data = new PassThrough();
  data.end(bytes);
  return handOverWhenTaken(zip, name, { ...entry, size: bytes.length }, data, signal);
}

/**
 * yazl keeps the function it is given for the whole ZIP, and with it every variable that function
 * can reach: so it reaches the stream only until it hands it over, and never the bytes (kept, they
 * held every article of a 10,000-DOCX export in memory, 140 MB).
 */
function handOverWhenTaken(zip: yazl.ZipFile, name: string, entry: { compress: boolean; mtime: Date; size: number }, stream: PassThrough, signal: AbortSignal | undefined): Promise<void> {
  let data: PassThrough | undefined = stream;
  return new Promise((resolve, reject) => {
    const aborted = () => reject(signal!.reason);
    signal?.addEventListener('abort', aborted, { once: true });
    zip.addReadStreamLazy(name, entry, (hand) => {
      signal?.removeEventListener('abort', aborted);
      hand(null, data!);
      data = undefined;
      resolve();
    });
  });
}
