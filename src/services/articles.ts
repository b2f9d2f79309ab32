import { checks, findCheck } from '../checks/index.js';
import type { Severity } from '../checks/types.js';
import type { ArticleFilter, ArticleSummary } from '../db/repositories/articles.js';
import type { StoredFinding } from '../db/repositories/findings.js';
import type { ServiceContext } from './context.js';
import { correctedArticle } from './passage-layout.js';
import { requireArticle } from './review.js';

export const PAGE_SIZE = 50;

export interface ArticlePage {
  items: ArticleSummary[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page of the article list, newest change first. */
export function listArticles(ctx: ServiceContext, filter: ArticleFilter, page: number): ArticlePage {
  const total = ctx.repos.articles.count(filter);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  return { items: ctx.repos.articles.list(filter, PAGE_SIZE, (current - 1) * PAGE_SIZE), total, page: current, pageCount };
}

export const CHECK_IDS: readonly string[] = checks.map((c) => c.id);

export interface FindingView {
  fingerprint: string;
  severity: Severity;
  itsType: string;
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
  /** The inconsistency group, or null for findings that stand alone. */
  key: string | null;
  alternatives: string[];
  findings: FindingView[];
}

export interface CheckFindingsView {
  id: string;
  description: string;
  open: number;
  groups: FindingGroupView[];
}

export interface PassageView {
  idx: number;
  aiText: string;
  correctedText: string;
  sourceText: string | null;
  diffHtml: string;
  changed: boolean;
  deleted: boolean;
  openFindings: number;
}

export interface ReviewView {
  article: ArticleSummary & { hasSource: boolean };
  passages: PassageView[];
  checks: CheckFindingsView[];
  openTotal: number;
  dismissedTotal: number;
}

function fixLabel(finding: StoredFinding): string | null {
  if (!finding.fix) return null;
  return finding.fix.text === '' ? `Delete “${abbreviate(finding.text)}”` : `Replace with “${abbreviate(finding.fix.text)}”`;
}

function abbreviate(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}…`;
}

function findingView(f: StoredFinding): FindingView {
  return {
    fingerprint: f.fingerprint,
    severity: f.severity,
    itsType: f.itsType,
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
function groupFindings(findings: readonly StoredFinding[]): CheckFindingsView[] {
  const views: CheckFindingsView[] = [];
  for (const check of checks) {
    const own = findings.filter((f) => f.check === check.id);
    if (own.length === 0) continue;
    const groups = new Map<string | null, FindingGroupView>();
    for (const f of own) {
      // Findings without a group each stand alone; a group gathers its findings where the first one is.
      const key = f.group ?? `#${f.fingerprint}`;
      const group = groups.get(key) ?? { key: f.group, alternatives: f.alternatives, findings: [] };
      group.findings.push(findingView(f));
      groups.set(key, group);
    }
    views.push({ id: check.id, description: check.description, open: own.filter((f) => !f.dismissed).length, groups: [...groups.values()] });
  }
  return views;
}

/** Everything the article page shows. Reads stored text, findings and diffs: nothing is checked or diffed here. */
export function reviewArticle(ctx: ServiceContext, id: number): ReviewView {
  const article = requireArticle(ctx, id);
  const findings = ctx.repos.findings.ofArticle(id);
  const openByPassage = new Map<number, number>();
  for (const f of findings) {
    if (!f.dismissed && f.passageIdx !== null) openByPassage.set(f.passageIdx, (openByPassage.get(f.passageIdx) ?? 0) + 1);
  }
  const { aiText: _ai, sourceText, ...summary } = article;
  return {
    article: { ...summary, hasSource: sourceText !== null },
    passages: ctx.repos.passages.ofArticle(id).map((p) => ({
      idx: p.idx,
      aiText: p.aiText,
      correctedText: p.correctedText,
      sourceText: p.sourceText,
      diffHtml: p.diffHtml,
      changed: p.correctedText !== p.aiText,
      deleted: p.correctedText === '',
      openFindings: openByPassage.get(p.idx) ?? 0,
    })),
    checks: groupFindings(findings),
    openTotal: findings.filter((f) => !f.dismissed).length,
    dismissedTotal: findings.filter((f) => f.dismissed).length,
  };
}

export function isKnownCheck(id: string): boolean {
  return findCheck(id) !== undefined;
}

/** The corrected article as plain text, ending with a line break. */
export function correctedText(ctx: ServiceContext, id: number): { title: string; text: string } {
  const article = requireArticle(ctx, id);
  return { title: article.title, text: `${correctedArticle(ctx.repos.passages.ofArticle(id)).text}\n` };
}

/** The article as the JSON API returns it. */
export function articleResource(ctx: ServiceContext, id: number) {
  const article = requireArticle(ctx, id);
  return {
    id: article.id,
    title: article.title,
    targetLang: article.targetLang,
    sourceLang: article.sourceLang,
    status: article.status,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    openFindings: { error: article.openErrors, warning: article.openWarnings, info: article.openInfos },
    aiText: article.aiText,
    correctedText: correctedText(ctx, id).text,
    sourceText: article.sourceText,
  };
}

/** A stored finding as the JSON API returns it: the CLI's finding plus its dismissal. */
export function findingResource(f: StoredFinding) {
  return {
    check: f.check,
    severity: f.severity,
    itsType: f.itsType,
    message: f.message,
    start: f.start,
    end: f.end,
    text: f.text,
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.suggestions.length ? { suggestions: f.suggestions } : {}),
    ...(f.group ? { group: f.group } : {}),
    ...(f.alternatives.length ? { alternatives: f.alternatives } : {}),
    fingerprint: f.fingerprint,
    passage: f.passageIdx,
    dismissed: f.dismissed,
    ...(f.dismissalReason !== null ? { dismissalReason: f.dismissalReason } : {}),
  };
}

export function findingsOf(ctx: ServiceContext, id: number) {
  requireArticle(ctx, id);
  return ctx.repos.findings.ofArticle(id).map(findingResource);
}
