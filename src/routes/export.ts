import type { RequestHandler } from 'express';
import type { ServiceContext } from '../services/context.js';
import { exportArticle, exportChoice } from '../services/export.js';
import { field, idParam } from './params.js';

/**
 * `GET …/articles/:id/export?format=F&text=T`, for the page (session) and the API (token) alike:
 * the export as an attachment named from the corrected title. An unknown format or text is a 400
 * naming those there are, checked before the article is read.
 */
export function exportHandler(ctx: ServiceContext): RequestHandler {
  return async (req, res) => {
    const choice = exportChoice(field(req.query, 'format'), field(req.query, 'text'));
    const file = await exportArticle(ctx, idParam(req.params.id), choice);
    res.attachment(file.fileName).type(file.mediaType).send(file.bytes);
  };
}
