import { extname } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import { formatBytes, TooLargeError, ValidationError } from '../errors.js';
import { decodeArticle } from '../text/decode.js';
import { unzipWithin, type UnzipLimits } from './unzip.js';

export const ACCEPTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.docx'] as const;

// Elements whose text is one paragraph when they hold no other such element.
const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,figcaption,pre,td,th,dt,dd,caption,address';

/**
 * What a .docx may unpack to, in multiples of the article limit: Word's XML around a paragraph
 * is several times its text, and the package holds styles, settings and images beside it.
 */
const DOCX_UNPACKED_PER_TEXT_BYTE = 16;

/** The most parts a .docx may have: Word writes a few dozen, and images add one each. */
const DOCX_MAX_PARTS = 1000;

/**
 * Turns an uploaded file into article text, one paragraph per line with blank lines between:
 * plain text and Markdown as they are, HTML stripped to its paragraphs, .docx to its paragraphs.
 * Text of more than `maxTextBytes` (in UTF-8) is refused, as is a .docx that would unpack to
 * more than DOCX_UNPACKED_PER_TEXT_BYTE times that or has more than DOCX_MAX_PARTS parts.
 */
export async function extractText(fileName: string, bytes: Uint8Array, maxTextBytes: number): Promise<string> {
  const text = await textOf(fileName, bytes, maxTextBytes);
  const size = Buffer.byteLength(text);
  if (size > maxTextBytes) throw new TooLargeError(`${fileName} holds ${formatBytes(size)} of text; an article may have at most ${formatBytes(maxTextBytes)}.`);
  return text;
}

async function textOf(fileName: string, bytes: Uint8Array, maxTextBytes: number): Promise<string> {
  const extension = extname(fileName).toLowerCase();
  switch (extension) {
    case '.txt':
    case '.md':
      return decodeArticle(bytes, fileName);
    case '.html':
    case '.htm':
      return nonEmpty(htmlToText(decodeArticle(bytes, fileName)), fileName);
    case '.docx':
      return nonEmpty(await docxToText(bytes, fileName, { maxBytes: DOCX_UNPACKED_PER_TEXT_BYTE * maxTextBytes, maxEntries: DOCX_MAX_PARTS }), fileName);
    default:
      throw new ValidationError(`${fileName}: cannot import ${extension || 'a file without extension'} (use ${ACCEPTED_EXTENSIONS.join(', ')})`);
  }
}

/** The text of an HTML document's innermost blocks, in document order, with markup and scripts gone. */
export function htmlToText(html: string): string {
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false, template: false } });
  const paragraphs = root
    .querySelectorAll(BLOCKS)
    .filter((el) => el.querySelector(BLOCKS) === null)
    .map((el) => collapse(el.textContent));
  const text = paragraphs.length > 0 ? paragraphs : root.textContent.split(/\n\s*\n/).map(collapse);
  return text.filter((p) => p !== '').join('\n\n');
}

async function docxToText(bytes: Uint8Array, fileName: string, limits: UnzipLimits): Promise<string> {
  try {
    const files = await unzipWithin(Buffer.from(bytes), limits, fileName);
    const { value } = await mammoth.extractRawText({ buffer: await storedZip(files) });
    return value.split(/\n+/).map(collapse).filter((p) => p !== '').join('\n\n');
  } catch (error) {
    if (error instanceof TooLargeError) throw error;
    throw new ValidationError(`${fileName} is not a readable .docx document`);
  }
}

/**
 * The files zipped again, stored without compression, for mammoth: it unzips with a library of
 * its own that neither bounds nor checks inflation, and two zip readers can read one crafted
 * archive differently, so mammoth is given only the bytes unzipWithin counted.
 */
function storedZip(files: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of files) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nonEmpty(text: string, fileName: string): string {
  if (text === '') throw new ValidationError(`${fileName} has no text`);
  return text;
}
