/**
 * The ZIP export as the service writes it: the files are the single exports byte for byte, the
 * manifest names each with its size and SHA-256, the filters select, names stay unique, and the
 * work follows the reader: it stops when aborted and waits while the output is full.
 */
import { createHash } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buffer } from 'node:stream/consumers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArticleFilter } from '../../src/db/repositories/articles.js';
import type { ExportFormat } from '../../src/export/format.js';
import { findFormat } from '../../src/export/index.js';
import type { ServiceContext } from '../../src/services/context.js';
import { exportArticle, exportChoice, type ExportChoice } from '../../src/services/export.js';
import { writeExportZip, zipSelection, type ZipExportOptions } from '../../src/services/export-zip.js';
import { importArticle } from '../../src/services/import.js';
import { reviewedArticle, type ReviewedArticle } from '../helpers/reviewed-article.js';
import { manifestOf, readZip } from '../helpers/zip.js';

/** A short article of our own; `n` makes its title and text its own. */
function harbourReport(n: number, title = `Harbour report number ${n}`): string {
  return `${title}\n\nThe port handled ${n + 40} ships this week, the harbour master said on Monday.\n\nGrain made up most of the cargo, as in the weeks before.\n`;
}

async function addArticle(ctx: ServiceContext, text: string, approved: boolean): Promise<number> {
  const { id } = await importArticle(ctx, { text, targetLang: 'en' });
  if (approved) ctx.repos.articles.setStatus(id, 'approved', ctx.now());
  return id;
}

/** The ZIP's bytes and the manifest the service returned. */
async function zipOf(ctx: ServiceContext, filter: ArticleFilter, choice: ExportChoice, options: ZipExportOptions = {}) {
  const out = new PassThrough();
  const [manifest, bytes] = await Promise.all([writeExportZip(ctx, filter, choice, out, options), buffer(out)]);
  return { manifest, bytes };
}

/** A format as another, counting its renders and the bytes they made. */
function counted(format: ExportFormat) {
  const counts = { renders: 0, bytes: 0 };
  const wrapped: ExportFormat = {
    ...format,
    render: async (doc, text) => {
      counts.renders++;
      const rendered = await format.render(doc, text);
      const bytes = typeof rendered === 'string' ? Buffer.from(rendered) : rendered;
      counts.bytes += bytes.byteLength;
      return bytes;
    },
  };
  return { counts, choice: { format: wrapped, text: format.texts[0]! } };
}

/**
 * The same bytes; for a .docx, the same parts but the one that says when it was made (the docx
 * library dates every document it writes, and its ZIP entries, by the clock), as two downloads of
 * one article differ too.
 */
async function expectSameExport(inZip: Buffer, single: Buffer, formatId: string): Promise<void> {
  if (formatId !== 'docx') {
    expect(Buffer.compare(inZip, single)).toBe(0);
    return;
  }
  const parts = async (bytes: Buffer) => new Map([...(await readZip(bytes))].filter(([name]) => name !== 'docProps/core.xml').map(([name, part]) => [name, part.bytes.toString('utf8')]));
  const [zipped, alone] = [await parts(inZip), await parts(single)];
  expect(zipped.get('word/document.xml')).toContain('<w:body>');
  expect(zipped).toEqual(alone);
}

describe('a ZIP of many articles', () => {
  let reviewed: ReviewedArticle;
  let ctx: ServiceContext;
  const approvedIds: number[] = [];
  let draftId: number;

  beforeAll(async () => {
    reviewed = await reviewedArticle();
    ctx = reviewed.ctx;
    approvedIds.push(reviewed.id);
    for (let n = 1; n <= 4; n++) approvedIds.push(await addArticle(ctx, harbourReport(n), true));
    draftId = await addArticle(ctx, harbourReport(5), false);
  }, 60_000);

  it.each(['docx', 'md', 'json'])('holds each approved article as its single %s export (byte for byte; a .docx but for its date) and a manifest of them', async (formatId) => {
    const choice = exportChoice(formatId, undefined);
    const { manifest, bytes } = await zipOf(ctx, zipSelection({}), choice);
    const files = await readZip(bytes);
    expect([...files.keys()].at(-1)).toBe('manifest.json');
    expect(manifestOf(files)).toEqual(manifest);
    expect(manifest.articles.map((a) => a.id)).toEqual(approvedIds);
    expect(files.size).toBe(approvedIds.length + 1);
    for (const entry of manifest.articles) {
      const single = await exportArticle(ctx, entry.id, choice);
      const file = files.get(entry.file)!;
      expect(entry.file).toBe(single.fileName);
      await expectSameExport(file.bytes, single.bytes, formatId);
      expect(entry.bytes).toBe(file.bytes.length);
      expect(entry.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
      expect(entry).toMatchObject({ status: 'approved', externalId: null, title: ctx.repos.articles.find(entry.id)!.title });
      // A .docx is a ZIP already: stored as it is; text is deflated.
      expect(file.compressionMethod).toBe(formatId === 'docx' ? 0 : 8);
    }
    expect(manifest).toMatchObject({ format: formatId, text: choice.text });
  });

  it('gives the same bytes for the same articles: each file dated by its article’s last change', async () => {
    const choice = exportChoice('md', undefined);
    const first = await zipOf(ctx, zipSelection({}), choice);
    const second = await zipOf(ctx, zipSelection({}), choice);
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
  });

  it('selects by status (approved unless told; any for all), check, title and time of last change', async () => {
    const ids = async (input: Parameters<typeof zipSelection>[0]) => (await zipOf(ctx, zipSelection(input), exportChoice('txt', undefined))).manifest.articles.map((a) => a.id);
    expect(await ids({ status: 'new' })).toEqual([draftId]);
    expect(await ids({ status: 'any' })).toEqual([...approvedIds, draftId]);
    expect(await ids({ status: 'any', title: 'REPORT NUMBER 3' })).toEqual([approvedIds[3]]);
    // The harbour reports have no open finding of the termbase check; the draft is the only article of its status anyway.
    expect(await ids({ status: 'any', check: 'terms' })).toEqual(
      [...approvedIds, draftId].filter((id) => ctx.repos.findings.ofArticle(id).some((f) => f.check === 'terms' && !f.dismissed)),
    );
    const draftChanged = ctx.repos.articles.find(draftId)!.updatedAt;
    expect(await ids({ status: 'any', since: draftChanged })).toEqual([draftId]);
    expect(await ids({ since: '2099-01-01' })).toEqual([]);
    const draft = await zipOf(ctx, zipSelection({ status: 'new' }), exportChoice('txt', undefined));
    expect(draft.manifest.articles[0]).toMatchObject({ status: 'new', file: 'harbour-report-number-5-draft.txt' });
  });

  it('refuses a status, check or date it does not know, naming those there are', () => {
    expect(() => zipSelection({ status: 'published' })).toThrow('There is no status “published”; there are new, in_review, awaiting_approval, approved and any.');
    expect(() => zipSelection({ check: 'spelling' })).toThrow(/^There is no check “spelling”; there are .*terms/);
    for (const since of ['yesterday', '2026-02-30', '2026-12-01T09:30', '01/12/2026']) expect(() => zipSelection({ since })).toThrow(`“${since}” is not a date`);
    expect(zipSelection({ since: '2026-12-01' }).updatedSince).toBe('2026-12-01T00:00:00.000Z');
    expect(zipSelection({ since: '2026-12-01T09:30:00+02:00' }).updatedSince).toBe('2026-12-01T07:30:00.000Z');
  });
});

describe('file names inside the ZIP', () => {
  it('suffixes the id to a name already taken: two articles of one title, and an article called “Manifest” exported as JSON', async () => {
    const { ctx } = (await reviewedArticle()) satisfies ReviewedArticle;
    const first = await addArticle(ctx, harbourReport(1, 'Storm closes the harbour'), true);
    const second = await addArticle(ctx, harbourReport(2, 'Storm closes the harbour'), true);
    const third = await addArticle(ctx, harbourReport(3, `Storm closes the harbour ${second}`), true);
    const manifestArticle = await addArticle(ctx, harbourReport(4, 'Manifest'), true);
    const { manifest, bytes } = await zipOf(ctx, zipSelection({}), exportChoice('json', undefined));
    const names = new Map(manifest.articles.map((a) => [a.id, a.file]));
    expect(names.get(first)).toBe('storm-closes-the-harbour.json');
    expect(names.get(second)).toBe(`storm-closes-the-harbour-${second}.json`);
    // Its own name was taken by the one before: the id again.
    expect(names.get(third)).toBe(`storm-closes-the-harbour-${second}-${third}.json`);
    expect(names.get(manifestArticle)).toBe(`manifest-${manifestArticle}.json`);
    const files = await readZip(bytes);
    expect(files.size).toBe(manifest.articles.length + 1);
    expect(manifestOf(files).articles).toHaveLength(manifest.articles.length);
  }, 60_000);
});

/** A count once it has not changed over five looks 100 ms apart. */
async function settledCount(count: () => number): Promise<number> {
  for (let last = count(), same = 0; ; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = count();
    same = now === last ? same + 1 : 0;
    last = now;
    if (same === 5) return now;
  }
}

describe('the work follows the reader', () => {
  const ARTICLES = 30;
  let ctx: ServiceContext;
  let docx: ExportFormat;

  beforeAll(async () => {
    ctx = (await reviewedArticle()).ctx;
    for (let n = 1; n < ARTICLES; n++) await addArticle(ctx, harbourReport(n), true);
    docx = findFormat('docx')!;
  }, 60_000);

  it('stops at the article it is on when aborted', async () => {
    const { counts, choice } = counted(docx);
    const stop = new AbortController();
    const out = new PassThrough();
    out.resume();
    const written = writeExportZip(ctx, zipSelection({}), choice, out, { signal: stop.signal, onArticle: (n) => n === 3 && stop.abort() });
    await expect(written).rejects.toThrow(/abort/i);
    expect(counts.renders).toBe(3);
    expect(out.destroyed).toBe(true);
  });

  it('renders nothing more while the output is full, and goes on once it is read', async () => {
    const { counts, choice } = counted(docx);
    const out = new PassThrough();
    const written = writeExportZip(ctx, zipSelection({}), choice, out);
    // Nobody reads: a few articles fill the pipe's buffers, then the work waits. On a busy machine
    // a render can take a while, so "waits" is no new render over several looks, not one.
    const whileStalled = await settledCount(() => counts.renders);
    expect(whileStalled).toBeGreaterThan(0);
    expect(whileStalled).toBeLessThan(8);
    const [manifest] = await Promise.all([written, buffer(out)]);
    expect(manifest.articles).toHaveLength(ARTICLES);
  });

  it('holds about one article at a time whatever their number: rendered bytes run ahead of those the reader took by little', async () => {
    const { counts, choice } = counted(docx);
    let received = 0;
    let mostAhead = 0;
    // A reader slower than the rendering: each chunk is taken a little later.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        setTimeout(() => {
          received += chunk.length;
          done();
        }, 1);
      },
    });
    const manifest = await writeExportZip(ctx, zipSelection({}), choice, slow, {
      onArticle: () => (mostAhead = Math.max(mostAhead, counts.bytes - received)),
    });
    const largest = Math.max(...manifest.articles.map((a) => a.bytes));
    expect(counts.bytes).toBeGreaterThan(ARTICLES * largest * 0.5);
    // Unchecked, all of them would be ahead of a slow reader; here the one just rendered, the one before and the streams' buffers (16 KB each).
    expect(mostAhead).toBeLessThan(2 * largest + 4 * 16 * 1024);
  });

  it('keeps no article it has written: yazl keeps what it is handed for the whole ZIP, but not the rendered bytes', async () => {
    // The collector, as --expose-gc gives it, to tell what is still reachable.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    // The memory of each file rendered: a Buffer made of it shares it.
    const rendered: WeakRef<ArrayBufferLike>[] = [];
    const choice: ExportChoice = {
      format: { ...docx, render: async (doc, text) => {
        const bytes = (await docx.render(doc, text)) as Uint8Array;
        rendered.push(new WeakRef(bytes.buffer));
        return bytes;
      } },
      text: docx.texts[0]!,
    };
    let stillHeld = -1;
    const out = new PassThrough();
    out.resume();
    await writeExportZip(ctx, zipSelection({}), choice, out, {
      onArticle: (n) => {
        if (n !== ARTICLES) return;
        collectGarbage();
        // The last two may still be in the streams.
        stillHeld = rendered.slice(0, -2).filter((ref) => ref.deref() !== undefined).length;
      },
    });
    expect(rendered).toHaveLength(ARTICLES);
    expect(stillHeld).toBe(0);
  });
});
