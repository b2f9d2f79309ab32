import yauzl from 'yauzl';
import type { ZipManifest } from '../../src/services/export-zip.js';

export interface ZipEntry {
  /** 0 stored, 8 deflated. */
  compressionMethod: number;
  bytes: Buffer;
}

/** A ZIP's files read back with yauzl (sizes and CRCs checked as they inflate), in the order of its central directory. */
export async function readZip(bytes: Buffer): Promise<Map<string, ZipEntry>> {
  const zip = await yauzl.fromBufferPromise(bytes, { validateEntrySizes: true });
  const files = new Map<string, ZipEntry>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(entry.fileName, { compressionMethod: entry.compressionMethod, bytes: Buffer.concat(chunks) });
  }
  return files;
}

/** The manifest.json of a ZIP export, parsed. */
export function manifestOf(files: Map<string, ZipEntry>): ZipManifest {
  const manifest = files.get('manifest.json');
  if (!manifest) throw new Error(`No manifest.json among ${[...files.keys()].join(', ')}`);
  return JSON.parse(manifest.bytes.toString('utf8')) as ZipManifest;
}
