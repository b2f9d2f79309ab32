import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressChunk, compressTemplate, decompressChunk, fillTemplate, gzipParts, parseTemplate, plainParts, serializeTemplate, storedChunk } from '../../src/lib/http/gzip-assembly.js';

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
    expect(plainParts(parts)).toBe(expected);
    expect(gunzipSync(gzipParts([])).toString()).toBe('');
    expect(plainParts([])).toBe('');
  });

  it('compresses a chunk once and reads it back', () => {
    const text = 'Passage about Zaporizhzhia. '.repeat(300);
    const chunk = compressChunk(text);
    expect(chunk.deflated.length).toBeLessThan(text.length / 10);
    expect(decompressChunk(chunk)).toBe(text);
  });
});

describe('compressed templates', () => {
  it('fills every slot on the way out and survives storage', () => {
    const slot = '<!--slot-->';
    const html = `<form><input name="_csrf" value="${slot}"></form><p>text</p><form><input name="_csrf" value="${slot}"></form>`;
    const stored = parseTemplate(serializeTemplate(compressTemplate(html, slot)));
    expect(stored.segments).toHaveLength(3);
    const filled = html.replaceAll(slot, 'T0k3n');
    const token = storedChunk('T0k3n');
    expect(plainParts(fillTemplate(stored, token))).toBe(filled);
    expect(gunzipSync(gzipParts([storedChunk('<main>'), ...fillTemplate(stored, token), storedChunk('</main>')])).toString()).toBe(`<main>${filled}</main>`);
    expect(plainParts(fillTemplate(compressTemplate('no slots', slot), storedChunk('x')))).toBe('no slots');
  });
});
