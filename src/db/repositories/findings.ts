import type { Finding, ItsIssueType, Severity, Suggestion, TextEdit } from '../../checks/types.js';
import type { Db } from '../connection.js';

/** A finding as stored: offsets into the corrected article text, located in its passage. */
export interface StoredFinding {
  fingerprint: string;
  check: string;
  severity: Severity;
  itsType: ItsIssueType;
  message: string;
  start: number;
  end: number;
  text: string;
  fix: TextEdit | null;
  suggestions: Suggestion[];
  group: string | null;
  alternatives: string[];
  /** Why, shared by the findings of its group (see Report.note). */
  note: string | null;
  passageIdx: number | null;
  passageStart: number | null;
  passageEnd: number | null;
  dismissed: boolean;
  dismissalReason: string | null;
}

export interface FindingToStore extends Finding {
  passageIdx: number | null;
  passageStart: number | null;
  passageEnd: number | null;
}

/** A row as SQLite returns it: JSON columns still text, the dismissal flag a number. */
interface FindingRow extends Omit<StoredFinding, 'fix' | 'suggestions' | 'group' | 'alternatives' | 'dismissed'> {
  fixJson: string | null;
  suggestionsJson: string | null;
  groupKey: string | null;
  alternativesJson: string | null;
  dismissed: number;
}

const SELECT = `SELECT f.fingerprint, f.check_id AS "check", f.severity, f.its_type AS itsType, f.message,
  f.start_offset AS start, f.end_offset AS "end", f.text, f.fix_json AS fixJson, f.suggestions_json AS suggestionsJson,
  f.group_key AS groupKey, f.alternatives_json AS alternativesJson, f.note, f.passage_idx AS passageIdx,
  f.passage_start AS passageStart, f.passage_end AS passageEnd, f.dismissed, d.reason AS dismissalReason
  FROM findings f LEFT JOIN dismissals d ON d.article_id = f.article_id AND d.fingerprint = f.fingerprint`;

function fromRow(row: FindingRow): StoredFinding {
  return {
    fingerprint: row.fingerprint,
    check: row.check,
    severity: row.severity,
    itsType: row.itsType,
    message: row.message,
    start: row.start,
    end: row.end,
    text: row.text,
    fix: row.fixJson ? (JSON.parse(row.fixJson) as TextEdit) : null,
    suggestions: row.suggestionsJson ? (JSON.parse(row.suggestionsJson) as Suggestion[]) : [],
    group: row.groupKey,
    alternatives: row.alternativesJson ? (JSON.parse(row.alternativesJson) as string[]) : [],
    note: row.note,
    passageIdx: row.passageIdx,
    passageStart: row.passageStart,
    passageEnd: row.passageEnd,
    dismissed: row.dismissed === 1,
    dismissalReason: row.dismissalReason,
  };
}

/** A finding as the bookkeeping of fixed findings reads it: what it flags and where, without its offsets, fixes or dismissal. */
export type FindingSummary = Pick<StoredFinding, 'fingerprint' | 'check' | 'severity' | 'message' | 'text' | 'passageIdx'>;

/** A finding a reviewer's change fixed, as the review report lists it. */
export interface FixedFinding {
  id: number;
  check: string;
  severity: Severity;
  message: string;
  text: string;
  passageIdx: number | null;
  fixedAt: string;
}

/** A passage with open findings, as a translator's queue lists it. */
export interface FlaggedPassage {
  articleId: number;
  title: string;
  passageIdx: number;
  worst: Severity;
  open: number;
  /** The first open finding's message, to say what is wrong at a glance. */
  message: string;
}

export function findingRepository(db: Db) {
  // Most severe first, then the passages with most findings, oldest change first.
  const flagged = db.prepare(`SELECT f.article_id AS articleId, a.title, f.passage_idx AS passageIdx,
      CASE min(CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END) WHEN 0 THEN 'error' WHEN 1 THEN 'warning' ELSE 'info' END AS worst,
      count(*) AS open, min(f.message) AS message
    FROM findings f JOIN articles a ON a.id = f.article_id
    WHERE a.assignee_id = @assigneeId AND a.status IN ('new', 'in_review') AND f.dismissed = 0 AND f.passage_idx IS NOT NULL
    GROUP BY f.article_id, f.passage_idx
    ORDER BY min(CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END), count(*) DESC, a.updated_at, f.passage_idx
    LIMIT @limit`);
  const clear = db.prepare('DELETE FROM findings WHERE article_id = ?');
  // A finding whose fingerprint was dismissed is stored dismissed, so a re-check keeps it out of the counts.
  const insert = db.prepare(`INSERT INTO findings (article_id, fingerprint, check_id, severity, its_type, message,
      start_offset, end_offset, text, fix_json, suggestions_json, group_key, alternatives_json, note,
      passage_idx, passage_start, passage_end, dismissed)
    VALUES (@articleId, @fingerprint, @check, @severity, @itsType, @message, @start, @end, @text, @fixJson,
      @suggestionsJson, @groupKey, @alternativesJson, @note, @passageIdx, @passageStart, @passageEnd,
      EXISTS (SELECT 1 FROM dismissals WHERE article_id = @articleId AND fingerprint = @fingerprint))`);
  const ofArticle = db.prepare(`${SELECT} WHERE f.article_id = ? ORDER BY f.start_offset, f.end_offset`);
  const one = db.prepare(`${SELECT} WHERE f.article_id = ? AND f.fingerprint = ?`);
  const markDismissed = db.prepare('UPDATE findings SET dismissed = 1 WHERE article_id = ? AND fingerprint = ?');
  // ofArticle's join, sort and JSON cost five times as much on an article with 800 findings.
  const summariesOf = db.prepare(`SELECT fingerprint, check_id AS "check", severity, message, text, passage_idx AS passageIdx FROM findings WHERE article_id = ?`);
  const insertFixed = db.prepare(`INSERT INTO fixed_findings (article_id, check_id, severity, message, text, passage_idx, fixed_at)
    VALUES (@articleId, @check, @severity, @message, @text, @passageIdx, @fixedAt)`);
  const deleteFixed = db.prepare('DELETE FROM fixed_findings WHERE article_id = ? AND id = ?');
  const fixedOf = db.prepare(`SELECT id, check_id AS "check", severity, message, text, passage_idx AS passageIdx, fixed_at AS fixedAt
    FROM fixed_findings WHERE article_id = ? ORDER BY passage_idx, id`);
  // newIndex as in passage_events' remap; a fixed finding of a passage that is gone keeps no passage.
  const remapFixed = db.prepare(`UPDATE fixed_findings SET passage_idx = nullif(coalesce(json_extract(@newIndex, '$[' || passage_idx || ']'), -1), -1)
    WHERE article_id = @articleId AND passage_idx IS NOT NULL`);

  return {
    /** The flagged passages of the articles assigned to someone that are still in review. */
    flaggedPassagesOf(assigneeId: number, limit: number): FlaggedPassage[] {
      return flagged.all({ assigneeId, limit }) as FlaggedPassage[];
    },
    /** Call inside a transaction: replaces the article's findings with those of a fresh check. */
    replace(articleId: number, findings: readonly FindingToStore[]): void {
      clear.run(articleId);
      for (const f of findings) {
        insert.run({
          articleId,
          fingerprint: f.fingerprint,
          check: f.check,
          severity: f.severity,
          itsType: f.itsType,
          message: f.message,
          start: f.start,
          end: f.end,
          text: f.text,
          fixJson: f.fix ? JSON.stringify(f.fix) : null,
          suggestionsJson: f.suggestions?.length ? JSON.stringify(f.suggestions) : null,
          groupKey: f.group ?? null,
          alternativesJson: f.alternatives?.length ? JSON.stringify(f.alternatives) : null,
          note: f.note ?? null,
          passageIdx: f.passageIdx,
          passageStart: f.passageStart,
          passageEnd: f.passageEnd,
        });
      }
    },
    ofArticle(articleId: number): StoredFinding[] {
      return (ofArticle.all(articleId) as FindingRow[]).map(fromRow);
    },
    find(articleId: number, fingerprint: string): StoredFinding | undefined {
      const row = one.get(articleId, fingerprint) as FindingRow | undefined;
      return row && fromRow(row);
    },
    markDismissed(articleId: number, fingerprint: string): void {
      markDismissed.run(articleId, fingerprint);
    },
    summariesOf(articleId: number): FindingSummary[] {
      return summariesOf.all(articleId) as FindingSummary[];
    },
    /** Call inside a transaction: what a change fixed, and the fixed findings it made reported again. */
    saveFixed(articleId: number, fixed: readonly Omit<FixedFinding, 'id' | 'fixedAt'>[], reportedAgain: readonly number[], fixedAt: string): void {
      for (const id of reportedAgain) deleteFixed.run(articleId, id);
      for (const f of fixed) insertFixed.run({ articleId, check: f.check, severity: f.severity, message: f.message, text: f.text, passageIdx: f.passageIdx, fixedAt });
    },
    /** In passage order, then in the order they were fixed. */
    fixedOf(articleId: number): FixedFinding[] {
      return fixedOf.all(articleId) as FixedFinding[];
    },
    /** Call inside a transaction, after a re-import moved passages: the new index of each old one, -1 when it is gone. */
    remapFixed(articleId: number, newIndex: readonly number[]): void {
      remapFixed.run({ articleId, newIndex: JSON.stringify(newIndex) });
    },
  };
}
