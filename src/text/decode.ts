import { InputError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads article bytes as UTF-8, dropping a leading BOM and keeping line endings as they are,
 * so finding offsets are indices into exactly the text a user sees.
 */
export function decodeArticle(bytes: Uint8Array, name: string): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InputError(`${name} is not UTF-8 text`);
  }
  if (text.includes('\0')) throw new InputError(`${name} is not UTF-8 text`);
  if (text.trim() === '') throw new InputError(`${name} is empty`);
  return text;
}
