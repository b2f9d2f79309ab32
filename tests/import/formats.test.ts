import { describe, expect, it } from 'vitest';
import { extractText, htmlToText } from '../../src/import/formats.js';
import { ValidationError } from '../../src/services/errors.js';

describe('htmlToText', () => {
  it('keeps the innermost blocks as paragraphs and drops markup, scripts and styles', () => {
    const html = `<html><head><title>x</title><style>p { color: red }</style></head><body>
      <h1>Strike  on <em>Kharkiv</em></h1>
      <ul><li><p>One &amp; two</p></li><li>Three</li></ul>
      <script>document.write('<p>injected</p>')</script>
      <p>Last<br>line.</p></body></html>`;
    expect(htmlToText(html)).toBe('Strike on Kharkiv\n\nOne & two\n\nThree\n\nLast line.');
  });
});

describe('extractText', () => {
  it('reads .txt and .md as UTF-8 text', async () => {
    expect(await extractText('a.md', new TextEncoder().encode('# Title\n\nBody'))).toBe('# Title\n\nBody');
  });

  it('refuses unknown types, HTML without text and broken .docx', async () => {
    await expect(extractText('a.pdf', new Uint8Array([1]))).rejects.toThrow(ValidationError);
    await expect(extractText('a.html', new TextEncoder().encode('<p> </p><b>'))).rejects.toThrow(/no text/);
    await expect(extractText('a.docx', new TextEncoder().encode('not a zip'))).rejects.toThrow(/not a readable .docx/);
  });
});
