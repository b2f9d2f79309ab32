import { ValidationError } from '../errors.js';
import { TERM_KINDS, type TermKind } from '../reference/termbase.js';
import { changeArticle, correctionsChange } from './article-change.js';
import { createTerm } from './termbase.js';
import type { Actor, ServiceContext } from './context.js';

// A word: letters and their marks, so "Vitkoff's" and "Vitkoff-led" hold the word "Vitkoff".
const WORD = /\p{L}[\p{L}\p{M}]*/gu;

/** The text with every word that is one of `from` written `to`. */
export function respelled(text: string, from: ReadonlySet<string>, to: string): string {
  return text.replace(WORD, (word) => (from.has(word) ? to : word));
}

// Endings of place names in the newsroom's beat (Kramatorsk, Kharkiv, Mariupol, Volgograd, Hamburg, Georgia, Ukraine…).
const PLACE_ENDING = /(?:sk|iv|pol|grad|burg|ia|ne|ovo|evo|ino)$/i;

/** The form's first guess at what a name is: a place by its ending, else a person; the editor may choose otherwise. */
export function guessKind(spelling: string): 'place' | 'person' {
  return PLACE_ENDING.test(spelling) ? 'place' : 'person';
}

/** What proposing a house spelling did. */
export interface HouseSpellingProposals {
  /** The spellings replaced. */
  replaced: string[];
  /** The articles that got proposals, and how many passages in all. */
  articles: number;
  passages: number;
}

/**
 * Proposes, in every article the names index says writes another spelling of the name, the
 * chosen spelling instead: ordinary proposals of the review flow, whoever makes them, so an
 * editor approves or rejects each as usual and approved text (exports) changes only then. Only
 * whole words written exactly as one of the other spellings change.
 */
export async function proposeHouseSpelling(ctx: ServiceContext, actor: Actor, key: string, spelling: string): Promise<HouseSpellingProposals> {
  const writing = await ctx.archiveNames.articlesOf(key);
  if (!writing.some((a) => a.spelling === spelling)) throw new ValidationError(`No article writes “${spelling}” for this name; choose one of its spellings.`);
  const others = new Set(writing.map((a) => a.spelling).filter((s) => s !== spelling));
  const articleIds = [...new Set(writing.filter((a) => others.has(a.spelling)).map((a) => a.articleId))];
  const changed = await Promise.all(
    articleIds.map((id) =>
      changeArticle(ctx, id, (snapshot) => {
        const corrections = new Map<number, string>();
        for (const p of snapshot.passages) {
          const text = respelled(p.correctedText, others, spelling);
          if (text !== p.correctedText) corrections.set(p.idx, text);
        }
        const change = correctionsChange(ctx, snapshot, corrections, { actor, kind: 'spelling', category: 'name', proposal: true });
        const record = (now: string): number => {
          change.record(now);
          return corrections.size;
        };
        return { ...change, touches: corrections.size > 0, record };
      }),
    ),
  );
  return { replaced: [...others], articles: changed.filter((n) => n > 0).length, passages: changed.reduce((a, b) => a + b, 0) };
}

/**
 * "Make house form" on the Names page: the chosen spelling of a name becomes a term, its other
 * spellings the term's variants (`kind` is what the name is, TERM_KINDS), through the termbase
 * service, which refuses a term that conflicts with another and stores nothing then; and it is
 * proposed in every article that writes the name another way (proposeHouseSpelling).
 */
export async function makeHouseForm(ctx: ServiceContext, actor: Actor, key: string, spelling: string, kind: string): Promise<HouseSpellingProposals> {
  if (!TERM_KINDS.includes(kind as TermKind)) throw new ValidationError(`Choose what the name is: ${TERM_KINDS.join(', ')}.`);
  const spellings = (await ctx.archiveNames.spellingsOf([key])).map((s) => s.spelling);
  if (!spellings.includes(spelling)) throw new ValidationError(`No article writes “${spelling}” for this name; choose one of its spellings.`);
  createTerm(ctx, actor, { preferred: spelling, variants: spellings.filter((s) => s !== spelling), exceptions: [], kind });
  return proposeHouseSpelling(ctx, actor, key, spelling);
}
