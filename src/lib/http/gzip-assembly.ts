import { createHash } from 'node:crypto';
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A gzip response assembled from parts without compressing on the request path: text that
 * changes with every request goes in as stored (uncompressed) deflate blocks, and large parts
 * that change only with the data are compressed once, when they are written, and copied in.
 * Deflate allows exactly this: compressed pieces ended by a full flush are byte-aligned and
 * refer to nothing before them, so they can follow one another in one stream.
 */

/**
 * A byte-aligned piece of a deflate stream (stored blocks, or compressed text ended by a flush)
 * with what the gzip trailer needs of its text. It refers to nothing before it.
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

export function compressChunk(text: string): DeflatedChunk {
  const bytes = Buffer.from(text, 'utf8');
  // Level 3: within 4 % of level 6 on our pages at two thirds of its time, which every import and edit pays.
  const deflated = deflateRawSync(bytes, { level: 3, finishFlush: constants.Z_FULL_FLUSH });
  return { deflated, length: bytes.length, crc: crc32(bytes), shift: x2nModP(bytes.length, 3) };
}

/** Text as stored (uncompressed) blocks: what changes with every request. */
export function storedChunk(text: string): StoredChunk {
  const bytes = Buffer.from(text, 'utf8');
  return { deflated: Buffer.concat(storedBlocks(bytes)), length: bytes.length, text: bytes };
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

/** The most bytes kept inflated for clients that do not take gzip. */
const INFLATED_CACHE_BYTES = 32 * 1024 * 1024;
/** Inflated chunks by the SHA-256 of their compressed bytes, least recently used first. */
const inflated = new Map<string, Buffer>();
let inflatedBytes = 0;

/**
 * A chunk's bytes, inflated once and kept while it is among the most recently sent: a stored
 * fragment is read anew for every request, so it is known by its compressed bytes' hash (a few
 * microseconds, against a millisecond or more to inflate a large one), and a changed fragment
 * can never be answered with an older text.
 */
function inflate(chunk: DeflatedChunk): Buffer {
  const key = createHash('sha256').update(chunk.deflated).digest('base64');
  const cached = inflated.get(key);
  if (cached) {
    inflated.delete(key);
    inflated.set(key, cached);
    return cached;
  }
  const bytes = inflateRawSync(chunk.deflated, { finishFlush: constants.Z_SYNC_FLUSH });
  if (bytes.length > INFLATED_CACHE_BYTES) return bytes;
  inflated.set(key, bytes);
  for (inflatedBytes += bytes.length; inflatedBytes > INFLATED_CACHE_BYTES; ) {
    const [oldestKey, oldest] = inflated.entries().next().value!;
    inflated.delete(oldestKey);
    inflatedBytes -= oldest.length;
  }
  return bytes;
}

/**
 * The chunks, in order, as plain UTF-8, for a client that does not take gzip. Bytes throughout:
 * decoding a large page to a string and encoding it again cost more than inflating it.
 */
export function plainParts(parts: readonly CompressedChunk[]): Buffer {
  return Buffer.concat(parts.map((part) => ('text' in part ? part.text : inflate(part))));
}

/** A chunk as stored: its CRC, length and shift (u32 LE), then its compressed bytes. */
const CHUNK_HEADER_BYTES = 12;

export function serializeChunk(chunk: DeflatedChunk): Buffer {
  const header = Buffer.alloc(CHUNK_HEADER_BYTES);
  header.writeUInt32LE(chunk.crc, 0);
  header.writeUInt32LE(chunk.length, 4);
  header.writeUInt32LE(chunk.shift, 8);
  return Buffer.concat([header, chunk.deflated]);
}

export function parseChunk(stored: Buffer): DeflatedChunk {
  return { crc: stored.readUInt32LE(0), length: stored.readUInt32LE(4), shift: stored.readUInt32LE(8), deflated: stored.subarray(CHUNK_HEADER_BYTES) };
}
