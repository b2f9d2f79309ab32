import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Severity } from '../../checks/types.js';
import { INVISIBLE_CHARACTER, invisibleName } from '../../text/invisible.js';
import type { DiffPart } from './word-diff.js';

/** This module's own source: part of the key of stored review pages, so a change to how passages render renders them again. */
export const DIFF_RENDERER_SOURCE = readFileSync(fileURLToPath(import.meta.url));

/** A flagged span of the corrected passage, in its own offsets. */
export interface Highlight {
  start: number;
  end: number;
  /** The finding's fingerprint: the link target in the findings panel; the span's first mark is `flag-` and it. */
  id: string;
  severity: Severity;
  /** The finding's message: read out before the span and shown as the tooltip of each of its marks. */
  label: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const TO_ESCAPE = new RegExp(`[&<>"']|${INVISIBLE_CHARACTER.source}`, 'gu');
const markers = new Map<string, string>();

/**
 * Text as HTML element content: the five characters HTML gives meaning to escaped, and each
 * invisible character (zero-width space or joiner, soft hyphen, bidi control) shown as a small
 * boxed marker in its place. The reviewer then sees exactly the text that is stored and
 * exported, and no bidi override reaches the browser to show it in another order. A marker
 * is an element, so attribute values that might hold such characters need another escape.
 */
export function escapeHtml(text: string): string {
  return text.replace(TO_ESCAPE, (c) => ESCAPES[c] ?? markerOf(c));
}

/**
 * Text as an attribute value: escaped like element content, but each invisible character named
 * in brackets ("[ZWSP]"), since no element can stand in an attribute.
 */
export function escapeAttribute(text: string): string {
  return text.replace(TO_ESCAPE, (c) => ESCAPES[c] ?? `[${invisibleName(c.codePointAt(0)!).abbreviation}]`);
}

function markerOf(character: string): string {
  let marker = markers.get(character);
  if (marker === undefined) {
    const { abbreviation, fullName } = invisibleName(character.codePointAt(0)!);
    marker = `<abbr class="invisible-char" title="${fullName}">${abbreviation}</abbr>`;
    markers.set(character, marker);
  }
  return marker;
}

const hidden = (text: string) => `<span class="visually-hidden">${escapeHtml(text)}</span>`;

/**
 * Renders a passage's word diff with its findings highlighted: the one place that makes HTML
 * from text. Every piece of text is escaped here, after diffing and after splitting at
 * highlight boundaries, never before. Deletions and insertions carry visually hidden words
 * for screen readers, which do not announce <del>/<ins>; highlights are links to the finding.
 */
export function renderDiffHtml(parts: readonly DiffPart[], highlights: readonly Highlight[] = []): string {
  const sweep = new HighlightSweep(highlights);
  let html = '';
  let position = 0; // offset in the corrected passage
  for (const part of parts) {
    if (part.kind === 'delete') {
      html += `<del>${hidden('deleted: ')}${escapeHtml(part.text)}</del>`;
      continue;
    }
    const inner = sweep.render(part.text, position);
    html += part.kind === 'insert' ? `<ins>${hidden('inserted: ')}${inner}</ins>` : inner;
    position += part.text.length;
  }
  return html;
}

/**
 * The highlights over the corrected passage, walked once from its start to its end: sorted by
 * where they start and where they end, with the set of those covering the current position.
 * Filtering every highlight at every cut instead made a passage with thousands of findings
 * ("the the the …") cost quadratic time.
 */
class HighlightSweep {
  private readonly byStart: Highlight[];
  private readonly byEnd: Highlight[];
  private nextStart = 0;
  private nextEnd = 0;
  /** Each highlight's place in the given list: covering ones are named in that order. */
  private readonly order: Map<Highlight, number>;
  /** The highlights covering the current position, in their given order; rarely more than two. */
  private readonly covering: Highlight[] = [];
  private readonly announced = new Set<string>();

  constructor(highlights: readonly Highlight[]) {
    const spans = highlights.filter((h) => h.end > h.start);
    this.order = new Map(spans.map((h, i) => [h, i]));
    this.byStart = [...spans].sort((a, b) => a.start - b.start);
    this.byEnd = [...spans].sort((a, b) => a.end - b.end);
  }

  /** The HTML of `text`, which starts at `offset`; calls go forward through the passage. */
  render(text: string, offset: number): string {
    const end = offset + text.length;
    let html = '';
    for (let from = offset; from < end; ) {
      while (this.nextStart < this.byStart.length && this.byStart[this.nextStart]!.start <= from) this.cover(this.byStart[this.nextStart++]!);
      while (this.nextEnd < this.byEnd.length && this.byEnd[this.nextEnd]!.end <= from) this.uncover(this.byEnd[this.nextEnd++]!);
      const to = Math.min(end, this.byStart[this.nextStart]?.start ?? end, this.byEnd[this.nextEnd]?.end ?? end);
      const piece = escapeHtml(text.slice(from - offset, to - offset));
      html += this.covering.length === 0 ? piece : this.mark(piece);
      from = to;
    }
    return html;
  }

  private cover(highlight: Highlight): void {
    const order = this.order.get(highlight)!;
    let at = this.covering.length;
    while (at > 0 && this.order.get(this.covering[at - 1]!)! > order) at--;
    this.covering.splice(at, 0, highlight);
  }

  private uncover(highlight: Highlight): void {
    this.covering.splice(this.covering.indexOf(highlight), 1);
  }

  /**
   * A piece covered by highlights: a link to the first one's finding, titled with every covering
   * finding's message. The first piece of each highlight carries its id (`flag-` and the
   * fingerprint, so the finding can link back) and reads its message out; a piece where several
   * start gives the mark the first id and an empty anchor to each other.
   */
  private mark(piece: string): string {
    let severity: Severity = 'info';
    let labels = '';
    let titles = '';
    let ids = '';
    let anchors = '';
    let markId = '';
    for (const h of this.covering) {
      if (h.severity === 'error' || (h.severity === 'warning' && severity === 'info')) severity = h.severity;
      if (!this.announced.has(h.id)) {
        labels += labels ? `; ${h.label}` : h.label;
        this.announced.add(h.id);
        if (markId) anchors += `<span id="flag-${escapeAttribute(h.id)}"></span>`;
        else markId = ` id="flag-${escapeAttribute(h.id)}"`;
      }
      titles += titles ? `; ${h.label}` : h.label;
      ids += ids ? ` ${h.id}` : h.id;
    }
    const prefix = labels ? hidden(`${labels} `) : '';
    const first = escapeAttribute(this.covering[0]!.id);
    return `<mark${markId} class="flag flag-${severity}" data-findings="${escapeAttribute(ids)}">${anchors}<a href="#finding-${first}" title="${escapeAttribute(titles)}">${prefix}${piece}</a></mark>`;
  }
}
