import type { RequestHandler } from 'express';
import type { ServiceContext } from '../services/context.js';
import { exportArticle, exportChoice } from '../services/export.js';
import { writeExportZip, zipFileName, zipSelection } from '../services/export-zip.js';
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

/**
 * `GET …/articles/export.zip?format=F&text=T&status=S&check=C&q=TITLE&since=DATE`, page and API
 * alike: the selected articles (the approved ones unless `status` says otherwise) in one ZIP,
 * streamed as it is made. Bad parameters are a 400 before anything is sent; a client that goes
 * away stops the work at the next article.
 */
export function zipExportHandler(ctx: ServiceContext): RequestHandler {
  return async (req, res) => {
    const choice = exportChoice(field(req.query, 'format'), field(req.query, 'text'));
    const filter = zipSelection({ status: field(req.query, 'status'), check: field(req.query, 'check'), title: field(req.query, 'q'), since: field(req.query, 'since') });
    const gone = new AbortController();
    // 'close' also comes after the whole ZIP is sent, when aborting changes nothing.
    res.on('close', () => gone.abort());
    res.attachment(zipFileName(choice)).type('application/zip');
    try {
      await writeExportZip(ctx, filter, choice, res, { signal: gone.signal });
    } catch (error) {
      // No one is left to answer.
      if (!gone.signal.aborted) throw error;
    }
  };
}
