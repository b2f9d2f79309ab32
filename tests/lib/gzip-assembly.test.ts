import { randomBytes } from 'node:crypto';
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
  const slot = '<!--slot-->';
  const form = (id: number) => `<form action="/findings/${id}/dismiss"><input name="_csrf" value="${slot}"><label>Reason <input name="reason"></label><button>Dismiss</button></form>`;

  it('fills every slot on the way out and survives storage', () => {
    const html = `${form(1)}<p>text</p>${form(2)}`;
    const stored = parseTemplate(serializeTemplate(compressTemplate(html, slot, 5)));
    expect(stored.segments).toHaveLength(3);
    expect(stored.slotBytes).toBe(5);
    const filled = html.replaceAll(slot, 'T0k3n');
    const token = storedChunk('T0k3n');
    expect(plainParts(fillTemplate(stored, token))).toBe(filled);
    expect(gunzipSync(gzipParts([storedChunk('<main>'), ...fillTemplate(stored, token), storedChunk('</main>')])).toString()).toBe(`<main>${filled}</main>`);
    expect(plainParts(fillTemplate(compressTemplate('no slots', slot, 5), storedChunk('anything')))).toBe('no slots');
  });

  it('compresses repeated forms as one text, not as pieces that each start afresh', () => {
    const html = Array.from({ length: 40 }, (_, i) => form(i)).join('\n');
    const template = compressTemplate(html, slot, 32);
    const compressed = template.segments.reduce((sum, s) => sum + s.deflated.length, 0);
    const independent = html.split(slot).reduce((sum, text) => sum + compressChunk(text).deflated.length, 0);
    expect(compressed).toBeLessThan(independent / 3);
    const token = 'ab'.repeat(16);
    expect(gunzipSync(gzipParts(fillTemplate(template, storedChunk(token)))).toString()).toBe(html.replaceAll(slot, token));
  });

  it('refers back across slots correctly whatever fills them, and keeps long text apart from its dictionary limit', () => {
    // Longer than the dictionary, and compressing to more than one of zlib's output buffers.
    const long = 'Zaporizhzhia, Kyiv and Odesa; '.repeat(400) + randomBytes(3000).toString('hex');
    const html = `${long}${slot}${long}${slot}${form(7)}${slot}${form(8)}`;
    const template = compressTemplate(html, slot, 3);
    for (const token of ['xyz', '\0\0\0', 'Kyi', '"><']) {
      expect(gunzipSync(gzipParts(fillTemplate(template, storedChunk(token)))).toString()).toBe(html.replaceAll(slot, token));
    }
  });

  it('stores a short stretch as it is, and later stretches still refer back across it', () => {
    const tokens = Array.from({ length: 8 }, (_, i) => `<input type="hidden" name="_csrf" form="ff${i}" value="${slot}">`).join('');
    const html = `${form(1)}${form(2)}${tokens}<p>${form(3).repeat(3)}</p>`;
    const template = compressTemplate(html, slot, 32);
    const between = Buffer.from('"><input type="hidden" name="_csrf" form="ff1" value="');
    expect(template.segments[3]!.deflated.subarray(5).equals(between)).toBe(true);
    const token = 'cd'.repeat(16);
    expect(gunzipSync(gzipParts(fillTemplate(template, storedChunk(token)))).toString()).toBe(html.replaceAll(slot, token));
  });

  it('refuses a fill of another size, which would shift every reference after it', () => {
    const template = compressTemplate(`${form(1)}${form(2)}`, slot, 32);
    expect(() => fillTemplate(template, storedChunk('short'))).toThrow(/takes 32 bytes, not 5/);
  });

  it('gives the text no NUL byte, so no reference can reach into a slot', () => {
    const html = `a\0b${slot}a\0b`;
    const template = compressTemplate(html, slot, 3);
    expect(plainParts(fillTemplate(template, storedChunk('\0\0\0')))).toBe('a\uFFFDb\0\0\0a\uFFFDb');
  });
});
