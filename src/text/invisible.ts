/**
 * Invisible characters: the Unicode format characters (general category Cf) that draw nothing
 * yet split words for every search and check (zero-width spaces and joiners, word joiner, soft
 * hyphen, byte order mark) or change the order text is shown in (bidi marks, embeddings,
 * overrides and isolates). The invisible-characters check flags them and the review page shows
 * each as a visible marker, so both use this one list and these names.
 *
 * Left out: the prepended concatenation marks (U+0600–U+0605, U+06DD, U+070F, U+0890–U+0891,
 * U+08E2, U+110BD, U+110CD), which are Cf but draw a visible sign over the digits after them.
 * Not Cf and not here: variation selectors (they choose how an emoji or ideograph looks, which
 * is visible), no-break and other spaces (they show as space), line and paragraph separators.
 */
export const INVISIBLE_CHARACTER = /(?![\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}])\p{Cf}/u;

/** Maximal runs of invisible characters. */
export const INVISIBLE_RUN = new RegExp(`(?:${INVISIBLE_CHARACTER.source})+`, 'gu');

export interface InvisibleName {
  /** What a translator calls it: "zero-width space". */
  name: string;
  /** The short form a marker shows: "ZWSP"; the code point where there is no usual one. */
  abbreviation: string;
  /** "U+200B". */
  codePoint: string;
  /** Name and code point: "zero-width space (U+200B)". */
  fullName: string;
}

const NAMES: ReadonlyMap<number, readonly [name: string, abbreviation: string]> = new Map([
  [0x00ad, ['soft hyphen', 'SHY']],
  [0x061c, ['Arabic letter mark', 'ALM']],
  [0x180e, ['Mongolian vowel separator', 'MVS']],
  [0x200b, ['zero-width space', 'ZWSP']],
  [0x200c, ['zero-width non-joiner', 'ZWNJ']],
  [0x200d, ['zero-width joiner', 'ZWJ']],
  [0x200e, ['left-to-right mark', 'LRM']],
  [0x200f, ['right-to-left mark', 'RLM']],
  [0x202a, ['left-to-right embedding', 'LRE']],
  [0x202b, ['right-to-left embedding', 'RLE']],
  [0x202c, ['pop directional formatting', 'PDF']],
  [0x202d, ['left-to-right override', 'LRO']],
  [0x202e, ['right-to-left override', 'RLO']],
  [0x2060, ['word joiner', 'WJ']],
  [0x2061, ['function application', 'FA']],
  [0x2062, ['invisible times', 'IT']],
  [0x2063, ['invisible separator', 'IS']],
  [0x2064, ['invisible plus', 'IP']],
  [0x2066, ['left-to-right isolate', 'LRI']],
  [0x2067, ['right-to-left isolate', 'RLI']],
  [0x2068, ['first strong isolate', 'FSI']],
  [0x2069, ['pop directional isolate', 'PDI']],
  [0xfeff, ['byte order mark', 'BOM']],
]);

// Named once per character: a wall of thousands names the same few again and again.
const named = new Map<number, InvisibleName>();

/** The name of an invisible character, by its code point. */
export function invisibleName(code: number): InvisibleName {
  let result = named.get(code);
  if (!result) {
    const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    // Tag characters spell hidden ASCII text (flag emoji use them legitimately).
    const [name, abbreviation] = NAMES.get(code) ?? [code >= 0xe0000 && code <= 0xe007f ? 'tag character' : 'invisible format character', codePoint];
    result = { name, abbreviation, codePoint, fullName: `${name} (${codePoint})` };
    named.set(code, result);
  }
  return result;
}
