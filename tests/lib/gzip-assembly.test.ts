import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressChunk, gzipParts, parseChunk, plainParts, serializeChunk, storedChunk } from '../../src/lib/http/gzip-assembly.js';

describe('gzip assembly', () => {
  it('combines the parts’ CRCs as a CRC of the whole would be (gunzip checks CRC and length)', () => {
    const cases: [string, string][] = [['', ''], ['a', ''], ['', 'b'], ['Kyiv', ' and Odesa'], ['x'.repeat(70_000), 'y'.repeat(123_457)]];
    for (const [a, b] of cases) {
      for (const parts of [[storedChunk(a), storedChunk(b)], [compressChunk(a), storedChunk(b)], [storedChunk(a), compressChunk(b)]]) {
        expect(gunzipSync(gzipParts(parts)).toString('utf8')).toBe(a + b);
      }
    }
  });

  it('assembles stored text and precompressed chunks into gzip any client can inflate', () => {
    const head = '<!doctype html><title>Звіт · report</title>';
    const body = '<table>' + '<tr><td>Grain convoy reaches Odesa</td></tr>'.repeat(400) + '</table>';
    const big = 'z'.repeat(140_000); // more than two stored blocks
    const parts = [storedChunk(head), compressChunk(body), storedChunk(big), compressChunk(''), compressChunk('<p>findings</p>'), storedChunk('</html>')];
    const expected = head + body + big + '<p>findings</p></html>';
    expect(gunzipSync(gzipParts(parts)).toString('utf8')).toBe(expected);
    expect(plainParts(parts).toString('utf8')).toBe(expected);
    expect(gunzipSync(gzipParts([])).toString()).toBe('');
    expect(plainParts([]).length).toBe(0);
  });

  it('compresses a chunk once and reads it back', () => {
    const text = 'Passage about Zaporizhzhia. '.repeat(300);
    const chunk = compressChunk(text);
    expect(chunk.deflated.length).toBeLessThan(text.length / 10);
    expect(plainParts([chunk]).toString('utf8')).toBe(text);
  });

  it('stores a chunk and reads it back, ready to assemble', () => {
    const text = '<tr><td>Kyiv, 30 000 people</td></tr>'.repeat(50);
    const chunk = parseChunk(serializeChunk(compressChunk(text)));
    expect(gunzipSync(gzipParts([storedChunk('<table>'), chunk, storedChunk('</table>')])).toString()).toBe(`<table>${text}</table>`);
  });

  it('gives each chunk its own text when it serves inflated texts again', () => {
    const first = compressChunk('<p>Odesa</p>');
    const second = compressChunk('<p>Kharkiv</p>');
    for (let i = 0; i < 3; i++) {
      expect(plainParts([first, storedChunk(' '), second]).toString('utf8')).toBe('<p>Odesa</p> <p>Kharkiv</p>');
      expect(plainParts([parseChunk(serializeChunk(second))]).toString('utf8')).toBe('<p>Kharkiv</p>');
    }
  });
});
