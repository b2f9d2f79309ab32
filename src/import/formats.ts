import { extname } from 'node:path';
import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import { ValidationError } from '../services/errors.js';
import { decodeArticle } from '../text/decode.js';

export const ACCEPTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.docx'] as const;

// Elements whose text is one paragraph when they hold no other such element.
const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,figcaption,pre,td,th,dt,dd,caption,address';

/**
 * Turns an uploaded file into article text, one paragraph per line with blank lines between:
 * plain text and Markdown as they are, HTML stripped to its paragraphs, .docx to its paragraphs.
 */
export async function extractText(fileName: string, bytes: Uint8Array): Promise<string> {
  const extension = extname(fileName).toLowerCase();
  switch (extension) {
    case '.txt':
    case '.md':
      return decodeArticle(bytes, fileName);
    case '.html':
    case '.htm':
      return nonEmpty(htmlToText(decodeArticle(bytes, fileName)), fileName);
    case '.docx':
      return nonEmpty(await docxToText(bytes, fileName), fileName);
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

async function docxToText(bytes: Uint8Array, fileName: string): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return value.split(/\n+/).map(collapse).filter((p) => p !== '').join('\n\n');
  } catch {
    throw new ValidationError(`${fileName} is not a readable .docx document`);
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nonEmpty(text: string, fileName: string): string {
  if (text === '') throw new ValidationError(`${fileName} has no text`);
  return text;
}
