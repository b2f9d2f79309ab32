import { extname } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Nodes, Parents } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { parse as parseYaml } from 'yaml';
import { parse } from 'node-html-parser';
import { formatBytes, TooLargeError, ValidationError } from '../errors.js';
import { decodeArticle } from '../text/decode.js';
import { unzipWithin, type UnzipLimits } from './unzip.js';

export const ACCEPTED_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.docx'] as const;

// Elements whose text is one paragraph when they hold no other such element.
const BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,blockquote,figcaption,pre,td,th,dt,dd,caption,address';

/**
 * What a .docx may unpack to, in multiples of the article limit: Word's XML around a paragraph
 * is several times its text, and the package holds styles, settings and images beside it.
 */
const DOCX_UNPACKED_PER_TEXT_BYTE = 16;

/** The most parts a .docx may have: Word writes a few dozen, and images add one each. */
const DOCX_MAX_PARTS = 1000;

/**
 * Turns an uploaded file into article text, one paragraph per line with blank lines between:
 * plain text as it is, Markdown, HTML and .docx stripped to their paragraphs.
 * Text of more than `maxTextBytes` (in UTF-8) is refused, as is a .docx that would unpack to
 * more than DOCX_UNPACKED_PER_TEXT_BYTE times that or has more than DOCX_MAX_PARTS parts.
 */
export async function extractText(fileName: string, bytes: Uint8Array, maxTextBytes: number): Promise<string> {
  const text = await textOf(fileName, bytes, maxTextBytes);
  const size = Buffer.byteLength(text);
  if (size > maxTextBytes) throw new TooLargeError(`${fileName} holds ${formatBytes(size)} of text; an article may have at most ${formatBytes(maxTextBytes)}.`);
  return text;
}

async function textOf(fileName: string, bytes: Uint8Array, maxTextBytes: number): Promise<string> {
  const extension = extname(fileName).toLowerCase();
  switch (extension) {
    case '.txt':
      return decodeArticle(bytes, fileName);
    case '.md':
      return nonEmpty(markdownArticle(decodeArticle(bytes, fileName)), fileName);
    case '.html':
    case '.htm':
      return nonEmpty(htmlToText(decodeArticle(bytes, fileName)), fileName);
    case '.docx':
      return nonEmpty(await docxToText(bytes, fileName, { maxBytes: DOCX_UNPACKED_PER_TEXT_BYTE * maxTextBytes, maxEntries: DOCX_MAX_PARTS }), fileName);
    default:
      throw new ValidationError(`${fileName}: cannot import ${extension || 'a file without extension'} (use ${ACCEPTED_EXTENSIONS.join(', ')})`);
  }
}

/** The text of an HTML document's innermost blocks, in document order, with markup and scripts gone. */
export function htmlToText(html: string): string {
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false, template: false } });
  const paragraphs = root
    .querySelectorAll(BLOCKS)
    .filter((el) => el.querySelector(BLOCKS) === null)
    .map((el) => collapse(el.textContent));
  const text = paragraphs.length > 0 ? paragraphs : root.textContent.split(/\n\s*\n/).map(collapse);
  return text.filter((p) => p !== '').join('\n\n');
}

/**
 * YAML front matter, as static site generators and many CMSes write it before the Markdown:
 * `---` on the first line, the metadata, then `---` (or `...`) on a line of its own.
 */
const FRONT_MATTER_START = /^---[ \t]*\r?\n/;
const FRONT_MATTER_END = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;

/**
 * A Markdown file's article text: its front matter is metadata, not text (read as Markdown it
 * became a rule and a heading "title: …"), but its title, when it gives one, heads the text as
 * the article's title line.
 */
export function markdownArticle(markdown: string): string {
  const start = FRONT_MATTER_START.exec(markdown);
  FRONT_MATTER_END.lastIndex = start?.[0].length ?? 0;
  const end = start && FRONT_MATTER_END.exec(markdown);
  if (!start || !end) return markdownToText(markdown);
  const body = markdownToText(markdown.slice(end.index + end[0].length));
  const title = titleOf(markdown.slice(start[0].length, end.index));
  return title === undefined || body.startsWith(title) ? body : `${title}\n\n${body}`;
}

/** The `title` of YAML front matter, on one line; undefined when there is none or the YAML is not valid. */
function titleOf(frontMatter: string): string | undefined {
  let metadata: unknown;
  try {
    metadata = parseYaml(frontMatter);
  } catch {
    return undefined;
  }
  const title = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>).title : undefined;
  return typeof title === 'string' && title.trim() !== '' ? collapse(title) : undefined;
}

/**
 * The most emphasis and link marks one parse of Markdown takes. Pairing them costs micromark
 * up to the square of their number (a wall of `*_*_`, `[a](` or nested `***a***` ran for
 * minutes), so a longer text is parsed in pieces with at most about this many each, cut at a
 * blank line where one comes, else between lines: a cut between lines changes nothing, as each
 * line stays a line. A line with more marks than this is no Markdown anyone wrote, and is
 * taken as plain text. Real paragraphs hold a few dozen.
 */
const MARKS_PER_PARSE = 100;

/**
 * The most lines one parse of Markdown takes: micromark resolves each setext heading underline
 * (`-` or `=` under a line) by walking back over the events before it, so 20 KB of `a` / `-`
 * lines took 22 s. Cut into pieces of this many lines, the text costs time linear in its length.
 */
const LINES_PER_PARSE = 50;

/** A line's emphasis and link marks, counted up to one past MARKS_PER_PARSE. */
function marksOf(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length && count <= MARKS_PER_PARSE; i++) {
    const c = line[i];
    if (c === '*' || c === '_' || c === '[' || c === ']' || c === '`') count++;
  }
  return count;
}

/**
 * The deepest a line's block quotes and list items may nest (`> > >`, `- - -`): deeper, the
 * line is read as plain text, since micromark's cost grows with the square of the depth and its
 * tree past some thousands of levels overflows the stack.
 */
const MAX_NESTING = 16;

/**
 * The text of a Markdown document: each heading, paragraph, list item, block quote and code
 * block a paragraph; emphasis, links and inline code reduced to their text; HTML dropped.
 * Images are dropped with their alt text, as in .html uploads: it describes a picture the
 * export does not carry, and inside a sentence it would read as part of it. A line break
 * inside a paragraph stays one: the workbench's passages are lines, and residue such as a
 * counter line must stay on its own line to be found.
 */
export function markdownToText(markdown: string): string {
  let text = '';
  let blankLine = false;
  for (const piece of markdownPieces(markdown.split(/\r\n?|\n/).map(withinNesting))) {
    const paragraphs = piece.plain ? collapse(piece.text) : blocksOf(piece.text).join('\n\n');
    // Pieces are cut at a blank line (kept at the start of the next piece) or between two lines.
    blankLine ||= isBlank(piece.text.slice(0, piece.text.indexOf('\n') + 1 || undefined));
    if (paragraphs === '') blankLine = true;
    else {
      if (text !== '') text += blankLine ? '\n\n' : '\n';
      text += paragraphs;
      blankLine = false;
    }
    blankLine ||= isBlank(piece.text.slice(piece.text.lastIndexOf('\n') + 1));
  }
  return text;
}

const isBlank = (line: string) => line.trim() === '';

/** The text of each leaf block of a Markdown text, in order; walked with a stack, as block quotes may nest deep. */
function blocksOf(markdown: string): string[] {
  const blocks: string[] = [];
  const stack: Nodes[] = [fromMarkdown(markdown)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const text = blockText(node);
    if (text !== undefined) {
      if (text !== '') blocks.push(text);
    } else {
      const { children } = node as Parents;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return blocks;
}

const CONTAINERS = new Set<string>(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition']);

/** A leaf block's text, its lines collapsed; '' for a block without text (HTML, a thematic break, a definition), undefined for a container. */
function blockText(node: Nodes): string | undefined {
  if (node.type === 'paragraph' || node.type === 'heading') return linesOf(toString(withLineBreaks(node), { includeImageAlt: false, includeHtml: false }));
  if (node.type === 'code') return linesOf(node.value);
  if (CONTAINERS.has(node.type)) return undefined;
  return '';
}

/** A hard line break (two spaces or a backslash at a line's end) becomes a line break in the text, which toString would drop. */
function withLineBreaks(node: Parents): Parents {
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (!('children' in current)) continue;
    current.children = current.children.map((child) => (child.type === 'break' ? { type: 'text', value: '\n' } : child)) as typeof current.children;
    // A loop, not push(...children): a paragraph of many thousand hard-broken lines would overflow the stack.
    for (const child of current.children) stack.push(child);
  }
  return node;
}

function linesOf(text: string): string {
  return text.split(/\r\n?|\n/).map(collapse).filter((line) => line !== '').join('\n');
}

/** A line whose block quotes and list items nest deeper than MAX_NESTING, its first marker escaped so it reads as text. */
function withinNesting(line: string): string {
  let depth = 0;
  let first = -1;
  for (let i = 0; i < line.length; ) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const marker = /^(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(line.slice(i, i + 11));
    if (!marker) break;
    if (first < 0) first = i + marker[0].length - 1;
    depth++;
    i += marker[0].length;
    if (depth > MAX_NESTING) return `${line.slice(0, first)}\\${line.slice(first)}`;
  }
  return line;
}

interface Piece {
  text: string;
  /** A line with more marks than MARKS_PER_PARSE: taken as it is. */
  plain: boolean;
}

/** The document in pieces of Markdown with at most about MARKS_PER_PARSE marks and LINES_PER_PARSE lines each, and lines with more marks on their own, as plain text. */
function markdownPieces(lines: readonly string[]): Piece[] {
  const pieces: Piece[] = [];
  let current: string[] = [];
  let marks = 0;
  // Where the current piece may be cut at a blank line: its index in `current` and the marks before it.
  let lastBlank = -1;
  let marksBeforeBlank = 0;
  const cut = (at: number) => {
    if (at > 0) pieces.push({ text: current.slice(0, at).join('\n'), plain: false });
    current = current.slice(at);
    lastBlank = -1;
  };
  for (const line of lines) {
    const count = marksOf(line);
    if (count > MARKS_PER_PARSE) {
      cut(current.length);
      pieces.push({ text: line, plain: true });
      marks = 0;
      continue;
    }
    if (marks + count > MARKS_PER_PARSE || current.length >= LINES_PER_PARSE) {
      if (lastBlank > 0) {
        cut(lastBlank);
        marks -= marksBeforeBlank;
      } else {
        cut(current.length);
        marks = 0;
      }
    }
    if (isBlank(line)) {
      lastBlank = current.length;
      marksBeforeBlank = marks;
    }
    current.push(line);
    marks += count;
  }
  cut(current.length);
  return pieces;
}

async function docxToText(bytes: Uint8Array, fileName: string, limits: UnzipLimits): Promise<string> {
  try {
    const files = await unzipWithin(Buffer.from(bytes), limits, fileName);
    const { value } = await mammoth.extractRawText({ buffer: await storedZip(files) });
    return value.split(/\n+/).map(collapse).filter((p) => p !== '').join('\n\n');
  } catch (error) {
    if (error instanceof TooLargeError) throw error;
    throw new ValidationError(`${fileName} is not a readable .docx document`);
  }
}

/**
 * The files zipped again, stored without compression, for mammoth: it unzips with a library of
 * its own that neither bounds nor checks inflation, and two zip readers can read one crafted
 * archive differently, so mammoth is given only the bytes unzipWithin counted.
 */
function storedZip(files: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of files) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function nonEmpty(text: string, fileName: string): string {
  if (text === '') throw new ValidationError(`${fileName} has no text`);
  return text;
}
