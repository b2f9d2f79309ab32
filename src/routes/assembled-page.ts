import type { Request, Response } from 'express';
import { gzipParts, plainParts, storedChunk, type CompressedChunk } from '../lib/http/gzip-assembly.js';
import type { CompiledView } from '../render/compile.js';
import { viewHelpers } from '../render/view-helpers.js';

/**
 * Renders a compiled view that marks where stored, precompressed fragments go (each mark an
 * HTML comment the view writes raw), and sends the page: gzip assembled from the parts when
 * the client takes it, plain text otherwise. The view gets what res.render would give it: the
 * view helpers, res.locals (the requester and the CSRF field) and `locals`.
 */
export function renderAssembled(req: Request, res: Response, view: CompiledView, locals: object, fills: ReadonlyMap<string, readonly CompressedChunk[]>): void {
  let rest = view.render({ ...viewHelpers, ...res.locals, ...locals });
  const parts: CompressedChunk[] = [];
  for (const [mark, fill] of fills) {
    const at = rest.indexOf(mark);
    if (at < 0) throw new Error(`The view has no ${mark}.`);
    parts.push(storedChunk(rest.slice(0, at)), ...fill);
    rest = rest.slice(at + mark.length);
  }
  parts.push(storedChunk(rest));
  res.vary('Accept-Encoding').type('html');
  if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(gzipParts(parts));
  else res.send(plainParts(parts));
}
