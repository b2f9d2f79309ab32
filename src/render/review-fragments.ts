import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checks } from '../checks/index.js';
import { MAX_FINDINGS_PER_ARTICLE, MAX_FINDINGS_PER_CHECK, reachedCaps } from '../checks/run-checks.js';
import type { Severity } from '../checks/types.js';
import type { StoredFinding } from '../db/repositories/findings.js';
import { renderDiffHtml, wordDiff, type Highlight } from '../lib/diff/index.js';
import { DIFF_RENDERER_SOURCE } from '../lib/diff/render.js';
import { compileFragment } from './compile.js';
import { viewHelpers } from './view-helpers.js';
import type { StoredPassage } from '../db/repositories/passages.js';

/**
 * The review page's two large parts, the passages and the findings panel, rendered when an
 * article's text or findings change rather than on every view. They depend only on the article's
 * data, never on who looks at it, so one rendering serves every reader.
 */

const passagesTemplate = compileFragment('passages');
const findingsTemplate = compileFragment('findings');

/** Names the templates (and this module's view model) a stored rendering came from; a change renders again. */
export const RENDER_KEY = createHash('sha256')
  .update(passagesTemplate.source)
  .update(findingsTemplate.source)
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(DIFF_RENDERER_SOURCE)
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
  comments: number;
  /** A re-import changed the AI text under the correction. */
  needsReview: boolean;
  /** While a translator's correction waits for an editor, what its diff starts from; otherwise null. */
  proposedFrom: 'the approved text' | 'the AI text' | null;
}

export interface FindingView {
  fingerprint: string;
  severity: Severity;
  message: string;
  text: string;
  passageIdx: number | null;
  /** What applying the safe fix does, when there is one. */
  fixLabel: string | null;
  suggestions: { index: number; label: string }[];
  dismissed: boolean;
  dismissalReason: string | null;
}

export interface FindingGroupView {
  /** The inconsistency group, or null for a finding that stands alone. */
  key: string | null;
  alternatives: string[];
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

function abbreviate(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}

function fixLabel(finding: StoredFinding): string | null {
  if (!finding.fix) return null;
  return finding.fix.text === '' ? `Delete “${abbreviate(finding.text)}”` : `Replace with “${abbreviate(finding.fix.text)}”`;
}

function findingView(f: StoredFinding): FindingView {
  return {
    fingerprint: f.fingerprint,
    severity: f.severity,
    message: f.message,
    text: abbreviate(f.text),
    passageIdx: f.passageIdx,
    fixLabel: fixLabel(f),
    suggestions: f.suggestions.map((s, index) => ({ index, label: s.label })),
    dismissed: f.dismissed,
    dismissalReason: f.dismissalReason,
  };
}

/** Findings by check (registry order), and inside a check by inconsistency group. */
export function groupFindings(findings: readonly StoredFinding[]): CheckFindingsView[] {
  const capped = reachedCaps(findings).checks;
  const views: CheckFindingsView[] = [];
  for (const check of checks) {
    const own = findings.filter((f) => f.check === check.id);
    if (own.length === 0) continue;
    const groups = new Map<string, FindingGroupView>();
    for (const f of own) {
      // Findings without a group each stand alone; a group gathers its findings where the first one is.
      const key = f.group ?? `#${f.fingerprint}`;
      const group = groups.get(key) ?? { key: f.group, alternatives: f.alternatives, findings: [] };
      group.findings.push(findingView(f));
      groups.set(key, group);
    }
    views.push({ id: check.id, description: check.description, open: own.filter((f) => !f.dismissed).length, capped: capped.has(check.id), groups: [...groups.values()] });
  }
  return views;
}

/** Each passage's word diff with its open findings highlighted. */
function passageViews(passages: readonly StoredPassage[], findings: readonly StoredFinding[], comments: ReadonlyMap<number, number>): PassageView[] {
  const highlights = new Map<number, Highlight[]>();
  for (const f of findings) {
    if (f.dismissed || f.passageIdx === null || f.passageStart === null || f.passageEnd === null) continue;
    const list = highlights.get(f.passageIdx) ?? [];
    list.push({ start: f.passageStart, end: f.passageEnd, id: f.fingerprint, severity: f.severity, label: `flagged by ${f.check}` });
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
      comments: comments.get(p.idx) ?? 0,
      needsReview: p.needsReview,
      proposedFrom: !proposed ? null : p.approvedText === p.aiText ? 'the AI text' : 'the approved text',
    };
  });
}

export interface ReviewFragments {
  passagesHtml: string;
  findingsHtml: string;
}

/** Renders the passages and the findings panel of an article from its stored passages, findings and comment counts by passage. */
export function renderReviewFragments(
  article: FragmentArticle,
  passages: readonly StoredPassage[],
  findings: readonly StoredFinding[],
  comments: ReadonlyMap<number, number>,
): ReviewFragments {
  const open = findings.filter((f) => !f.dismissed).length;
  return {
    passagesHtml: passagesTemplate.render({ ...viewHelpers, article, passages: passageViews(passages, findings, comments) }),
    findingsHtml: findingsTemplate.render({
      ...viewHelpers,
      article,
      checks: groupFindings(findings),
      open,
      dismissed: findings.length - open,
      capped: reachedCaps(findings).article,
      caps: { perCheck: MAX_FINDINGS_PER_CHECK.toLocaleString('en'), perArticle: MAX_FINDINGS_PER_ARTICLE.toLocaleString('en') },
    }),
  };
}
