import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A gzip response assembled from parts without compressing on the request path: text that
 * changes with every request goes in as stored (uncompressed) deflate blocks, and large parts
 * that change only with the data are compressed once, when they are written, and copied in.
 * Deflate allows exactly this: compressed pieces ended by a flush are byte-aligned, so they can
 * follow one another in one stream, and a piece may refer back into the text before it.
 */

/**
 * A byte-aligned piece of a deflate stream (stored blocks, or compressed text ended by a flush)
 * with what the gzip trailer needs of its text. It refers to nothing before it, except the
 * stretches of a CompressedTemplate.
 */
export type CompressedChunk = DeflatedChunk | StoredChunk;

/** Compressed text, with its CRC-32 and the factor that moves a CRC past it (x^(8·length) mod the CRC polynomial). */
export interface DeflatedChunk {
  deflated: Buffer;
  /** Bytes of the uncompressed UTF-8 text. */
  length: number;
  crc: number;
  shift: number;
}

/** Text as stored blocks, made on each request: gzipParts runs the CRC over the text itself. */
export interface StoredChunk {
  deflated: Buffer;
  length: number;
  text: Buffer;
}

function deflatedChunk(deflated: Buffer, bytes: Buffer): DeflatedChunk {
  return { deflated, length: bytes.length, crc: crc32(bytes), shift: x2nModP(bytes.length, 3) };
}

export function compressChunk(text: string): DeflatedChunk {
  const bytes = Buffer.from(text, 'utf8');
  // Level 3: within 4 % of level 6 on our pages at two thirds of its time, which every import and edit pays.
  return deflatedChunk(deflateRawSync(bytes, { level: 3, finishFlush: constants.Z_FULL_FLUSH }), bytes);
}

/** Text as stored (uncompressed) blocks: what changes with every request. */
export function storedChunk(text: string): StoredChunk {
  const bytes = Buffer.from(text, 'utf8');
  return { deflated: Buffer.concat(storedBlocks(bytes)), length: bytes.length, text: bytes };
}

export function decompressChunk(chunk: CompressedChunk): string {
  return inflateRawSync(chunk.deflated, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty stored block with the final bit: the end of the deflate stream. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
const MAX_STORED = 0xffff;

/** Bytes as non-final stored blocks (at most 65,535 bytes each). */
function storedBlocks(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += MAX_STORED) {
    const piece = bytes.subarray(start, start + MAX_STORED);
    const header = Buffer.alloc(5);
    header.writeUInt16LE(piece.length, 1);
    header.writeUInt16LE(~piece.length & 0xffff, 3);
    out.push(header, piece);
  }
  return out;
}

// CRC-32 of a concatenation from the CRCs of its parts, as zlib's crc32_combine does it:
// multiply the first CRC by x^(8·len2) modulo the CRC polynomial (a chunk's shift), then add the second.
const POLY = 0xedb88320;

function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, for k = 0..31. */
const X2N: number[] = [];
for (let k = 0, p = 0x40000000; k < 32; k++, p = multModP(p, p)) X2N.push(p);

function x2nModP(n: number, k: number): number {
  let p = 0x80000000;
  for (; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k & 31]!, p);
  return p;
}

/** The chunks, in order, as one gzip member. */
export function gzipParts(parts: readonly CompressedChunk[]): Buffer {
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  for (const part of parts) {
    pieces.push(part.deflated);
    crc = 'text' in part ? crc32(part.text, crc) : (multModP(part.shift, crc) ^ part.crc) >>> 0;
    length += part.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  pieces.push(FINAL_BLOCK, trailer);
  return Buffer.concat(pieces);
}

/** The chunks, in order, as plain text, for a client that does not take gzip. */
export function plainParts(parts: readonly CompressedChunk[]): string {
  if (parts.length === 0) return '';
  return decompressChunk({ ...parts[0]!, deflated: Buffer.concat([...parts.map((p) => p.deflated), FINAL_BLOCK]) });
}

/**
 * HTML compressed ahead of time around slots that are filled on each request (a form's CSRF
 * token), each slot taking the same number of bytes. Each stretch between two slots is a chunk
 * compressed with the text before it as its dictionary, so the repeated markup of a list of
 * forms still compresses as one text would (independent stretches made a findings panel three
 * times as large). Such a stretch refers back into that text: the stretches are only valid in
 * order, with every slot filled by exactly `slotBytes` bytes, which fillTemplate checks.
 */
export interface CompressedTemplate {
  slotBytes: number;
  segments: DeflatedChunk[];
}

/** How far back a stretch may refer: the markup it repeats is the previous form or two. */
const DICTIONARY_BYTES = 4096;
/** A window of 8 KB, the smallest that holds the dictionary: zlib sets a stream up faster the smaller it is. */
const TEMPLATE_WINDOW_BITS = 13;
/** Output buffers of 1 KB: a stretch compresses to a few hundred bytes, and allocating zlib's default 16 KB for each took a fifth of the time. */
const TEMPLATE_CHUNK_BYTES = 1024;
/**
 * A stretch shorter than this goes in stored: setting zlib up for it (about 25 µs, mostly Node's
 * per-call work) costs more than its few saved bytes are worth. Views keep their token inputs
 * together, so the stretches between slots are this short and a fragment takes one zlib call.
 */
const STORED_STRETCH_BYTES = 128;

export function compressTemplate(html: string, slot: string, slotBytes: number): CompressedTemplate {
  // While compressing, each slot holds NUL bytes. HTML parsers treat NUL as an error and replace
  // it, so the text is given none and no match can reach into a slot that the page fills differently.
  const stretches = html.replaceAll('\0', '\uFFFD').split(slot).map((text) => Buffer.from(text, 'utf8'));
  const placeholder = Buffer.alloc(slotBytes);
  let before = Buffer.alloc(0);
  const segments = stretches.map((bytes) => {
    const dictionary = before.length > 0 ? { dictionary: before.subarray(-DICTIONARY_BYTES) } : {};
    const deflated =
      bytes.length < STORED_STRETCH_BYTES
        ? Buffer.concat(storedBlocks(bytes))
        : deflateRawSync(bytes, { level: 3, windowBits: TEMPLATE_WINDOW_BITS, chunkSize: TEMPLATE_CHUNK_BYTES, finishFlush: constants.Z_SYNC_FLUSH, ...dictionary });
    before = Buffer.concat([before.subarray(-DICTIONARY_BYTES), bytes, placeholder]);
    return deflatedChunk(deflated, bytes);
  });
  return { slotBytes, segments };
}

/** The template's chunks with every slot filled by `value` (made once per request with storedChunk). */
export function fillTemplate(template: CompressedTemplate, value: CompressedChunk): CompressedChunk[] {
  if (template.segments.length > 1 && value.length !== template.slotBytes) {
    throw new Error(`A slot of this template takes ${template.slotBytes} bytes, not ${value.length}.`);
  }
  return template.segments.flatMap((segment, i) => (i === 0 ? [segment] : [value, segment]));
}

/** Names the stored form below; a stored template of another format must be made again. */
export const TEMPLATE_FORMAT = 3;

// Stored form: the slot size and the segment count, then each segment's compressed length,
// CRC, length and shift (u32 LE), then the compressed bytes of all segments in order.
const SEGMENT_FIELDS = 4;
const HEADER_BYTES = 8;
export function serializeTemplate({ slotBytes, segments }: CompressedTemplate): Buffer {
  const header = Buffer.alloc(HEADER_BYTES + 4 * SEGMENT_FIELDS * segments.length);
  header.writeUInt32LE(slotBytes, 0);
  header.writeUInt32LE(segments.length, 4);
  segments.forEach((s, i) => {
    [s.deflated.length, s.crc, s.length, s.shift].forEach((value, f) => header.writeUInt32LE(value, HEADER_BYTES + 4 * (SEGMENT_FIELDS * i + f)));
  });
  return Buffer.concat([header, ...segments.map((s) => s.deflated)]);
}

export function parseTemplate(stored: Buffer): CompressedTemplate {
  const slotBytes = stored.readUInt32LE(0);
  const count = stored.readUInt32LE(4);
  const segments: DeflatedChunk[] = [];
  const field = (i: number, f: number) => stored.readUInt32LE(HEADER_BYTES + 4 * (SEGMENT_FIELDS * i + f));
  let offset = HEADER_BYTES + 4 * SEGMENT_FIELDS * count;
  for (let i = 0; i < count; i++) {
    const size = field(i, 0);
    segments.push({ deflated: stored.subarray(offset, offset + size), crc: field(i, 1), length: field(i, 2), shift: field(i, 3) });
    offset += size;
  }
  return { slotBytes, segments };
}
