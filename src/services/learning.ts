import type { ChangeKind } from '../db/repositories/passage-events.js';
import type { DismissalReason, DismissedIn, Replacement } from '../db/repositories/learning.js';
import { wordDiff } from '../lib/diff/index.js';
import { withoutPossessive } from '../reference/termbase.js';
import type { ServiceContext } from './context.js';

/**
 * Corrections that teach the checks (issue 12): the replacements editors approve again and again
 * across articles are offered as terms, and the findings dismissed again and again as candidate
 * exceptions (or a check that cries wolf). A correction's short replacements are derived when it
 * is recorded (correctionReplacements, stored with its passage event), so the Terms page only counts.
 */

/** A correction or a dismissal is repeated once it is made in this many articles. */
export const REPEATED_IN_ARTICLES = 3;
/** A replaced span of more words than this on either side is a rewrite, not a term. */
export const MAX_SPAN_WORDS = 3;
/** How many suggestions and often dismissed findings the Terms page lists. */
export const LISTED = 50;
/** How many reasons and articles it shows for each often dismissed finding. */
export const REASONS_LISTED = 5;
export const ARTICLES_LISTED = 10;

/** Changes that correct the text; a revert, a restore or a rejection puts an earlier text back and teaches nothing. */
const CORRECTING_KINDS: ReadonlySet<ChangeKind> = new Set(['edit', 'fix', 'spelling']);

const WORD = String.raw`[\p{L}\p{M}\d]+(?:['’-][\p{L}\p{M}\d]+)*`;
const WORDS = new RegExp(WORD, 'gu');
/** 1 to MAX_SPAN_WORDS words, one space between: no punctuation, so "Kiev," → "Kyiv." is not a term. */
const SPAN = new RegExp(`^${WORD}(?: ${WORD}){0,${MAX_SPAN_WORDS - 1}}$`, 'u');
const LETTER = /\p{L}/u;

const wordCount = (text: string) => text.match(WORDS)?.length ?? 0;

/** The span as a term would be written: single spaces, a possessive both sides share taken off. */
function asTerm(before: string, after: string): Replacement | undefined {
  let b = before.trim().replace(/\s+/gu, ' ');
  let a = after.trim().replace(/\s+/gu, ' ');
  if (withoutPossessive(b) !== b && withoutPossessive(a) !== a) [b, a] = [withoutPossessive(b), withoutPossessive(a)];
  if (!SPAN.test(b) || !SPAN.test(a) || !LETTER.test(b) || !LETTER.test(a)) return undefined;
  // A change of case alone is a capitalisation fix, which a termbase cannot say.
  if (b.toLowerCase() === a.toLowerCase()) return undefined;
  return { before: b, after: a };
}

/**
 * The short replacements a correction of one passage made: each run of deleted words followed by
 * inserted ones, 1–3 words on each side. A passage rewritten (the word diff gave up, or more than
 * half its words changed, beyond a span's length) yields none: its pieces would be noise.
 */
export function correctionReplacements(before: string, after: string): Replacement[] {
  const { parts, replaced } = wordDiff(before, after);
  if (replaced) return [];
  const total = wordCount(before);
  const changed = parts.reduce((n, p) => n + (p.kind === 'delete' ? wordCount(p.text) : 0), 0);
  if (total > MAX_SPAN_WORDS && changed * 2 > total) return [];
  const found = new Map<string, Replacement>();
  parts.forEach((part, i) => {
    const next = parts[i + 1];
    if (part.kind !== 'delete' || next?.kind !== 'insert') return;
    const term = asTerm(part.text, next.text);
    if (term) found.set(`${term.before}\u0000${term.after}`, term);
  });
  return [...found.values()];
}

/** The replacements a change of this kind teaches: none for a revert, a restore or a rejection. */
export function replacementsOfChange(kind: ChangeKind, before: string, after: string): Replacement[] {
  return CORRECTING_KINDS.has(kind) ? correctionReplacements(before, after) : [];
}

/** Whether a spelling written in a text is this form of a term (as Termbase.entryFor compares them). */
function sameForm(form: string, spelling: string): boolean {
  return form.toLowerCase() === withoutPossessive(spelling).trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** A replacement approved in several articles that the termbase does not know: a term to add. */
export interface SuggestedTerm {
  /** The spelling corrected away: the new term's variant. */
  variant: string;
  /** The spelling it was corrected to: the new term's preferred form. */
  preferred: string;
  /** In how many articles an approved correction made this replacement. */
  articles: number;
  /** The term whose form `preferred` already is, when there is one: the variant belongs there. */
  existingTerm: string | null;
}

/**
 * The replacements approved in REPEATED_IN_ARTICLES or more articles, most articles first, leaving
 * out those the termbase (as it now stands) already has a say on: it knows the spelling corrected away (a variant
 * the terms check flags, or a form it allows), or refuses the one corrected to.
 */
export function suggestedTerms(ctx: ServiceContext): SuggestedTerm[] {
  const { termbase } = ctx.reference;
  const refused = (spelling: string) => {
    const entry = termbase.entryFor(spelling);
    return entry !== undefined && !entry.disputed && !sameForm(entry.preferred, spelling);
  };
  return ctx.repos.learning
    .repeatedReplacements(REPEATED_IN_ARTICLES)
    .filter((r) => !termbase.entryFor(r.before) && !refused(r.after))
    .slice(0, LISTED)
    .map((r) => ({ variant: r.before, preferred: r.after, articles: r.articles, existingTerm: termbase.entryFor(r.after)?.preferred ?? null }));
}

/** Findings of one check with one flagged text, dismissed in several articles. */
export interface OftenDismissed {
  check: string;
  text: string;
  articles: number;
  /** The reasons given, most given first. */
  reasons: DismissalReason[];
  /** Articles where it stands dismissed, newest first, with one such finding to link to. */
  dismissedIn: DismissedIn[];
}

/**
 * The flagged texts of one check dismissed in REPEATED_IN_ARTICLES or more articles, most articles
 * first: a candidate exception, or a check that cries wolf. Those the termbase now allows (its
 * preferred form, or a form of a disputed term) are left out: it already says so.
 */
export function oftenDismissed(ctx: ServiceContext): OftenDismissed[] {
  const { learning } = ctx.repos;
  const { termbase } = ctx.reference;
  const allowed = (text: string) => {
    const entry = termbase.entryFor(text);
    return entry !== undefined && (entry.disputed === true || sameForm(entry.preferred, text));
  };
  return learning
    .repeatedDismissals(REPEATED_IN_ARTICLES)
    .filter((d) => !allowed(d.text))
    .slice(0, LISTED)
    .map((d) => ({ ...d, reasons: learning.reasonsFor(d.check, d.text, REASONS_LISTED), dismissedIn: learning.dismissedIn(d.check, d.text, ARTICLES_LISTED) }));
}

/** What the Terms page offers editors: the terms the archive's corrections suggest, and the findings often dismissed. */
export interface TermSuggestions {
  suggestedTerms: SuggestedTerm[];
  oftenDismissed: OftenDismissed[];
}

export function termSuggestions(ctx: ServiceContext): TermSuggestions {
  return ctx.repos.snapshot(() => ({ suggestedTerms: suggestedTerms(ctx), oftenDismissed: oftenDismissed(ctx) }));
}

/** How many passage events the backfill reads at a time, between turns of the event loop. */
const BACKFILL_BATCH = 200;

/**
 * Derives the replacements of the corrections recorded before they were derived on recording
 * (migration 0022), newest first, a batch at a time, yielding between batches so a server that
 * runs it keeps serving. Returns how many events it read.
 */
export async function backfillCorrectionReplacements(ctx: ServiceContext, pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<number> {
  const { repos } = ctx;
  let read = 0;
  for (let through = repos.learning.backfillThrough(); through > 0; through = repos.learning.backfillThrough()) {
    const events = repos.learning.eventsThrough(through, BACKFILL_BATCH);
    const derived = events.map((e) => ({ e, replacements: replacementsOfChange(e.kind, e.beforeText, e.afterText) }));
    const rest = events.length < BACKFILL_BATCH ? 0 : events.at(-1)!.id - 1;
    repos.transaction(() => {
      // Another process may have read these meanwhile.
      if (repos.learning.backfillThrough() !== through) return;
      for (const { e, replacements } of derived) repos.learning.insertReplacements({ id: e.id, articleId: e.articleId, approved: e.approved === 1 }, replacements);
      repos.learning.setBackfillThrough(rest);
    });
    read += events.length;
    await pause();
  }
  return read;
}
