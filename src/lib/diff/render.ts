import type { Severity } from '../../checks/types.js';
import { INVISIBLE_CHARACTER, invisibleName } from '../../text/invisible.js';
import type { DiffPart } from './word-diff.js';

/** A flagged span of the corrected passage, in its own offsets. */
export interface Highlight {
  start: number;
  end: number;
  /** The finding's fingerprint: the link target in the findings panel. */
  id: string;
  severity: Severity;
  /** Read out before the span, e.g. "flagged by terms". */
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
  let html = '';
  let position = 0; // offset in the corrected passage
  const announced = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'delete') {
      html += `<del>${hidden('deleted: ')}${escapeHtml(part.text)}</del>`;
      continue;
    }
    const inner = renderHighlighted(part.text, position, highlights, announced);
    html += part.kind === 'insert' ? `<ins>${hidden('inserted: ')}${inner}</ins>` : inner;
    position += part.text.length;
  }
  return html;
}

function renderHighlighted(text: string, offset: number, highlights: readonly Highlight[], announced: Set<string>): string {
  const end = offset + text.length;
  const inside = highlights.filter((h) => h.start < end && h.end > offset && h.end > h.start);
  if (inside.length === 0) return escapeHtml(text);
  const cuts = new Set([offset, end]);
  for (const h of inside) {
    cuts.add(Math.max(h.start, offset));
    cuts.add(Math.min(h.end, end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const piece = escapeHtml(text.slice(from - offset, to - offset));
    const covering = inside.filter((h) => h.start <= from && h.end >= to);
    const first = covering[0];
    if (!first) {
      html += piece;
      continue;
    }
    const severity = covering.some((h) => h.severity === 'error') ? 'error' : covering.some((h) => h.severity === 'warning') ? 'warning' : 'info';
    const labels = covering.filter((h) => !announced.has(h.id)).map((h) => h.label);
    for (const h of covering) announced.add(h.id);
    const prefix = labels.length > 0 ? hidden(`${labels.join('; ')}: `) : '';
    const ids = escapeHtml(covering.map((h) => h.id).join(' '));
    html += `<mark class="flag flag-${severity}" data-findings="${ids}"><a href="#finding-${escapeHtml(first.id)}">${prefix}${piece}</a></mark>`;
  }
  return html;
}
