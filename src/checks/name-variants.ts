import type { Termbase, TermEntry } from '../reference/termbase.js';
import { addNameKeys, nameKey, relatedKeys } from '../text/name-key.js';
import { readProperNames, type NameMention, type ProperNames } from '../text/proper-names.js';
import type { Check, Report } from './types.js';

/** One way of writing a name in the article, with where it is written. */
interface Spelling {
  text: string;
  mentions: NameMention[];
  /** Union-find link towards the spelling that stands for the group; none at that root. */
  parent?: Spelling;
  entry: TermEntry | undefined;
  /** The names after each of its mentions, once asked; null when a mention has none. */
  surnames?: Set<string> | null;
}

/** How the group's preferred spelling was decided, if it was. */
type Decision =
  | { by: 'termbase'; preferred: string }
  | { by: 'first-mention'; preferred: string; mention: string }
  | { by: 'frequency'; preferred: string }
  | { by: 'tie' };

// A name garbled thousands of ways would otherwise give each of thousands of findings every
// spelling: what a finding carries is capped, so a group's findings grow with their count alone.
// Other spellings named in a message, the commonest first; the rest are counted.
const MAX_NAMED_SPELLINGS = 5;
// Suggestions a finding offers, the preferred spelling (when there is one) first.
const MAX_SUGGESTIONS = 5;
// Spellings a group offers to use everywhere, preferred one first.
const MAX_ALTERNATIVES = 10;

/**
 * Groups the spellings of one name and flags the minority ones.
 *
 * Grouping: same transliteration key (src/text/name-key.ts) or keys one romanisation slip
 * apart. "Kyiv"/"Kiev" have keys too far apart to group: that Russian-based spelling is the
 * terms check's to report, from the termbase.
 *
 * Preferred spelling, in order: the termbase's preferred form (a fix); the spelling of the
 * first full mention, with a first name or title, when only one spelling has one (a fix);
 * the most frequent spelling (a suggestion only, since counting is weak evidence); otherwise
 * a tie, and every mention is flagged with the other spellings as suggestions.
 *
 * A term marked disputed (no house form yet) is not the terms check's: its listed forms are
 * grouped as one name and decided like any other.
 *
 * Overlap with the terms check: a spelling the termbase knows (as a preferred form or a
 * variant) is the terms check's to report, so when the termbase decides, only the spellings
 * it does not list are reported here. A group whose spellings are all in the termbase yields
 * no report here, and nothing is reported twice.
 */
export const nameVariants: Check = {
  id: 'name-variants',
  description: 'One proper name spelled more than one way in the same article (Witkoff/Vitkoff, Zelensky/Zelenskyy, Kharkiv/Charkiw).',
  defaultSeverity: 'warning',
  itsType: 'inconsistency',
  category: 'name',
  run(article) {
    const names = readProperNames(article.text, article.passages);
    return groupSpellings(names, article.reference.termbase).flatMap((group) => reportGroup(article.text, names, group));
  },
};

function groupSpellings(names: ProperNames, termbase: Termbase): Spelling[][] {
  // Each key with the spelling it is of.
  const keys: string[] = [];
  const keyOwners: number[] = [];
  names.spellings.forEach(({ spelling }, i) => {
    for (let added = addNameKeys(spelling, keys); added > 0; added--) keyOwners.push(i);
  });
  const pairs = relatedKeys(keys);
  // The forms a disputed term lists are one name however far apart their keys ("Kyiv"/"Kiev"):
  // each spelling of one is paired with the first spelling of that term.
  const firstOfDisputed = new Map<TermEntry, number>();
  const disputedPairs: [number, number][] = [];
  names.spellings.forEach(({ spelling }, i) => {
    const entry = termbase.entryFor(spelling);
    if (!entry?.disputed) return;
    const first = firstOfDisputed.get(entry);
    if (first === undefined) firstOfDisputed.set(entry, i);
    else disputedPairs.push([first, i]);
  });
  // Most articles spell every name one way.
  if (pairs.length === 0 && disputedPairs.length === 0) return [];

  // Union-find nodes for the spellings in pairs only, by index, so in the spellings' order.
  const nodes: (Spelling | undefined)[] = new Array(names.spellings.length);
  const nodeOf = (i: number): Spelling => {
    const { spelling, mentions } = names.spellings[i]!;
    return (nodes[i] ??= { text: spelling, mentions, parent: undefined, entry: undefined });
  };
  for (const [a, b] of pairs) join(nodeOf(keyOwners[a]!), nodeOf(keyOwners[b]!));
  for (const [a, b] of disputedPairs) join(nodeOf(a), nodeOf(b));
  const groups = new Map<Spelling, Spelling[]>();
  for (const spelling of nodes) {
    if (!spelling) continue;
    const r = rootOf(spelling);
    const group = groups.get(r);
    if (group) group.push(spelling);
    else groups.set(r, [spelling]);
  }
  const variants: Spelling[][] = [];
  for (const candidates of groups.values()) {
    if (candidates.length < 2) continue;
    // Only now, for the few spellings in play, tell names from ordinary words capitalised at sentence starts.
    for (const spelling of candidates) spelling.mentions = spelling.mentions.filter(names.isName);
    const group = candidates.filter((s) => s.mentions.length > 0);
    // A group seen only at sentence starts is ordinary words ("Preceded"/"Proceeded").
    if (group.length < 2 || !group.some((s) => s.mentions.some((m) => !m.startsAfresh))) continue;
    for (const spelling of group) {
      const entry = termbase.entryFor(spelling.text);
      // A disputed term decides nothing: the group is decided as for a name the termbase does not list.
      spelling.entry = entry?.disputed ? undefined : entry;
    }
    variants.push(group);
  }
  return variants;
}

/** The root of a spelling's group; every spelling on the way is linked to it directly, so no chain is walked twice. */
function rootOf(spelling: Spelling): Spelling {
  let root = spelling;
  while (root.parent) root = root.parent;
  for (let at = spelling; at.parent && at.parent !== root; ) {
    const next: Spelling = at.parent;
    at.parent = root;
    at = next;
  }
  return root;
}

function join(a: Spelling, b: Spelling): void {
  if (firstNamesOfDifferentPeople(a, b)) return;
  const [ra, rb] = [rootOf(a), rootOf(b)];
  if (ra !== rb) ra.parent = rb;
}

/** "Andriy Yermak" and "Andrii Sybiha": two romanisations of one first name, but two people. */
function firstNamesOfDifferentPeople(a: Spelling, b: Spelling): boolean {
  const [surnamesOfA, surnamesOfB] = [surnamesOf(a), surnamesOf(b)];
  if (!surnamesOfA || !surnamesOfB) return false;
  const [fewer, more] = surnamesOfA.size <= surnamesOfB.size ? [surnamesOfA, surnamesOfB] : [surnamesOfB, surnamesOfA];
  for (const surname of fewer) if (more.has(surname)) return false;
  return true;
}

/** The names written after a spelling's mentions, or null if one has none; worked out once, as a spelling may be joined to many. */
function surnamesOf(spelling: Spelling): Set<string> | null {
  if (spelling.surnames === undefined) {
    const names = spelling.mentions.map((m) => m.nameAfter);
    spelling.surnames = names.every((name) => name !== undefined) ? new Set(names) : null;
  }
  return spelling.surnames;
}

function decide(text: string, names: ProperNames, group: readonly Spelling[]): Decision {
  const entry = group.find((s) => s.entry)?.entry;
  if (entry) return { by: 'termbase', preferred: entry.preferred };
  const fullMentions: { mention: NameMention; from: number }[] = [];
  for (const spelling of group) {
    for (const mention of spelling.mentions) {
      const from = names.introducedFrom(mention);
      if (from !== undefined) {
        fullMentions.push({ mention, from });
        break;
      }
    }
  }
  // Full mentions in two spellings ("Volodymyr Zelensky", and "Wolodymyr Selenskyj" quoted
  // from a German paper) contradict each other, and counting decides instead.
  if (fullMentions.length === 1) {
    const { mention, from } = fullMentions[0]!;
    return { by: 'first-mention', preferred: mention.spelling, mention: text.slice(from, mention.end) };
  }
  const [most, next] = [...group].sort((a, b) => b.mentions.length - a.mentions.length);
  return most!.mentions.length > next!.mentions.length ? { by: 'frequency', preferred: most!.text } : { by: 'tie' };
}

function reportGroup(text: string, names: ProperNames, group: readonly Spelling[]): Report[] {
  const decision = decide(text, names, group);
  const preferred = decision.by === 'tie' ? undefined : decision.preferred;
  // Most used first; ties in order of appearance (the sort is stable).
  const byUse = [...group].sort((a, b) => b.mentions.length - a.mentions.length);
  // The termbase's preferred form may be written nowhere in the article.
  const preferredFirst = preferred === undefined ? byUse.map((s) => s.text) : [preferred, ...byUse.map((s) => s.text).filter((s) => s !== preferred)];
  // What may be used everywhere: only the termbase's form when it decides, else the spellings seen.
  const alternatives = decision.by === 'termbase' ? [decision.preferred] : preferredFirst.slice(0, MAX_ALTERNATIVES);
  const groupId = `name-variants:${nameKey(alternatives[0]!)}`;
  const flagged = group.filter((s) => s.text !== preferred && !(decision.by === 'termbase' && s.entry));
  // The alternatives with the labels of their suggestions, made once for all the findings.
  const labelled = alternatives.map((a) => [a, `Use “${a}”`] as const);
  // Enough of the commonest spellings to name the others of any one of them.
  const commonest = byUse.slice(0, MAX_NAMED_SPELLINGS + 1);

  const reports: Report[] = [];
  for (const spelling of flagged) {
    const named = commonest.filter((s) => s !== spelling).slice(0, MAX_NAMED_SPELLINGS);
    const message = `“${spelling.text}” is also spelled ${listCounts(named, group.length - 1 - named.length)} in this article. ${reason(decision)}`;
    const suggested = labelled.filter(([a]) => a !== spelling.text).slice(0, MAX_SUGGESTIONS);
    for (const mention of spelling.mentions) {
      const report: Report = { start: mention.start, end: mention.end, message, group: groupId, alternatives };
      if (decision.by === 'termbase' || decision.by === 'first-mention') {
        report.fix = { start: mention.start, end: mention.end, text: decision.preferred };
      } else {
        report.suggestions = suggested.map(([a, label]) => ({ label, edit: { start: mention.start, end: mention.end, text: a } }));
      }
      reports.push(report);
    }
  }
  return reports;
}

function reason(decision: Decision): string {
  switch (decision.by) {
    case 'termbase':
      return `The termbase prefers “${decision.preferred}”.`;
    case 'first-mention':
      return `The first full mention, “${decision.mention}”, uses “${decision.preferred}”.`;
    case 'frequency':
      return `“${decision.preferred}” is more frequent; check which spelling is right.`;
    case 'tie':
      return 'Choose one spelling and use it throughout.';
  }
}

/** “Witkoff” (2×) and “Witcoff” (1×); “Witkoff” (2×), … “Vitkof” (1×) and 3 other ways, with `unnamed` more. */
function listCounts(spellings: readonly Spelling[], unnamed: number): string {
  const items = spellings.map((s) => `“${s.text}” (${s.mentions.length}×)`);
  if (unnamed > 0) items.push(`${unnamed} other way${unnamed === 1 ? '' : 's'}`);
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
