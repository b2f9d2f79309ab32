/**
 * The database as a crash left it, read with a read-only connection (the recovery is left to the
 * server): whole, consistent, and holding every acknowledged write.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { ArticleEventKind } from '../../src/db/repositories/article-events.js';
import type { ArticleStatus } from '../../src/db/repositories/articles.js';
import type { ChangeKind, ChangeStatus } from '../../src/db/repositories/passage-events.js';
import type { StoredPassage } from '../../src/db/repositories/passages.js';
import { loadReference } from '../../src/reference/load.js';
import { checkArticle } from '../../src/services/check-article.js';
import { detectLanguage } from '../../src/text/language.js';
import { articlePassages } from '../../src/services/import.js';
import { findingKey, flowAfter, type EventEvidence, type Ledger, type OwnedArticle, type SentImport, type Write } from './ledger.js';
import { normalise, titleOf } from './texts.js';

const reference = loadReference();

interface ArticleRow {
  id: number;
  title: string;
  separateTitle: number;
  targetLang: string;
  sourceLang: string | null;
  status: ArticleStatus;
  assignee: string | null;
  error: number;
  warning: number;
  info: number;
  aiText: string | null;
  sourceText: string | null;
  fragments: number;
}

/** A passage as SQLite returns it: the re-review mark still a number. */
export type PassageRow = Omit<StoredPassage, 'needsReview'> & { needsReview: number };

interface EventRow {
  id: number;
  passageIdx: number;
  version: number;
  kind: ChangeKind;
  status: ChangeStatus;
  beforeText: string;
  afterText: string;
}

/** Everything stored of one article besides its row. */
interface Stored {
  passages: PassageRow[];
  findings: { check: string; fingerprint: string; start: number; end: number; severity: 'error' | 'warning' | 'info'; dismissed: number }[];
  dismissals: { fingerprint: string; reason: string }[];
  events: EventRow[];
  comments: { passageIdx: number; body: string }[];
  steps: { kind: ArticleEventKind; comment: string | null }[];
}

export interface Verified {
  articles: number;
  ackedImports: { api: number; cli: number };
  inFlightCommitted: number;
  /** Each client-owned article as found: its status and passages, for the checks over HTTP. */
  owned: Map<number, { status: ArticleStatus; passages: PassageRow[] }>;
}

function statements(db: Database.Database) {
  const articles = db.prepare(
    `SELECT a.id, a.title, a.separate_title AS separateTitle, a.target_lang AS targetLang, a.source_lang AS sourceLang, a.status, u.name AS assignee,
      a.open_errors AS error, a.open_warnings AS warning, a.open_infos AS info, t.ai_text AS aiText, t.source_text AS sourceText,
      (SELECT count(*) FROM review_fragments r WHERE r.article_id = a.id AND length(r.passages) > 0 AND length(r.findings) > 0) AS fragments
    FROM articles a LEFT JOIN article_texts t ON t.article_id = a.id LEFT JOIN users u ON u.id = a.assignee_id ORDER BY a.id`,
  );
  const passages = db.prepare(
    `SELECT idx, gap_before AS gapBefore, ai_text AS aiText, corrected_text AS correctedText, approved_text AS approvedText,
      source_text AS sourceText, version, needs_review AS needsReview FROM passages WHERE article_id = ? ORDER BY idx`,
  );
  const findings = db.prepare('SELECT check_id AS "check", fingerprint, start_offset AS start, end_offset AS "end", severity, dismissed FROM findings WHERE article_id = ?');
  const dismissals = db.prepare('SELECT fingerprint, reason FROM dismissals WHERE article_id = ?');
  const events = db.prepare(
    `SELECT id, passage_idx AS passageIdx, version, kind, status, before_text AS beforeText, after_text AS afterText
    FROM passage_events WHERE article_id = ? ORDER BY id`,
  );
  const comments = db.prepare('SELECT passage_idx AS passageIdx, body FROM passage_comments WHERE article_id = ? ORDER BY id');
  const steps = db.prepare('SELECT kind, comment FROM article_events WHERE article_id = ? ORDER BY id');
  return {
    articles: () => articles.all() as ArticleRow[],
    stored: (id: number): Stored => ({
      passages: passages.all(id) as PassageRow[],
      findings: findings.all(id) as Stored['findings'],
      dismissals: dismissals.all(id) as Stored['dismissals'],
      events: events.all(id) as EventRow[],
      comments: comments.all(id) as Stored['comments'],
      steps: steps.all(id) as Stored['steps'],
    }),
  };
}

export function verifyDatabase(dbFile: string, ledger: Ledger): Verified {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    const read = statements(db);

    const owned = new Map(ledger.owned.map((a) => [a.id, a]));
    // The imports no client wrote to afterwards, by their text.
    const sentByText = new Map<string, SentImport>();
    for (const sent of ledger.imports) if (!(sent.acked && owned.has(sent.acked.id))) sentByText.set(normalise(sent.body.text), sent);
    const found = new Map<SentImport, ArticleRow>();
    const ids = new Set<number>();
    const ownedFound: Verified['owned'] = new Map();
    let demo = 0;

    // The findings an import was answered with, against those stored, for each acknowledged API import nobody wrote to since.
    const answeredFindings: { key: string; answered: string[]; stored: string[] }[] = [];

    for (const row of read.articles()) {
      const where = `article ${row.id}`;
      ids.add(row.id);
      const stored = read.stored(row.id);
      expectWhole(where, row, stored, ledger);
      const ownedArticle = owned.get(row.id);
      if (ownedArticle) {
        expectOwnedWrites(`${where} of ${ownedArticle.client}`, ownedArticle, row, stored);
        ownedFound.set(row.id, { status: row.status, passages: stored.passages });
        continue;
      }
      // Written once, by its import.
      expect({ status: row.status, assignee: row.assignee }, `${where}: review flow`).toEqual({ status: 'new', assignee: null });
      expect([stored.events, stored.comments, stored.dismissals, stored.steps], `${where}: changes`).toEqual([[], [], [], []]);
      if (row.aiText === ledger.demoText) {
        demo++;
        continue;
      }
      // Sent by a client, once.
      const sent = sentByText.get(row.aiText!);
      expect(sent, `${where}: a text no client sent`).toBeDefined();
      expect(found.has(sent!), `${where}: ${sent!.key} stored twice`).toBe(false);
      found.set(sent!, row);
      const { title, targetLang, source, sourceLang } = sent!.body;
      const sourceText = source === undefined ? null : normalise(source);
      // As the import sets them (src/services/import.ts): the source language given, or detected.
      expect(
        { title: row.title, targetLang: row.targetLang, sourceText: row.sourceText, sourceLang: row.sourceLang },
        `${where}: sent as ${sent!.key}`,
      ).toEqual({ title: titleOf(title, row.aiText!), targetLang: targetLang ?? 'en', sourceText, sourceLang: sourceText === null ? null : (sourceLang ?? detectLanguage(sourceText) ?? null) });
      const answered = sent!.acked?.findings;
      if (answered) answeredFindings.push({ key: sent!.key, answered: [...answered].sort(), stored: stored.findings.map(findingKey).sort() });
    }
    expect(demo).toBe(1);
    expect(answeredFindings.filter((a) => JSON.stringify(a.answered) !== JSON.stringify(a.stored)), 'imports whose stored findings differ from those answered').toEqual([]);

    // Every acknowledged import (by the API or the command line), under the id it was answered with.
    const acked = ledger.imports.filter((sent) => sent.acked);
    expect(acked.filter((sent) => !ids.has(sent.acked!.id)).map((sent) => `${sent.key} (id ${sent.acked!.id})`), 'acknowledged imports missing').toEqual([]);
    const unwritten = acked.filter((sent) => !owned.has(sent.acked!.id));
    expect(unwritten.map((sent) => found.get(sent)?.id), 'acknowledged imports under their ids').toEqual(unwritten.map((sent) => sent.acked!.id));
    const ackedImports = { api: acked.filter((sent) => sent.via === 'api').length, cli: acked.filter((sent) => sent.via === 'cli').length };
    const inFlightCommitted = ledger.imports.filter((sent) => !sent.acked && found.has(sent)).length;
    return { articles: ids.size, ackedImports, inFlightCommitted, owned: ownedFound };
  } finally {
    db.close();
  }
}

/**
 * What holds of every article, whatever was written to it: its text and its passages as the
 * import splits them, its findings as a re-check of its passages finds them (dismissed where a
 * dismissal says so), open counts that agree, its rendered review page parts, and a history of
 * each passage that leads from its AI text to its corrected text one version at a time.
 */
function expectWhole(where: string, row: ArticleRow, stored: Stored, ledger: Ledger): void {
  expect(row.aiText, `${where}: article_texts row`).not.toBeNull();
  const aiSide = (p: { idx: number; gapBefore: string; aiText: string; sourceText: string | null }) => ({ idx: p.idx, gapBefore: p.gapBefore, aiText: p.aiText, sourceText: p.sourceText });
  // A title given apart from the text is passage 0 (src/services/import.ts articlePassages).
  const title = row.separateTitle ? stored.passages[0]!.aiText : undefined;
  expect(stored.passages.map(aiSide), `${where}: passages`).toEqual(articlePassages(row.aiText!, row.sourceText, title).passages.map(aiSide));

  const dismissed = new Set(stored.dismissals.map((d) => d.fingerprint));
  expect(stored.findings.map(findingKey).sort(), `${where}: findings`).toEqual(recheck(ledger, row, stored.passages, dismissed));
  for (const f of stored.findings) expect(f.dismissed === 1, `${where}: finding ${f.fingerprint} dismissed`).toBe(dismissed.has(f.fingerprint));
  const open = { error: 0, warning: 0, info: 0 };
  for (const f of stored.findings) if (!f.dismissed) open[f.severity]++;
  expect({ error: row.error, warning: row.warning, info: row.info }, `${where}: open counts`).toEqual(open);
  // An import whose id the other process took meanwhile is stored without its rendered page,
  // which is rendered when the page is first shown (src/services/import.ts).
  expect(row.fragments, `${where}: review_fragments row`).toBeLessThanOrEqual(1);

  const reimported = stored.steps.some((s) => s.kind === 'reimported');
  for (const p of stored.passages) {
    (reimported ? expectRisingVersions : expectHistory)(`${where} passage ${p.idx}`, p, stored.events.filter((e) => e.passageIdx === p.idx));
  }
  expect(stored.comments.filter((c) => c.passageIdx >= stored.passages.length), `${where}: comments on passages it lacks`).toEqual([]);
}

/** The findings a re-check of the stored passages finds; memoised across cycles (passages only change by writes). */
function recheck(ledger: Ledger, row: ArticleRow, passages: PassageRow[], dismissed: ReadonlySet<string>): string[] {
  // Dismissals count: the caps on listed findings leave dismissed ones out of their count.
  const key = JSON.stringify([row.targetLang, row.sourceLang, row.sourceText, passages, [...dismissed].sort()]);
  const known = ledger.rechecked.get(row.id);
  if (known?.passages === key) return known.findings;
  const findings = checkArticle({ ...row, separateTitle: row.separateTitle === 1 }, passages, reference, dismissed).map(findingKey).sort();
  ledger.rechecked.set(row.id, { passages: key, findings });
  return findings;
}

/**
 * A passage's changes, oldest first: versions 2, 3, … up to its own with none missing, each
 * from the text the one before left, the last leaving its corrected text; its approved text is
 * the last approved change's (or its AI text); proposals wait only after the last decision.
 */
function expectHistory(where: string, p: PassageRow, events: EventRow[]): void {
  expect(p.needsReview, `${where}: marked for re-review without a re-import`).toBe(0);
  expect(events.map((e) => e.version), `${where}: versions`).toEqual(Array.from({ length: p.version - 1 }, (_, i) => i + 2));
  const texts = [p.aiText, ...events.map((e) => e.afterText)];
  expect(events.map((e) => e.beforeText), `${where}: each change from the text the one before left`).toEqual(texts.slice(0, -1));
  expect(p.correctedText, `${where}: corrected text`).toBe(texts.at(-1));
  expect(p.approvedText, `${where}: approved text`).toBe(events.findLast((e) => e.status === 'approved')?.afterText ?? p.aiText);
  const firstProposed = events.findIndex((e) => e.status === 'proposed');
  const waiting = firstProposed < 0 ? [] : events.slice(firstProposed);
  expect(waiting.map((e) => e.status), `${where}: proposals after the last decision`).toEqual(waiting.map(() => 'proposed'));
}

/**
 * A passage of a re-imported article: a re-import raises the version of a passage whose AI text
 * changed without a change of its own, and moves or drops passages with their history; there,
 * versions only rise.
 */
function expectRisingVersions(where: string, p: PassageRow, events: EventRow[]): void {
  const versions = [...events.map((e) => e.version), p.version];
  expect(versions, `${where}: versions`).toEqual([...versions].sort((a, b) => a - b));
  expect(new Set(events.map((e) => e.version)).size, `${where}: versions once each`).toBe(events.length);
}

/** Whether a stored change is the one a write's evidence describes. */
function matches(e: EventRow, evidence: EventEvidence, byId: ReadonlyMap<number, EventRow>): boolean {
  let { passage, after } = evidence;
  if (evidence.restoreOf !== undefined) {
    const restored = byId.get(evidence.restoreOf);
    if (!restored) return false;
    passage = restored.passageIdx;
    after = [restored.afterText];
  }
  return (
    (evidence.kind === undefined || e.kind === evidence.kind) &&
    (passage === undefined || e.passageIdx === passage) &&
    (evidence.version === undefined || e.version === evidence.version) &&
    (after === undefined || after.includes(e.afterText)) &&
    (evidence.status === undefined || e.status === evidence.status)
  );
}

/**
 * A client's article holds every acknowledged write and nothing else but, perhaps, the client's
 * last, unacknowledged write, whole: each change, comment, dismissal and review step, the place
 * in the review flow they lead to, and the AI text of the last re-import.
 */
function expectOwnedWrites(where: string, article: OwnedArticle, row: ArticleRow, stored: Stored): void {
  const { acked, uncertain } = article;
  const writes = uncertain ? [...acked, uncertain] : acked;
  const byId = new Map(stored.events.map((e) => [e.id, e]));
  const missing = acked.flatMap((w) => (w.events ?? []).filter((evidence) => !stored.events.some((e) => matches(e, evidence, byId))).map((evidence) => ({ what: w.what, ...evidence })));
  expect(missing, `${where}: acknowledged changes missing`).toEqual([]);
  // A fix or one spelling everywhere may change passages beside the one the client looked at.
  const madeByNone = stored.events.filter((e) => !writes.some((w) => w.events?.some((evidence) => matches(e, evidence, byId)) || ((w.what === 'fix' || w.what === 'spelling') && e.kind === w.what)));
  expect(madeByNone, `${where}: changes no write made`).toEqual([]);
  expectRows(`${where}: comments`, stored.comments.map((c) => `${c.passageIdx}|${c.body}`), article, (w) => w.comments?.map((c) => `${c.passage}|${c.body}`));
  expectRows(`${where}: dismissals`, stored.dismissals.map((d) => `${d.fingerprint}|${d.reason}`), article, (w) => w.dismissals?.map((d) => `${d.fingerprint}|${d.reason}`));

  // As the acknowledged writes left it, or the unacknowledged last one after them.
  const stepsAfter = (ws: readonly Write[]) => ws.flatMap((w) => w.steps ?? []);
  const aiTextAfter = (ws: readonly Write[]) => [article.importedText, ...ws.flatMap((w) => w.aiText ?? [])].at(-1);
  expect([stepsAfter(acked), stepsAfter(writes)], `${where}: review steps`).toContainEqual(stored.steps);
  expect([flowAfter(acked), flowAfter(writes)], `${where}: review flow`).toContainEqual({ status: row.status, assignee: row.assignee });
  expect([aiTextAfter(acked), aiTextAfter(writes)], `${where}: AI text`).toContain(row.aiText);
  // The title follows the approved first line (none of these texts has a line past 200 characters).
  expect(row.title, `${where}: title`).toBe(stored.passages.find((p) => p.approvedText !== '')?.approvedText ?? row.title);

  // A correction confirmed since the last re-import is no longer marked for re-review.
  const sinceReimport = uncertain?.aiText ? [] : acked.slice(acked.findLastIndex((w) => w.aiText !== undefined) + 1);
  const confirmed = sinceReimport.flatMap((w) => w.confirmed ?? []);
  expect(confirmed.map((idx) => stored.passages[idx]?.needsReview), `${where}: passages confirmed`).toEqual(confirmed.map(() => 0));
  // A save refused with 409 is stored nowhere.
  const refused = new Set(article.refused);
  expect([...stored.events.map((e) => e.afterText), ...stored.passages.map((p) => p.correctedText)].filter((text) => refused.has(text)), `${where}: refused saves stored`).toEqual([]);
}

/** The rows of the acknowledged writes, and those of the last unacknowledged one all or none. */
function expectRows(where: string, stored: string[], article: OwnedArticle, rowsOf: (w: Write) => string[] | undefined): void {
  const maybe = new Set((article.uncertain && rowsOf(article.uncertain)) ?? []);
  const certain = article.acked.flatMap((w) => rowsOf(w) ?? []);
  expect(stored.filter((r) => !maybe.has(r)).sort(), where).toEqual(certain.sort());
  expect([0, maybe.size], `${where}: the unacknowledged write's, all or none`).toContain(stored.filter((r) => maybe.has(r)).length);
}
