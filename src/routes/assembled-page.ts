import type { Request, Response } from 'express';
import { compressChunk, gzipParts, plainParts, storedChunk, type CompressedChunk } from '../lib/http/gzip-assembly.js';
import { compileView, type CompiledView } from '../render/compile.js';
import { viewHelpers } from '../render/view-helpers.js';

/*
 * The list and review pages, the ones read most, are sent as gzip assembled from parts: the
 * site header rendered for the requester, then what is the same for everyone (stored or cached
 * compressed) around the little that is not, then the footer, compressed once.
 */
const siteHeader = compileView('partials/header');
const FOOTER = compressChunk(compileView('partials/footer').render({}));

/** Sends the parts as HTML: gzip-compressed to a client that takes it, plain to others. */
export function sendParts(req: Request, res: Response, parts: readonly CompressedChunk[]): void {
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  if (req.acceptsEncodings('gzip') === 'gzip') res.setHeader('Content-Encoding', 'gzip').send(gzipParts(parts));
  else res.send(plainParts(parts));
}

/** Sends the page `title` with the site header for the requester, then the parts, then the footer. */
export function sendPage(req: Request, res: Response, title: string, parts: readonly CompressedChunk[]): void {
  const header = storedChunk(siteHeader.render({ title, currentUser: res.locals.currentUser, currentPath: res.locals.currentPath, csrfField: res.locals.csrfField }));
  sendParts(req, res, [header, ...parts, FOOTER]);
}

/**
 * Renders the body of a page with a compiled view that marks where stored, precompressed
 * fragments go (each mark an HTML comment the view writes raw), and sends it with sendPage. The
 * view gets what res.render would give it: the view helpers, res.locals and `locals`.
 */
export function renderAssembled(req: Request, res: Response, title: string, view: CompiledView, locals: object, fills: ReadonlyMap<string, readonly CompressedChunk[]>): void {
  let rest = view.render({ ...viewHelpers, ...res.locals, ...locals });
  const parts: CompressedChunk[] = [];
  for (const [mark, fill] of fills) {
    const at = rest.indexOf(mark);
    if (at < 0) throw new Error(`The view has no ${mark}.`);
    parts.push(storedChunk(rest.slice(0, at)));
    // One chunk per form: a loop, since spreading tens of thousands of arguments overflows the stack.
    for (const chunk of fill) parts.push(chunk);
    rest = rest.slice(at + mark.length);
  }
  parts.push(storedChunk(rest));
  sendPage(req, res, title, parts);
}
