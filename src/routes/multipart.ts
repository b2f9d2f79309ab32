import { isUtf8 } from 'node:buffer';
import type { RequestHandler } from 'express';
import multer from 'multer';
import type { Config } from '../config.js';
import { formatBytes, TooLargeError, WorkbenchError } from '../errors.js';

/**
 * The multipart/form-data parsing of the forms that upload files (importing an article, a
 * termbase file). Text fields are read as Latin-1, byte for byte: multer's UTF-8 reading would
 * turn bytes that are not UTF-8 into U+FFFD unseen, and multipartBody reads them as UTF-8
 * strictly instead. (A part that names a charset of its own is decoded as it says first;
 * browsers name none. The option is multer's; its type definitions do not list it yet.)
 */
export function multipartUpload(config: Config, limits: { files: number; fields: number }): multer.Multer {
  const uploadOptions: multer.Options & { defCharset: string } = {
    storage: multer.memoryStorage(),
    limits: { fileSize: config.maxUploadBytes, fieldSize: config.maxBodyBytes, ...limits },
    defCharset: 'latin1',
  };
  return multer(uploadOptions);
}

/** A text field multer read as Latin-1, i.e. its bytes, read as UTF-8; bytes that are not UTF-8 are refused. */
function utf8Field(name: string, latin1: string): string {
  const bytes = Buffer.from(latin1, 'latin1');
  if (!isUtf8(bytes)) throw new WorkbenchError(`Malformed request body: the field “${name}” is not UTF-8 text.`, 400);
  return bytes.toString('utf8');
}

function utf8Fields(body: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') body[name] = utf8Field(name, value);
    else if (Array.isArray(value)) body[name] = value.map((v: unknown) => (typeof v === 'string' ? utf8Field(name, v) : v));
  }
}

/** Multer's refusal, with the limit named when it is a size it refused. */
function uploadRefusal(error: multer.MulterError, config: Config): Error {
  const limit = error.code === 'LIMIT_FILE_SIZE' ? config.maxUploadBytes : error.code === 'LIMIT_FIELD_VALUE' ? config.maxBodyBytes : undefined;
  return limit === undefined ? error : new TooLargeError(`Upload refused: ${error.message}; the limit is ${formatBytes(limit)}.`);
}

/** Runs a multer parser; its refusals become the workbench's errors, its text fields UTF-8. */
export function multipartBody(parse: RequestHandler, config: Config): RequestHandler {
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError) return next(uploadRefusal(error, config));
      if (error !== undefined) return next(new WorkbenchError(`Malformed request body: ${error instanceof Error ? error.message : String(error)}`, 400));
      try {
        if (req.is('multipart')) utf8Fields(req.body as Record<string, unknown>);
        next();
      } catch (refused) {
        next(refused);
      }
    });
}

