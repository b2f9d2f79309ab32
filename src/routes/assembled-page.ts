import type { Request, Response } from 'express';
import { gzipParts, plainParts, storedChunk, type CompressedChunk } from '../lib/http/gzip-assembly.js';

/**
 * Renders a view that marks where stored, precompressed fragments go (each mark an HTML
 * comment the view writes raw), and sends the page: gzip assembled from the parts when the
 * client takes it, plain text otherwise.
 */
export function renderAssembled(req: Request, res: Response, view: string, locals: object, fills: ReadonlyMap<string, readonly CompressedChunk[]>): Promise<void> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (error: Error | null, html: string) => {
      if (error) return reject(error);
      const parts: CompressedChunk[] = [];
      let rest = html;
      for (const [mark, fill] of fills) {
        const at = rest.indexOf(mark);
        if (at < 0) return reject(new Error(`The view ${view} has no ${mark}.`));
        parts.push(storedChunk(rest.slice(0, at)), ...fill);
        rest = rest.slice(at + mark.length);
      }
      parts.push(storedChunk(rest));
      res.vary('Accept-Encoding').type('html');
      if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(gzipParts(parts));
      else res.send(plainParts(parts));
      resolve();
    });
  });
}
