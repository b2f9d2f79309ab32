import { Readable } from 'node:stream';
import JSZip from 'jszip';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

const PACKAGE_RELATIONSHIPS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const DOCUMENT_START = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCUMENT_END = '</w:body></w:document>';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Deflated, as Word saves a .docx: the package parts and the parts given. */
function pack(parts: Record<string, string | Uint8Array | Readable>): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', PACKAGE_RELATIONSHIPS);
  for (const [name, data] of Object.entries(parts)) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A .docx with one Word paragraph per string, and any other parts given (an image, say). */
export function buildDocx(paragraphs: readonly string[], parts: Record<string, Uint8Array> = {}): Promise<Buffer> {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  return pack({ 'word/document.xml': DOCUMENT_START + body + DOCUMENT_END, ...parts });
}

/**
 * A zip bomb: a .docx whose document.xml is one paragraph of `letters` times "a", which deflate
 * packs about 1,000 to 1 (200 MB into 200 KB). The letters are streamed into the zip a megabyte
 * at a time, so building it never holds them all.
 */
export function buildDocxBomb(letters: number): Promise<Buffer> {
  const megabyte = Buffer.alloc(1024 * 1024, 'a');
  function* documentXml() {
    yield Buffer.from(`${DOCUMENT_START}<w:p><w:r><w:t>`);
    for (let left = letters; left > 0; left -= megabyte.length) yield megabyte.subarray(0, Math.min(left, megabyte.length));
    yield Buffer.from(`</w:t></w:r></w:p>${DOCUMENT_END}`);
  }
  return pack({ 'word/document.xml': Readable.from(documentXml()) });
}

const CENTRAL_FILE_HEADER = Buffer.from('PK\x01\x02', 'latin1');

/**
 * The zip with the uncompressed size its central directory declares for `name` replaced: an
 * entry that lies about what it inflates to. No zip library writes one, so the field is patched.
 */
export function declareUncompressedSize(zip: Buffer, name: string, size: number): Buffer {
  const patched = Buffer.from(zip);
  for (let at = patched.indexOf(CENTRAL_FILE_HEADER); at >= 0; at = patched.indexOf(CENTRAL_FILE_HEADER, at + 4)) {
    const nameLength = patched.readUInt16LE(at + 28);
    if (patched.toString('utf8', at + 46, at + 46 + nameLength) !== name) continue;
    patched.writeUInt32LE(size, at + 24);
    return patched;
  }
  throw new Error(`${name} is not in the zip's central directory`);
}
