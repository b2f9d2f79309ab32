import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checks } from '../checks/index.js';
import { MAX_FINDINGS_PER_ARTICLE, MAX_FINDINGS_PER_CHECK, reachedCaps } from '../checks/run-checks.js';
import type { Severity } from '../checks/types.js';
import type { StoredFinding } from '../db/repositories/findings.js';
import { escapeHtml, renderDiffHtml, wordDiff, type Highlight } from '../lib/diff/index.js';
import { DIFF_RENDERER_SOURCE } from '../lib/diff/render.js';
import { compressChunk, parseChunk, serializeChunk, type DeflatedChunk } from '../lib/http/gzip-assembly.js';
import { compileFragment, type CompiledView } from './compile.js';
import { viewHelpers } from './view-helpers.js';
import type { StoredPassage } from '../db/repositories/passages.js';
import type { CommentsBrief } from '../db/repositories/passage-comments.js';

/**
 * The review page's two large parts, the passages and the findings panel, rendered when an
 * article's text or findings change rather than on every view. The findings panel depends only on
 * the article's data, so one rendering serves every reader; the passages hold an editor's
 * approve and reject forms where a proposal waits, so those articles get a second rendering of
 * them for the people who may approve.
 */

const passagesTemplate = compileFragment('passages');
const findingsTemplate = compileFragment('findings');

/**
 * Names everything a stored rendering embeds besides the article's data: the templates, this
 * module's view model, the diff renderer, the checks' descriptions and the caps the panel
 * states. A stored rendering with another key is rendered again when read.
 */
export const RENDER_KEY = createHash('sha256')
  .update(passagesTemplate.source)
  .update(findingsTemplate.source)
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(DIFF_RENDERER_SOURCE)
  .update(JSON.stringify(checks.map((c) => [c.id, c.description])))
  .update(`${MAX_FINDINGS_PER_CHECK} ${MAX_FINDINGS_PER_ARTICLE}`)
  .digest('hex')
  .slice(0, 16);

export interface FragmentArticle {
  id: number;
  targetLang: string;
  sourceLang: string | null;
  hasSource: boolean;
  /** Passage 0 is a title given apart from the text. */
  separateTitle: boolean;
}

/** What the fragments show of an article itself. */
export function fragmentArticle(article: { id: number; targetLang: string; sourceLang: string | null; sourceText: string | null; separateTitle: boolean }): FragmentArticle {
  return { id: article.id, targetLang: article.targetLang, sourceLang: article.sourceLang, hasSource: article.sourceText !== null, separateTitle: article.separateTitle };
}

export interface PassageView {
  idx: number;
  aiText: string;
  sourceText: string | null;
  /**
   * The passage's one word diff, its open findings highlighted: while a proposal waits, from the
   * approved text to the proposal; otherwise from the AI text to the corrected text.
   */
  diffHtml: string;
  /** The AI text and the corrected one are shown apart: they differ, or a proposal waits (a revert's too). */
  changed: boolean;
  deleted: boolean;
  /** Reverting to the AI text would change the text. */
  revertible: boolean;
  /** What a revert from this page is based on. */
  version: number;
  /** Its comments in brief (each shortened), or none. */
  comments: CommentsBrief;
  /** A re-import changed the AI text under the correction. */
  needsReview: boolean;
  /** While a translator's correction waits for an editor, what its diff starts from; otherwise null. */
  proposedFrom: 'the approved text' | 'the AI text' | null;
}

export interface FindingView {
  fingerprint: string;
  /** Its place in reading order (passage, then offset): the order j/k walk. */
  order: number;
  severity: Severity;
  message: string;
  text: string;
  passageIdx: number | null;
  /** Whether its span is marked in the passages (as `flag-` and the fingerprint), to link to. */
  markedInText: boolean;
  /** What applying the safe fix does, when there is one. */
  fixLabel: string | null;
  suggestions: { index: number; label: string }[];
  dismissed: boolean;
  dismissalReason: string | null;
}

/** A form "one spelling everywhere" may use, and what using it changes. */
export interface SpellingChoiceView {
  spelling: string;
  /** The other spellings it replaces: “Vitkoff” (2×) and “Witkof” (1×). */
  changes: string;
}

export interface FindingGroupView {
  /** The inconsistency group, or null for a finding that stands alone. */
  key: string | null;
  /** Why the whole group is flagged (a termbase note), said once above it. */
  note: string | null;
  /** The allowed forms to use everywhere; none once every finding of the group is dismissed. */
  choices: SpellingChoiceView[];
  findings: FindingView[];
}

export interface CheckFindingsView {
  id: string;
  description: string;
  open: number;
  /** The check listed the most open findings it may: more may follow once these are fixed or dismissed. */
  capped: boolean;
  groups: FindingGroupView[];
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function abbreviate(text: string, most = 60): string {
  return text.length <= most ? text : `${text.slice(0, most - 3)}…`;
}

/** How much of a comment a passage's row shows. */
const COMMENT_SHOWN = 200;

const NO_COMMENTS: CommentsBrief = { count: 0, latest: [] };

function fixLabel(finding: StoredFinding): string | null {
  if (!finding.fix) return null;
  return finding.fix.text === '' ? `Delete “${abbreviate(finding.text)}”` : `Replace with “${abbreviate(finding.fix.text)}”`;
}

/** Whether the passages show the finding's span (src/lib/diff/render.ts marks open, non-empty spans). */
function isMarked(f: StoredFinding): boolean {
  return !f.dismissed && f.passageIdx !== null && f.passageStart !== null && f.passageEnd !== null && f.passageEnd > f.passageStart;
}

function findingView(f: StoredFinding, order: number): FindingView {
  return {
    fingerprint: f.fingerprint,
    order,
    severity: f.severity,
    message: f.message,
    text: abbreviate(f.text),
    passageIdx: f.passageIdx,
    markedInText: isMarked(f),
    fixLabel: fixLabel(f),
    suggestions: f.suggestions.map((s, index) => ({ index, label: s.label })),
    dismissed: f.dismissed,
    dismissalReason: f.dismissalReason,
  };
}

/**
 * What "one spelling everywhere" offers a group: each allowed form (the group's alternatives:
 * src/services/review.ts replaces every other spelling in play with it), with the spellings it
 * changes, counted by the group's findings. A spelling in play that no finding flags (the most
 * frequent one, which is only suggested) is changed at each use. A lone finding with one choice
 * is offered nothing: its own fix does the same.
 */
function spellingChoices(members: readonly StoredFinding[]): SpellingChoiceView[] {
  if (members.every((f) => f.dismissed)) return [];
  const allowed = [...new Set(members.flatMap((f) => f.alternatives))];
  const flagged = new Map<string, number>();
  for (const f of members) flagged.set(f.text, (flagged.get(f.text) ?? 0) + 1);
  const choices: SpellingChoiceView[] = [];
  for (const spelling of allowed) {
    const changed = [...flagged].filter(([text]) => text !== spelling).map(([text, n]) => `“${text}” (${n}×)`);
    for (const other of allowed) if (other !== spelling && !flagged.has(other)) changed.push(`every “${other}”`);
    if (changed.length > 0) choices.push({ spelling, changes: listed(changed) });
  }
  return choices.length === 1 && members.length === 1 ? [] : choices;
}

function listed(items: readonly string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** Findings by check (registry order), and inside a check by inconsistency group. */
export function groupFindings(findings: readonly StoredFinding[]): CheckFindingsView[] {
  const capped = reachedCaps(findings).checks;
  const order = new Map([...findings].sort((a, b) => a.start - b.start || a.end - b.end).map((f, i) => [f, i]));
  const views: CheckFindingsView[] = [];
  for (const check of checks) {
    const own = findings.filter((f) => f.check === check.id);
    if (own.length === 0) continue;
    // Findings without a group each stand alone; a group gathers its findings where the first one is.
    const members = new Map<string, StoredFinding[]>();
    for (const f of own) {
      const key = f.group ?? `#${f.fingerprint}`;
      const list = members.get(key);
      if (list) list.push(f);
      else members.set(key, [f]);
    }
    const groups = [...members.values()].map((list): FindingGroupView => {
      const key = list[0]!.group;
      return {
        key,
        note: list.find((f) => f.note)?.note ?? null,
        choices: key ? spellingChoices(list) : [],
        findings: list.map((f) => findingView(f, order.get(f)!)),
      };
    });
    views.push({ id: check.id, description: check.description, open: own.filter((f) => !f.dismissed).length, capped: capped.has(check.id), groups });
  }
  return views;
}

function commentsShown({ count, latest }: CommentsBrief): CommentsBrief {
  return { count, latest: latest.map((c) => ({ userName: c.userName, body: abbreviate(c.body, COMMENT_SHOWN) })) };
}

/** Each passage's word diff with its open findings highlighted. */
function passageViews(passages: readonly StoredPassage[], findings: readonly StoredFinding[], comments: ReadonlyMap<number, CommentsBrief>): PassageView[] {
  const highlights = new Map<number, Highlight[]>();
  for (const f of findings) {
    if (f.dismissed || f.passageIdx === null || f.passageStart === null || f.passageEnd === null) continue;
    const list = highlights.get(f.passageIdx) ?? [];
    list.push({ start: f.passageStart, end: f.passageEnd, id: f.fingerprint, severity: f.severity, label: f.message });
    highlights.set(f.passageIdx, list);
  }
  return passages.map((p) => {
    const proposed = p.correctedText !== p.approvedText;
    return {
      idx: p.idx,
      aiText: p.aiText,
      sourceText: p.sourceText,
      diffHtml: renderDiffHtml(wordDiff(proposed ? p.approvedText : p.aiText, p.correctedText).parts, highlights.get(p.idx)),
      changed: proposed || p.correctedText !== p.aiText,
      deleted: p.correctedText === '',
      revertible: p.correctedText !== p.aiText,
      version: p.version,
      comments: commentsShown(comments.get(p.idx) ?? NO_COMMENTS),
      needsReview: p.needsReview,
      proposedFrom: !proposed ? null : p.approvedText === p.aiText ? 'the AI text' : 'the approved text',
    };
  });
}

/**
 * A fragment's HTML and how many forms it holds. Their CSRF token inputs are not in it: the page
 * writes them after the fragment for each request (formTokenInputs), tied to the forms by the
 * form attribute, so a stored fragment is the same for every session.
 */
export interface RenderedFragment {
  html: string;
  forms: number;
}

export interface RenderedReviewFragments {
  /** For people who may not approve: no approve or reject forms. */
  passages: RenderedFragment;
  /** For people who may approve, when a proposal waits (otherwise `passages` serves them too). */
  approverPassages: RenderedFragment | null;
  findings: RenderedFragment;
}

/** The ids of a stored fragment's forms: its prefix and 1, 2, 3… */
export const FORM_ID_PREFIXES = { passages: 'pf', findings: 'ff' } as const;

/** A passage's row rendered alone numbers its forms apart from the stored fragments' (p3f1, p3f2…), so it can replace its row in a page. */
export const rowFormPrefix = (idx: number) => `p${idx}f`;

/** The counter a template numbers its forms with (`id="<%= forms.prefix %><%= ++forms.count %>"`). */
const formCounter = (prefix: string) => ({ prefix, count: 0 });

/** The hidden token input of each form of a fragment whose forms are numbered after `prefix`, for one request. */
export function formTokenInputs(prefix: string, forms: number, token: string): string {
  const value = escapeHtml(token);
  let html = '';
  for (let i = 1; i <= forms; i++) html += `<input type="hidden" name="_csrf" form="${prefix}${i}" value="${value}">\n`;
  return html;
}

/** A fragment as stored: compressed once, with the number of its forms. */
export interface StoredFragment {
  chunk: DeflatedChunk;
  forms: number;
}

/** The stored form: the number of forms (u32 LE), then the compressed chunk (serializeChunk). */
export function packFragment({ html, forms }: RenderedFragment): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32LE(forms, 0);
  return Buffer.concat([count, serializeChunk(compressChunk(html))]);
}

export function unpackFragment(stored: Buffer): StoredFragment {
  return { forms: stored.readUInt32LE(0), chunk: parseChunk(stored.subarray(4)) };
}

function renderFragment(template: CompiledView, formPrefix: string, locals: object): RenderedFragment {
  const forms = formCounter(formPrefix);
  return { html: template.render({ ...viewHelpers, ...locals, forms }), forms: forms.count };
}

/** Renders the passages and the findings panel of an article from its stored passages, findings and comments in brief by passage. */
export function renderReviewFragments(
  article: FragmentArticle,
  passages: readonly StoredPassage[],
  findings: readonly StoredFinding[],
  comments: ReadonlyMap<number, CommentsBrief>,
): RenderedReviewFragments {
  const open = findings.filter((f) => !f.dismissed).length;
  const views = passageViews(passages, findings, comments);
  return {
    passages: renderFragment(passagesTemplate, FORM_ID_PREFIXES.passages, { article, passages: views, canApprove: false }),
    approverPassages: views.some((p) => p.proposedFrom !== null) ? renderFragment(passagesTemplate, FORM_ID_PREFIXES.passages, { article, passages: views, canApprove: true }) : null,
    findings: renderFragment(findingsTemplate, FORM_ID_PREFIXES.findings, {
      article,
      checks: groupFindings(findings),
      severities: SEVERITIES.filter((s) => findings.some((f) => f.severity === s)),
      open,
      dismissed: findings.length - open,
      capped: reachedCaps(findings).article,
      caps: { perCheck: MAX_FINDINGS_PER_CHECK.toLocaleString('en'), perArticle: MAX_FINDINGS_PER_ARTICLE.toLocaleString('en') },
    }),
  };
}

/** One passage's table row as the review page shows it to a viewer who may approve or not, its forms numbered after rowFormPrefix. */
export function renderPassageRow(
  article: FragmentArticle,
  passage: StoredPassage,
  findings: readonly StoredFinding[],
  comments: CommentsBrief | undefined,
  canApprove: boolean,
): RenderedFragment {
  const views = passageViews([passage], findings, new Map(comments ? [[passage.idx, comments]] : []));
  return renderFragment(passagesTemplate, rowFormPrefix(passage.idx), { article, passages: views, canApprove, rowsOnly: true });
}
