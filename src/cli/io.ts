import { readFile, rename, writeFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { decodeArticle } from '../text/decode.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<Buffer>;
}

/** Reads an article file, or stdin for "-", as checked UTF-8 text. */
export async function readArticle(file: string, io: CliIO): Promise<string> {
  if (file === '-') return decodeArticle(await io.readStdin(), 'standard input');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file} is a directory` : `${file}: cannot read (${code ?? String(error)})`);
  }
  return decodeArticle(bytes, file);
}

/** Replaces a file through a temporary sibling so a crash never leaves it half written. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
}
