/**
 * The crash test's generated texts: articles with the slips the checks flag (Kiev, 700.000, a
 * name spelled two ways, residue, repeats), varied in length, line endings and extras, and the
 * marked texts of the writes made on them, each unique so the database shows which write it came from.
 */
import type { Random } from '../helpers/random.js';

/** As the import normalises (src/services/import.ts): no BOM, \n line endings. */
export const normalise = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
/** As the import titles an article: the given title, else its first line. */
export const titleOf = (given: string | undefined, text: string) => given?.trim() || text.trim().split('\n', 1)[0]!.trim();

export interface ImportBody {
  title?: string;
  text: string;
  source?: string;
  sourceLang?: string;
  targetLang?: string;
  externalId?: string;
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const PARAGRAPHS: ((r: Random) => string)[] = [
  (r) => `Talks in Kiev ended on ${r.pick(DAYS)} after ${r.int(2, 19)} hours, the ministry said.`,
  () => 'Officials said 700.000 people had left Kharkov since the spring.',
  (r) => `About ${r.int(100, 999)}.000 households were without power in Zaporozhye on ${r.pick(DAYS)}.`,
  (r) => `Envoy Steve Witkoff met the delegation on ${r.pick(DAYS)}; Vitkoff later called the talks useful.`,
  (r) => `Turnout reached ${r.int(10, 99)},${r.int(1, 9)} percent, officials in Odessa said.`,
  (r) => `${r.int(100, 9999)} views ${r.int(0, 40)} comment(s)`,
  () => 'Bonus video:',
  (r) => `The the committee will meet again in ${r.pick(['May', 'June', 'July'])} .`,
  (r) => `Exports rose by ${r.int(1, 900)} tonnes — “a record”, the minister said on ${r.pick(DAYS)}.`,
];

/** An article as the CMS might send it: a BOM now and then, any line endings, a source text sometimes. */
export function generateImport(r: Random, key: string): ImportBody {
  const lines = [`Dispatch ${key} from Kiev`];
  const count = r.chance(0.04) ? r.int(60, 150) : r.int(2, 14);
  for (let i = 0; i < count; i++) lines.push(r.chance(0.1) && i > 0 ? lines[i]! : r.pick(PARAGRAPHS)(r));
  const text = (r.chance(0.05) ? '\uFEFF' : '') + lines.join(r.pick(['\n\n', '\n', '\r\n\r\n', '\r\n']));
  const body: ImportBody = { text };
  if (r.chance(0.5)) body.title = r.chance(0.2) ? `  Crash ${key}  ` : `Crash ${key}`;
  if (r.chance(0.7)) body.targetLang = 'en';
  if (r.chance(0.3)) {
    body.source = lines.map((_, i) => `Переговори в Києві завершилися після ${i + 2} годин, повідомило міністерство.`).join('\r\n\r\n');
    if (r.chance(0.5)) body.sourceLang = 'uk';
  }
  return body;
}

/**
 * An article to review: every kind of finding the review page offers an action for, a fix
 * (Kiev, 700.000, residue, a repeated paragraph), suggestions and one spelling everywhere
 * (Witkoff and Vitkoff), and more than one finding of a check (to dismiss all of them).
 */
export function reviewArticle(r: Random, key: string): ImportBody {
  const repeated = `Negotiators expect a written reply within ${r.int(2, 9)} weeks, a spokesman for ${key} added.`;
  const lines = [
    `Review ${key}: ceasefire talks in Kiev resume`,
    `Envoy Steve Witkoff landed in Kiev on ${r.pick(DAYS)} for a second round of talks.`,
    `Vitkoff told reporters that ${r.int(100, 900)}.000 displaced people were waiting for an answer.`,
    `Turnout in the regional vote reached ${r.int(40, 80)},${r.int(1, 9)} percent, officials in Kharkov said.`,
    `The the delegation will report to parliament on ${r.pick(DAYS)} .`,
    `${r.int(1000, 9999)} views ${r.int(1, 30)} comment(s)`,
    repeated,
    `Witkoff said the next round could be held in Zaporozhye.`,
    'Bonus video:',
    repeated,
  ];
  return { text: lines.join('\n\n'), targetLang: 'en' };
}

/** An article two clients race to edit: plain passages, one save at a time wins each. */
export function raceArticle(key: string, passages: number): ImportBody {
  const lines = [`Race ${key}`];
  for (let i = 1; i < passages; i++) lines.push(`Passage ${i} of race ${key} waits for one of two editors.`);
  return { text: lines.join('\n\n'), targetLang: 'en' };
}

/**
 * The k-th AI text of an article the CMS sends again under its external id: from one base, a
 * few passages reworded, dropped or added, so a re-import keeps, moves, marks for re-review and
 * drops corrected passages. The 0th is the base itself.
 */
export function reimportText(r: Random, key: string, k: number): string {
  const base = Array.from({ length: 8 }, (_, i) => `Update ${key}, line ${i}: crews in Kharkov restored power to ${(i + 1) * 1000}.000 homes.`);
  if (k === 0) return [`Updates ${key} from Kiev`, ...base].join('\n\n');
  const lines = [`Updates ${key} from Kiev`];
  for (const [i, line] of base.entries()) {
    if (r.chance(0.15)) continue;
    lines.push(r.chance(0.3) ? `Update ${key}, line ${i}, revision ${k}: repairs in Kiev go on.` : line);
    if (r.chance(0.1)) lines.push(`Update ${key}, added in revision ${k}: 300.000 people still without heat.`);
  }
  return lines.join('\n\n');
}

/** A corrected passage: a mark of its own, and slips for the next fix to find. */
export const editText = (mark: string, r: Random) => `Edit ${mark} says officials in Kiev counted 700.000 votes on ${r.pick(DAYS)}.`;
export const commentText = (mark: string) => `Comment ${mark}: check this figure against the source.`;
export const reasonText = (mark: string) => `Reason ${mark}: house style allows it here.`;
export const sendBackText = (mark: string) => `Send-back ${mark}: the numbers need another look.`;
export const rejectText = (mark: string) => `Reject ${mark}: keep the approved wording.`;
/** The comment a rejection adds to the passage's thread (src/services/review.ts rejectProposal). */
export const rejectionComment = (reason: string) => `Proposal not taken: ${reason}`;
export const raceText = (mark: string) => `Race ${mark} says this wording was saved first.`;
