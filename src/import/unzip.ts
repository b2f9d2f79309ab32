import yauzl from 'yauzl';
import { formatBytes, TooLargeError } from '../errors.js';

export interface UnzipLimits {
  /** The most the files may add up to, inflated. */
  maxBytes: number;
  /** The most files (and folders): each costs a stream to inflate, however small. */
  maxEntries: number;
}

/**
 * The files of a zip archive, inflated, when its central directory lists at most
 * `limits.maxEntries` entries whose uncompressed sizes add up to at most `limits.maxBytes`;
 * refused with a TooLargeError before anything is inflated otherwise. yauzl compares each
 * entry's inflated bytes with its declared size as they stream and stops with an error at the
 * first byte past it, so an entry that understates its size cannot inflate past the limit
 * either. Any other fault of the archive is yauzl's error.
 */
export async function unzipWithin(bytes: Buffer, limits: UnzipLimits, name: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(bytes, { validateEntrySizes: true });
  if (zip.entryCount > limits.maxEntries) {
    throw new TooLargeError(`${name} holds ${zip.entryCount.toLocaleString('en-US')} files and folders; the limit is ${limits.maxEntries.toLocaleString('en-US')}.`);
  }
  const entries: yauzl.Entry[] = [];
  let declared = 0;
  for await (const entry of zip.eachEntry()) {
    entries.push(entry);
    declared += entry.uncompressedSize;
  }
  if (declared > limits.maxBytes) throw new TooLargeError(`${name} unpacks to ${formatBytes(declared)}; the limit is ${formatBytes(limits.maxBytes)} unpacked.`);
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    // Folders are named by the paths of their files.
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks));
  }
  return files;
}
