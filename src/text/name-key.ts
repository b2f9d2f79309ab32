/**
 * Transliteration-aware keys for proper names: two spellings of one Ukrainian or Russian
 * name, whether romanised in English, Polish, Czech, German or French, or with diacritics
 * dropped, get the same key ("Witkoff"/"Vitkoff" → "vitkof", "Kharkiv"/"Charkiw" → "хarkiv",
 * "Zelensky"/"Zelenskyy"/"Zełenski" → "zelenski"). Different names keep different keys;
 * a pair of keys one slip apart is judged by `isNearVariant`.
 */

// Letters that stand for two English ones, or that NFD does not decompose.
const LETTER_EXPANSIONS: Readonly<Record<string, string>> = {
  š: 'sh', č: 'ч', ž: 'zh', ș: 'sh', ş: 'sh', ț: 'ts', ţ: 'ts',
  ł: 'l', ß: 'ss', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i',
};
const EXPANDED_LETTER = /[ščžșşțţłßøđæœı]/g;
const HACEK_LETTER = /[ščž]/;
// Combining marks after NFD, and the typographic apostrophes of a soft sign ("Il’ich").
const MARK_OR_APOSTROPHE = /[\p{M}’ʼ]/gu;

const VOWEL_LETTERS = codesOf('aeiou');
// Doubled consonants are spelling noise ("Kellogg"/"Kellog", "Odessa"/"Odesa"), as is "ii"
// ("Andrii"/"Andriy"); doubled vowels are not ("Cameroon"/"Cameron").
const KEPT_DOUBLES = codesOf('aeou');

// Inside a key "ч" is the sound of English "ch" and "х" that of "kh", so the two readings of a
// written "ch" stay apart from each other and from a plain h. German, Polish, Czech and French
// spellings of the same sounds meet English ones; the apostrophe of a soft sign goes.
const SPELLINGS: readonly (readonly [string, string])[] = [
  ['schtsch', 'shч'], ['szcz', 'shч'], ['tsch', 'ч'], ['sch', 'sh'], ['tch', 'ч'], ['sz', 'sh'], ['cz', 'ч'],
  ['kh', 'х'], ['zh', 'z'], ['ts', 'c'], ['tz', 'c'], ['ck', 'k'], ['ou', 'u'],
  ['w', 'v'], ['x', 'ks'], ['j', 'i'], ['y', 'i'], ["'", ''], ['`', ''],
];
// The table for a quick look-up per letter: spellings of two letters or more by their first
// two (ASCII) letters, longest first, and those of one letter by it.
// Filled up front: an array assigned at scattered indices falls back to slow dictionary elements.
const LONGER_SPELLINGS: (readonly (readonly [string, string])[] | undefined)[] = new Array(128 * 128).fill(undefined);
const ONE_LETTER_SPELLINGS: (readonly [string, string] | undefined)[] = new Array(128).fill(undefined);
for (const spelling of [...SPELLINGS].sort((x, y) => y[0].length - x[0].length)) {
  const [from] = spelling;
  if (from.length === 1) ONE_LETTER_SPELLINGS[from.charCodeAt(0)] ??= spelling;
  else {
    const pair = from.charCodeAt(0) * 128 + from.charCodeAt(1);
    LONGER_SPELLINGS[pair] = [...(LONGER_SPELLINGS[pair] ?? []), spelling];
  }
}
// Letters that begin none of the spellings above nor "ch", "ye"/"je" or a final "z": most of them.
const STARTS_SPELLING = new Uint8Array(128);
for (const letter of [...SPELLINGS.map(([from]) => from[0]!), 'c', 'y', 'j', 'z']) STARTS_SPELLING[letter.charCodeAt(0)] = 1;
const WRITTEN_CH: Readonly<Record<'ч' | 'х', readonly [string, string]>> = { ч: ['ch', 'ч'], х: ['ch', 'х'] };
const FINAL_YE: readonly [string, string] = ['ye', 'ia'];
const FINAL_Z: readonly [string, string] = ['z', 'c'];

/**
 * The key of a folded (lower-case, unaccented) spelling, in one pass: the spellings above,
 * `writtenCh` for a written "ch", a final "-ye"/"-je" as "-ia" (Russian-based "Zaporozhye"), a
 * final "z" after a consonant as "ts" (German "Merz"/"Mertz"), and doubled consonants single.
 * ASCII capitals are read as lower case, so an ASCII spelling needs no lower-casing first;
 * `asciiOnly` gives up (undefined) on any other letter, for the spelling to be folded first.
 */
function keyOf(s: string, writtenCh: 'ч' | 'х', asciiOnly: true): string | undefined;
function keyOf(s: string, writtenCh: 'ч' | 'х', asciiOnly: false): string;
function keyOf(s: string, writtenCh: 'ч' | 'х', asciiOnly: boolean): string | undefined {
  let key = '';
  let last = -1;
  for (let i = 0; i < s.length; ) {
    const written = s.charCodeAt(i);
    if (written > 127 && asciiOnly) return undefined;
    const c = lowerAscii(written);
    const spelling = spellingAt(s, i, c, writtenCh);
    const to = spelling ? spelling[1] : undefined;
    if (to === undefined) {
      if (c !== last || KEPT_DOUBLES.includes(c)) key += String.fromCharCode(c);
      last = c;
      i++;
      continue;
    }
    for (let k = 0; k < to.length; k++) {
      const letter = to.charCodeAt(k);
      if (letter !== last || KEPT_DOUBLES.includes(letter)) key += to[k]!;
      last = letter;
    }
    i += spelling![0].length;
  }
  return key;
}

/** The spelling written at `s[i]` (whose code, lower-cased, is `c`) that the key replaces, if any. */
function spellingAt(s: string, i: number, c: number, writtenCh: 'ч' | 'х'): readonly [string, string] | undefined {
  if (c >= 128 || !STARTS_SPELLING[c]) return undefined;
  const next = lowerAscii(s.charCodeAt(i + 1));
  if (c === 99 /* c */ && next === 104 /* h */) return WRITTEN_CH[writtenCh];
  if ((c === 121 /* y */ || c === 106 /* j */) && next === 101 /* e */ && i === s.length - 2) return FINAL_YE;
  if (c === 122 /* z */ && i === s.length - 1 && i > 0 && !VOWEL_LETTERS.includes(lowerAscii(s.charCodeAt(i - 1)))) return FINAL_Z;
  const longer = next < 128 ? LONGER_SPELLINGS[c * 128 + next] : undefined;
  if (longer) for (const spelling of longer) if (writtenAt(s, i, spelling[0])) return spelling;
  return ONE_LETTER_SPELLINGS[c];
}

/** Whether `s` has the lower-case ASCII `part` at `i`, reading ASCII capitals as lower case. */
function writtenAt(s: string, i: number, part: string): boolean {
  if (i + part.length > s.length) return false;
  for (let k = 0; k < part.length; k++) if (lowerAscii(s.charCodeAt(i + k)) !== part.charCodeAt(k)) return false;
  return true;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * The keys of a spelling: one, or more when a letter reads two ways. A written "ch" is English
 * ch ("Chernihiv") or German, Polish and Czech kh ("Charkiw", "Cherson"). A háček letter is
 * Czech for the English digraph ("Čornobyl"), but in South Slavic names English drops the
 * marks ("Vučić"/"Vucic").
 */
export function nameKeys(spelling: string): string[] {
  const keys: string[] = [];
  addNameKeys(spelling, keys);
  return keys;
}

/** Adds the keys of a spelling (see `nameKeys`) to `keys`, for many spellings without an array each; returns how many. */
export function addNameKeys(spelling: string, keys: string[]): number {
  // Most names are ASCII, which `keyOf` reads as they are written.
  const key = keyOf(spelling, 'ч', true);
  if (key !== undefined) {
    keys.push(key);
    // A "ch" read as English ch leaves a "ч"; without one, the German reading is the same key.
    if (!key.includes('ч')) return 1;
    const otherKey = keyOf(spelling, 'х', false);
    if (otherKey === key) return 1;
    keys.push(otherKey);
    return 2;
  }
  const lower = spelling.toLowerCase();
  const folds = isAscii(lower) ? [lower] : foldings(lower);
  const first = keys.length;
  for (const folded of folds) {
    for (const reading of folded.includes('ch') ? READINGS_OF_CH : ENGLISH_CH) {
      const key = keyOf(folded, reading, false);
      if (keys.indexOf(key, first) === -1) keys.push(key);
    }
  }
  return keys.length - first;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

function codesOf(letters: string): number[] {
  return [...letters].map((c) => c.charCodeAt(0));
}

const READINGS_OF_CH = ['ч', 'х'] as const;
const ENGLISH_CH = ['ч'] as const;

function foldings(lower: string): string[] {
  const expanded = lower.replace(EXPANDED_LETTER, (c) => LETTER_EXPANSIONS[c]!).normalize('NFD').replace(MARK_OR_APOSTROPHE, '');
  if (!HACEK_LETTER.test(lower)) return [expanded];
  return [expanded, lower.normalize('NFD').replace(MARK_OR_APOSTROPHE, '').replace(EXPANDED_LETTER, (c) => LETTER_EXPANSIONS[c]!)];
}

/** The main key of a spelling in Latin letters, for a readable group id ("vitkof", "kharkiv"). */
export function nameKey(spelling: string): string {
  return nameKeys(spelling)[0]!.replaceAll('ч', 'ch').replaceAll('х', 'kh');
}

// Short keys are too crowded for a fuzzy match: Iran/Iraq, Kyiv/Kiev, Mario/Maria.
const MIN_NEAR_KEY_LENGTH = 6;
// The vowels that Ukrainian and Russian forms of one name swap (Kharkiv/Kharkov,
// Chornobyl/Chernobyl); a and u swaps mostly make other English names (Walton/Wilton).
const SWAPPABLE_VOWELS = new Set(['e', 'i', 'o']);
// Consonants that romanisations swap: s/z (German "Selenskyj"), c/k, and inside a word g/h
// (Russian g for Ukrainian h: "Lugansk") and kh/h ("Bakhmut"/"Bahmut"). An initial G/H is
// swapped only before r or l, clusters English does not begin with ("Hrynchuk"/"Grinchuk"):
// German/Herman, Garrison/Harrison and Chester/Hester are different names.
const SWAPPABLE_INITIALS = new Set(['sz', 'zs', 'ck', 'kc']);
const SLAVIC_H_CLUSTER = new Set(['r', 'l']);
const SWAPPABLE_CONSONANTS = new Set([...SWAPPABLE_INITIALS, 'gh', 'hg', 'хh', 'hх']);
// Letters one romanisation writes and another leaves out ("Oleksander"/"Oleksandr").
const DROPPABLE_LETTERS = new Set(['h', 'i', 'e']);

/**
 * Whether two different keys are one edit apart in a way romanisation explains: e, i, o for
 * one another (Zaporizhia/Zaporozhye), a swappable consonant, or a dropped h/i/e, anywhere
 * but at the end. Endings are where names inflect and gender (Ivanov/Ivanova,
 * Zelensky/Zelenska, Russia/Russian), and the first letter changes only by s/z, c/k or a
 * Slavic g/h (Russia/Prussia stay apart). Unrelated consonants (Karlov/Karpov, Ireland/Iceland) make
 * different names.
 */
export function isNearVariant(a: string, b: string): boolean {
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  if (short.length < MIN_NEAR_KEY_LENGTH || long.length - short.length > 1) return false;
  let at = 0;
  while (at < short.length && short.charCodeAt(at) === long.charCodeAt(at)) at++;
  if (short.length === long.length) {
    if (at >= short.length - 1) return false; // equal, or differing only in the last letter
    for (let i = at + 1; i < short.length; i++) if (short.charCodeAt(i) !== long.charCodeAt(i)) return false;
    const pair = short[at]! + long[at]!;
    if (at === 0) return SWAPPABLE_INITIALS.has(pair) || ((pair === 'gh' || pair === 'hg') && SLAVIC_H_CLUSTER.has(short[1]!));
    return (SWAPPABLE_VOWELS.has(short[at]!) && SWAPPABLE_VOWELS.has(long[at]!)) || SWAPPABLE_CONSONANTS.has(pair);
  }
  // One letter more in `long`, inserted at `at` (or beside an identical letter, which is the same
  // edit); never first or last.
  if (at === 0 || at >= short.length) return false;
  for (let i = at; i < short.length; i++) if (short.charCodeAt(i) !== long.charCodeAt(i + 1)) return false;
  return DROPPABLE_LETTERS.has(long[at]!);
}

// Letters that `isNearVariant` lets one key have where another of the same length has a
// different one: only keys with such a letter at a place can pair there.
const SWAPPABLE_LETTERS = new Set([...SWAPPABLE_VOWELS, ...[...SWAPPABLE_CONSONANTS].map((pair) => pair[0]!)]);
// Any letter either kind of variant may differ in.
const SWAPPABLE_LETTER = new RegExp(`[${[...SWAPPABLE_LETTERS, ...DROPPABLE_LETTERS].join('')}]`, 'g');
// Keys longer than this are runs of letters without spaces, not names, and are only compared
// whole: finding the near variants of a key costs the square of its length.
const MAX_NEAR_KEY_LENGTH = 64;

/**
 * The pairs of keys that name one thing, as indices into `keys` (which may repeat a key): each
 * repeat with the first copy, and first copies that `isNearVariant` joins. Without comparing
 * all pairs, which thousands of keys of one length would make quadratic: near variants of one
 * length differ in one swappable letter, so they are one key with that letter left out at the
 * same place; and a key with a droppable letter more is the shorter one once it is left out.
 */
export function relatedKeys(keys: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  const firstCopies = new Map<string, number>();
  keys.forEach((key, i) => {
    const first = firstCopies.get(key);
    if (first === undefined) firstCopies.set(key, i);
    else pairs.push([first, i]);
  });
  // Near variants have the same letters once the swappable ones are left out; most keys share
  // that with no other, and are looked at no further.
  const candidates: [key: string, index: number, skeleton: string][] = [];
  const skeletonCounts = new Map<string, number>();
  for (const [key, i] of firstCopies) {
    if (key.length < MIN_NEAR_KEY_LENGTH || key.length > MAX_NEAR_KEY_LENGTH) continue;
    const skeleton = key.replace(SWAPPABLE_LETTER, '');
    skeletonCounts.set(skeleton, (skeletonCounts.get(skeleton) ?? 0) + 1);
    candidates.push([key, i, skeleton]);
  }
  // The first copies by the place of a swappable letter and the key without it.
  const bySwappable = new Map<string, number[]>();
  for (const [key, i, skeleton] of candidates) {
    if (skeletonCounts.get(skeleton)! < 2) continue;
    // Neither kind of variant differs in the last letter.
    for (let at = 0; at < key.length - 1; at++) {
      const letter = key[at]!;
      const swappable = SWAPPABLE_LETTERS.has(letter);
      // Leaving out any of a run of equal letters gives the same shorter key: it is looked up
      // once, at the run's last letter, where `isNearVariant` sees the two keys differ.
      const droppable = at > 0 && DROPPABLE_LETTERS.has(letter) && letter !== key[at + 1];
      if (!swappable && !droppable) continue;
      const rest = key.slice(0, at) + key.slice(at + 1);
      const shorter = droppable ? firstCopies.get(rest) : undefined;
      if (shorter !== undefined && isNearVariant(rest, key)) pairs.push([shorter, i]);
      if (!swappable) continue;
      const place = `${at}:${rest}`;
      const alike = bySwappable.get(place);
      if (alike) {
        for (const other of alike) if (isNearVariant(keys[other]!, key)) pairs.push([other, i]);
        alike.push(i);
      } else {
        bySwappable.set(place, [i]);
      }
    }
  }
  return pairs;
}
