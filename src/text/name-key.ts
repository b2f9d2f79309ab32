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

const NON_ASCII = /[^\x00-\x7f]/;
const VOWEL_LETTERS = 'aeiou';
// Doubled consonants are spelling noise ("Kellogg"/"Kellog", "Odessa"/"Odesa"), as is "ii"
// ("Andrii"/"Andriy"); doubled vowels are not ("Cameroon"/"Cameron").
const KEPT_DOUBLES = 'aeou';

// Inside a key "ч" is the sound of English "ch" and "х" that of "kh", so the two readings of a
// written "ch" stay apart from each other and from a plain h. German, Polish, Czech and French
// spellings of the same sounds meet English ones; the apostrophe of a soft sign goes.
const SPELLINGS: readonly (readonly [string, string])[] = [
  ['schtsch', 'shч'], ['szcz', 'shч'], ['tsch', 'ч'], ['sch', 'sh'], ['tch', 'ч'], ['sz', 'sh'], ['cz', 'ч'],
  ['kh', 'х'], ['zh', 'z'], ['ts', 'c'], ['tz', 'c'], ['ck', 'k'], ['ou', 'u'],
  ['w', 'v'], ['x', 'ks'], ['j', 'i'], ['y', 'i'], ["'", ''], ['`', ''],
];
// The table by the code of the first letter, longest spelling first, for a quick look-up per letter.
const SPELLINGS_BY_LETTER: (readonly (readonly [string, string])[] | undefined)[] = [];
for (const spelling of [...SPELLINGS].sort((x, y) => y[0].length - x[0].length)) {
  const code = spelling[0].charCodeAt(0);
  SPELLINGS_BY_LETTER[code] = [...(SPELLINGS_BY_LETTER[code] ?? []), spelling];
}

/**
 * The key of a folded (lower-case, unaccented) spelling, in one pass: the spellings above,
 * `writtenCh` for a written "ch", a final "-ye"/"-je" as "-ia" (Russian-based "Zaporozhye"), a
 * final "z" after a consonant as "ts" (German "Merz"/"Mertz"), and doubled consonants single.
 */
function keyOf(s: string, writtenCh: 'ч' | 'х'): string {
  let key = '';
  let last = '';
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    let out = c;
    let used = 1;
    if (c === 'c' && s[i + 1] === 'h') {
      out = writtenCh;
      used = 2;
    } else if ((c === 'y' || c === 'j') && s[i + 1] === 'e' && i === s.length - 2) {
      out = 'ia';
      used = 2;
    } else if (c === 'z' && i === s.length - 1 && i > 0 && !VOWEL_LETTERS.includes(s[i - 1]!)) {
      out = 'c';
    } else {
      for (const [from, to] of SPELLINGS_BY_LETTER[s.charCodeAt(i)] ?? []) {
        if (s.startsWith(from, i)) {
          out = to;
          used = from.length;
          break;
        }
      }
    }
    for (let k = 0; k < out.length; k++) {
      const letter = out[k]!;
      if (letter !== last || KEPT_DOUBLES.includes(letter)) key += letter;
      last = letter;
    }
    i += used;
  }
  return key;
}

/**
 * The keys of a spelling: one, or more when a letter reads two ways. A written "ch" is English
 * ch ("Chernihiv") or German, Polish and Czech kh ("Charkiw", "Cherson"). A háček letter is
 * Czech for the English digraph ("Čornobyl"), but in South Slavic names English drops the
 * marks ("Vučić"/"Vucic").
 */
export function nameKeys(spelling: string): string[] {
  const lower = spelling.toLowerCase();
  const folds = NON_ASCII.test(lower) ? foldings(lower) : [lower];
  const keys: string[] = [];
  for (const folded of folds) {
    for (const reading of folded.includes('ch') ? READINGS_OF_CH : ENGLISH_CH) {
      const key = keyOf(folded, reading);
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
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
  while (at < short.length && short[at] === long[at]) at++;
  if (short.length === long.length) {
    if (at >= short.length - 1) return false; // equal, or differing only in the last letter
    for (let i = at + 1; i < short.length; i++) if (short[i] !== long[i]) return false;
    const pair = short[at]! + long[at]!;
    if (at === 0) return SWAPPABLE_INITIALS.has(pair) || ((pair === 'gh' || pair === 'hg') && SLAVIC_H_CLUSTER.has(short[1]!));
    return (SWAPPABLE_VOWELS.has(short[at]!) && SWAPPABLE_VOWELS.has(long[at]!)) || SWAPPABLE_CONSONANTS.has(pair);
  }
  // One letter more in `long`, inserted at `at` (or beside an identical letter, which is the same
  // edit); never first or last.
  if (at === 0 || at >= short.length) return false;
  for (let i = at; i < short.length; i++) if (short[i] !== long[i + 1]) return false;
  return DROPPABLE_LETTERS.has(long[at]!);
}

/**
 * The pairs of keys that `isNearVariant` joins, without comparing all pairs: such keys differ
 * in length by at most one and start with the same letter or with s/z, c/k or g/h, so keys
 * are bucketed by initial and length and compared only with their own and the next longer
 * bucket.
 */
export function nearVariantPairs(keys: Iterable<string>): [string, string][] {
  const buckets = new Map<number, string[]>();
  for (const key of keys) {
    if (key.length < MIN_NEAR_KEY_LENGTH) continue;
    const id = bucketOf(key, key.length);
    const bucket = buckets.get(id);
    if (bucket) bucket.push(key);
    else buckets.set(id, [key]);
  }
  const pairs: [string, string][] = [];
  for (const bucket of buckets.values()) {
    const longer = buckets.get(bucketOf(bucket[0]!, bucket[0]!.length + 1)) ?? [];
    for (let i = 0; i < bucket.length; i++) {
      const a = bucket[i]!;
      for (let j = i + 1; j < bucket.length; j++) if (isNearVariant(a, bucket[j]!)) pairs.push([a, bucket[j]!]);
      for (const b of longer) if (isNearVariant(a, b)) pairs.push([a, b]);
    }
  }
  return pairs;
}

// Initials that `isNearVariant` swaps share a bucket.
const INITIAL_CLASSES: Readonly<Record<string, string>> = { z: 's', k: 'c', g: 'h' };

function bucketOf(key: string, length: number): number {
  const initial = key[0]!;
  return (INITIAL_CLASSES[initial] ?? initial).charCodeAt(0) * 1024 + Math.min(length, 1023);
}
