import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { TooLargeError, ValidationError } from '../../src/errors.js';
import { extractText, htmlToText, markdownArticle, markdownToText } from '../../src/import/formats.js';
import { buildDocx, buildDocxBomb, declareUncompressedSize } from '../helpers/docx.js';
import { costOf } from '../helpers/cost.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

/** The article limit these tests extract under (the app's is 2 MB); a .docx may unpack to 16 times it. */
const LIMIT = 64 * 1024;
const MB = 1024 * 1024;

const encode = (text: string) => new TextEncoder().encode(text);

describe('htmlToText', () => {
  it('keeps the innermost blocks as paragraphs and drops markup, scripts and styles', async () => {
    const html = `<html><head><title>x</title><style>p { color: red }</style></head><body>
      <h1>Strike  on <em>Kharkiv</em></h1>
      <ul><li><p>One &amp; two</p></li><li>Three</li></ul>
      <script>document.write('<p>injected</p>')</script>
      <p>Last<br>line.</p></body></html>`;
    expect(htmlToText(html)).toBe('Strike on Kharkiv\n\nOne & two\n\nThree\n\nLast line.');
  });
});

describe('markdownToText', () => {
  it.each([
    ['a heading and a paragraph, with their marks gone', '# Talks in **Kiev**\n\nThe _envoy_ left.\n', 'Talks in Kiev\n\nThe envoy left.'],
    ['a setext heading', 'Talks in Kiev\n=============\n\nThe envoy left.', 'Talks in Kiev\n\nThe envoy left.'],
    ['emphasis, links and inline code reduced to their text', 'See ***the*** [report](https://example.org "t") and `the code` on <https://example.org>.', 'See the report and the code on https://example.org.'],
    ['a reference link', 'See [the report][r].\n\n[r]: https://example.org', 'See the report.'],
    ['images dropped with their alt text', 'The talks ![Envoys at the table](a.png) ended.\n\n![Only a picture](b.png)', 'The talks ended.'],
    ['HTML blocks dropped, inline tags dropped around their text', '<div class="ad">Buy now</div>\n\nThe <b>talks</b> ended.', 'The talks ended.'],
    ['list items each a paragraph, nested ones too', '- One\n- Two\n  1. Three', 'One\n\nTwo\n\nThree'],
    ['block quotes each a paragraph', '> A quote\n\n> Another', 'A quote\n\nAnother'],
    ['a code block as its lines', '```\nline one\n\nline two\n```', 'line one\nline two'],
    ['a line break inside a paragraph stays one, so residue stays on its own line', 'The talks ended.\n4821 views 3 comment(s)\nA caption', 'The talks ended.\n4821 views 3 comment(s)\nA caption'],
    ['hard line breaks too', 'One  \nTwo\\\nThree', 'One\nTwo\nThree'],
    ['escapes and entities as the characters they stand for', '\\*Not emphasis\\* &amp; 5 \\> 3', '*Not emphasis* & 5 > 3'],
    ['Windows line breaks', '# Title\r\n\r\nBody\r\nline', 'Title\n\nBody\nline'],
    ['a thematic break dropped', 'One\n\n***\n\nTwo', 'One\n\nTwo'],
  ])('%s', (_case, markdown, text) => {
    expect(markdownToText(markdown)).toBe(text);
  });

  it('reads a line nested deeper than 16 block quotes or list items as text', () => {
    expect(markdownToText(`${'>'.repeat(40)} deep`)).toBe(`${'>'.repeat(40)} deep`);
    expect(markdownToText(`${'- '.repeat(17)}deep`)).toBe(`${'- '.repeat(17)}deep`);
    expect(markdownToText(`${'> '.repeat(16)}deep`)).toBe('deep');
  });

  it('takes a line with more emphasis and link marks than one parse takes as plain text, keeping the blank lines around it', () => {
    expect(markdownToText(`**A** b\n\n${'*_'.repeat(60)}\nc\n\n_d_`)).toBe(`A b\n\n${'*_'.repeat(60)}\nc\n\nd`);
  });

  it('parses a long document in pieces that change nothing but where emphasis would cross them', () => {
    const paragraphs = Array.from({ length: 300 }, (_, i) => `Paragraph ${i} names **Kiev** and _Odessa_.`);
    expect(markdownToText(paragraphs.join('\n\n'))).toBe(paragraphs.map((p) => p.replace(/\*\*|_/g, '')).join('\n\n'));
    expect(markdownToText(paragraphs.join('\n'))).toBe(paragraphs.map((p) => p.replace(/\*\*|_/g, '')).join('\n'));
  });

  // Degenerate Markdown: micromark pairs emphasis and link marks and nests block quotes and
  // lists at a cost up to quadratic (a wall of 8,000 `*_` took seconds, 5,000 nested `>` overflowed
  // the stack). Lines taken as plain text cost little, so they are measured on larger inputs.
  it.each([
    ['a wall of *', 50_000, (n: number) => '*'.repeat(n)],
    ['nested emphasis', 50_000, (n: number) => `${'*'.repeat(n / 2)}a${'*'.repeat(n / 2)}`],
    ['alternating * and _', 50_000, (n: number) => '*_'.repeat(n / 2)],
    ['nested block quotes on one line', 50_000, (n: number) => `${'>'.repeat(n)} deep`],
    ['nested list items on one line', 50_000, (n: number) => `${'- '.repeat(n / 2)}x`],
    ['unclosed links over many lines', 4000, (n: number) => Array.from({ length: n / 40 }, () => '[a]('.repeat(10)).join('\n')],
    ['lines of alternating * and _ just under the marks one parse takes', 4000, (n: number) => Array.from({ length: n / 100 }, () => '*_'.repeat(50)).join('\n')],
    ['emphasis on every word over many lines', 4000, (n: number) => Array.from({ length: n / 20 }, (_, i) => `*word ${i}* _and_ **more**`).join('\n')],
    ['a setext heading underline under every other line', 4000, (n: number) => 'Talks\n-\n'.repeat(n / 8)],
    ['lines of two dashes', 4000, (n: number) => '--\n'.repeat(n / 3)],
    ['nested block quotes, one level deeper on each line', 4000, (n: number) => Array.from({ length: n / 20 }, (_, i) => `${'> '.repeat(i % 20)}line`).join('\n')],
  ])('costs near-linear time on %s', (_case, size, make) => {
    const growth = growthOf(size, make, markdownToText);
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('extractText', () => {
  it('reads .txt as UTF-8 text and .md to its paragraphs', async () => {
    expect(await extractText('a.txt', encode('# Title\n\nBody'), LIMIT)).toBe('# Title\n\nBody');
    expect(await extractText('a.md', encode('# Title\n\n**Body**'), LIMIT)).toBe('Title\n\nBody');
  });

  it.each([
    ['its title heads the text', '---\ntitle: "Talks in Kiev: day two"\ndate: 2026-11-30\n---\nThe envoy **arrived**.', 'Talks in Kiev: day two\n\nThe envoy arrived.'],
    ['a title the text already starts with is not repeated', '---\ntitle: Talks\n...\n# Talks\n\nBody', 'Talks\n\nBody'],
    ['front matter without a title is dropped', '---\nauthor: A. Writer\ntags: [a, b]\n---\n\n# Heading\n\nBody', 'Heading\n\nBody'],
    ['front matter that is not valid YAML is dropped', '---\ntitle: [unclosed\n---\nBody', 'Body'],
    ['a rule that opens no front matter stays a rule', 'Intro\n\n---\n\ntitle: not metadata\n---\n', 'Intro\n\ntitle: not metadata'],
    ['an unclosed opening rule is Markdown', '---\nBody', 'Body'],
  ])('reads Markdown front matter: %s', async (_case, markdown, text) => {
    expect(await extractText('a.md', encode(markdown), LIMIT)).toBe(text);
  });

  it('costs near-linear time on a document of rules that never closes its front matter', () => {
    const growth = growthOf(4000, (n) => `---\n${'-- \n'.repeat(n / 4)}`, markdownArticle);
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('refuses unknown types, HTML without text and broken .docx', async () => {
    await expect(extractText('a.pdf', new Uint8Array([1]), LIMIT)).rejects.toThrow(ValidationError);
    await expect(extractText('a.html', encode('<p> </p><b>'), LIMIT)).rejects.toThrow(/no text/);
    await expect(extractText('a.md', encode('<div>\nOnly HTML\n</div>\n\n![a picture](a.png)'), LIMIT)).rejects.toThrow('a.md has no text');
    await expect(extractText('a.docx', encode('not a zip'), LIMIT)).rejects.toThrow(/not a readable .docx/);
  });

  it('reads a .docx with an image in it to its paragraphs', async () => {
    const docx = await buildDocx(['Talks in Kiev ended on Monday.', 'The  delegates  left <early>.'], { 'word/media/image1.png': randomBytes(50_000) });
    expect(await extractText('talks.docx', docx, LIMIT)).toBe('Talks in Kiev ended on Monday.\n\nThe delegates left <early>.');
  });
});

/** A paragraph of a translation stuck in a loop, the kind of text that reaches the limits. */
const loop = (words: number) => Array.from({ length: words }, () => 'the').join(' ');

/** `paragraphs` paragraphs of `words` looped words each, as each file type carries them. */
const texts = {
  txt: (paragraphs: string[]) => encode(paragraphs.join('\n\n')),
  md: (paragraphs: string[]) => encode(paragraphs.map((p) => `> ${p}`).join('\n\n')),
  html: (paragraphs: string[]) => encode(`<html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</body></html>`),
  docx: (paragraphs: string[]) => buildDocx(paragraphs),
};

describe('the article limit on extracted text', () => {
  // 16 paragraphs of 1,000 looped words: 64,015 bytes of text, just under 64 KB (65,536 bytes);
  // 17 of them: 68,017 bytes, over it. Markdown's block quotes lose their "> " marks.
  const under = Array.from({ length: 16 }, () => loop(1000));
  const over = Array.from({ length: 17 }, () => loop(1000));

  for (const [type, make] of Object.entries(texts)) {
    it(`takes a .${type} whose text is within it`, async () => {
      const text = await extractText(`article.${type}`, await make(under), LIMIT);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(LIMIT);
      expect(text.split('\n\n')).toHaveLength(16);
    });

    it(`refuses a .${type} whose text is over it, naming the limit`, async () => {
      const refused = extractText(`article.${type}`, await make(over), LIMIT);
      await expect(refused).rejects.toThrow(TooLargeError);
      await expect(refused).rejects.toThrow(/^article\.\w+ holds 66\.\d KB of text; an article may have at most 64 KB\.$/);
    });
  }

  it('measures UTF-8 bytes, not characters: 40,000 Cyrillic letters are 80,000 bytes', async () => {
    await expect(extractText('source.txt', encode('Київ'.repeat(10_000)), LIMIT)).rejects.toThrow('source.txt holds 78.1 KB of text');
  });
});

describe('a .docx zip bomb', () => {
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await buildDocxBomb(20 * MB);
  });

  it('is refused from the sizes its central directory declares, naming the limit', async () => {
    expect(bomb.length).toBeLessThan(40_000);
    const refused = extractText('bomb.docx', bomb, LIMIT);
    await expect(refused).rejects.toThrow(TooLargeError);
    await expect(refused).rejects.toThrow('bomb.docx unpacks to 20 MB; the limit is 1 MB unpacked.');
  });

  it('whose entry understates its size stops inflating where the size it declares ends', async () => {
    // Declared at 100 KB: within the limit, so only the check while inflating can catch it.
    const lying = declareUncompressedSize(bomb, 'word/document.xml', 100 * 1024);
    await expect(extractText('lying.docx', lying, LIMIT)).rejects.toThrow('lying.docx is not a readable .docx document');
  });

  it('whose entries each stay under the limit but add up past it is refused too', async () => {
    const parts = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`word/media/padding${i}.bin`, new Uint8Array(100 * 1024)]));
    const refused = extractText('parts.docx', await buildDocx(['Talks ended.'], parts), LIMIT);
    await expect(refused).rejects.toThrow(/^parts\.docx unpacks to 1\.2 MB; the limit is 1 MB unpacked\.$/);
  });
});

describe('reading a .docx', () => {
  // A translation's degenerate paragraphs: a word looped, a wall of punctuation, a sentence torn by dots and commas.
  const paragraph = (i: number) => (i % 3 === 0 ? loop(60) : i % 3 === 1 ? '!'.repeat(200) : `Paragraph ${i}: the talks in Kiev ended . . . . and ,,,,,, resumed.`);
  const byParagraphs = new Map<number, Buffer>();
  let manyParts: Buffer;
  beforeAll(async () => {
    for (const paragraphs of [1000, 4000]) byParagraphs.set(paragraphs, await buildDocx(Array.from({ length: paragraphs }, (_, i) => paragraph(i))));
    // Each part a one-byte image: the most parts an upload of its size can hold.
    manyParts = await buildDocx(['Talks ended.'], Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`word/media/image${i}.png`, new Uint8Array([i & 0xff])])));
  });

  it('costs CPU near-linear in the length of its document', async () => {
    // 1,000 paragraphs are 130 KB of text, some tens of milliseconds to read; the app's limit of 2 MB holds both sizes.
    const read = (paragraphs: number) => costOf(() => extractText('long.docx', byParagraphs.get(paragraphs)!, 2 * MB));
    const growth = (await read(4000)).cpuMs / (await read(1000)).cpuMs;
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('takes at most 1,000 files and folders, as each costs a stream to inflate however small it is', async () => {
    // With the package's three parts and the three folders the zip lists: 1,006 entries.
    const refused = extractText('parts.docx', manyParts, LIMIT);
    await expect(refused).rejects.toThrow(TooLargeError);
    await expect(refused).rejects.toThrow('parts.docx holds 1,006 files and folders; the limit is 1,000.');
  });
});
