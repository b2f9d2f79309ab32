import { readFile, rename, writeFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { decodeArticle } from '../text/decode.js';
import { trimSpaces } from '../text/segment.js';

export interface CliIO {
  /** Text, or an export's bytes as they are. */
  stdout: (output: string | Uint8Array) => void;
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

/**
 * An article framed as the web app exports it: nothing before its first line and one line break
 * (of the text's own kind) after its last, so `workbench fix` prints what the web app exports
 * after the same fixes. Line endings inside stay as they are.
 */
export function framedAsExported(text: string): string {
  const lineBreak = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
  return trimSpaces(text) + lineBreak;
}

/** Replaces a file through a temporary sibling so a crash never leaves it half written. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, file);
}
