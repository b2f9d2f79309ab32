/**
 * Degenerate texts of the kinds machine translation and scraping produce: walls of punctuation,
 * a word looped, a name in hundreds of spellings, tables of numbers, lines without spaces or
 * without end. Each is made in the translation's language and, for a source text, in Ukrainian,
 * so a growth test can feed a check both. `size` counts the repeated unit (marks, words, lines…).
 */

/** The words a degenerate text is made of, in one language. */
interface Vocabulary {
  lead: string;
  tail: string;
  loopedWord: string;
  said: string;
  paragraph: string;
  /** The pieces a name's spellings are combined from, one list per position: 3,840 spellings, none repeated at the sizes tested. */
  nameParts: readonly (readonly string[])[];
  shortLines: readonly ((i: number) => string)[];
  glued: string;
}

const ENGLISH: Vocabulary = {
  lead: 'The talks in Kiev ended',
  tail: 'and resumed on Monday.',
  loopedWord: 'the',
  said: 'said the talks would go on.',
  paragraph: 'Officials in Kiev said that 1.000 people had to leave , and 99,5 percent of them  returned.',
  nameParts: [['W', 'V', 'Wh'], ['i', 'y', 'ee', 'ie'], ['t', 'tt', 'd', 'dt'], ['k', 'kh', 'c', 'ck'], ['off', 'ov', 'of', 'ow', 'ev'], ['', 'a', 'y', 'e']],
  shortLines: [(i) => `Photo: agency ${i}`, (i) => `${i} views`, () => 'Kiev', () => 'Read also:', (i) => `- Talks resume in round ${i}`],
  glued: 'Kiev/1.000/Witkoff/1,5-',
};

const UKRAINIAN: Vocabulary = {
  lead: 'Переговори в Києві завершилися',
  tail: 'і відновилися в понеділок.',
  loopedWord: 'що',
  said: 'сказав, що переговори триватимуть.',
  paragraph: 'Чиновники в Києві сказали, що 1.000 людей мусили виїхати, і 99,5 відсотка з них повернулися.',
  nameParts: [['В', 'Ув', 'Вв'], ['і', 'и', 'ї', 'е'], ['т', 'тт', 'д', 'дт'], ['к', 'кх', 'ц', 'ск'], ['офф', 'ов', 'оф', 'ів', 'ев'], ['', 'а', 'и', 'е']],
  shortLines: [(i) => `Фото: агенція ${i}`, (i) => `${i} переглядів`, () => 'Київ', () => 'Читайте також:', (i) => `- Переговори, раунд ${i}`],
  glued: 'Київ/1.000/Віткофф/1,5-',
};

/** The i-th spelling of one name, distinct for every i below the product of the parts' lengths. */
function spelling(parts: readonly (readonly string[])[], i: number): string {
  let rest = i;
  return parts
    .map((choices) => {
      const part = choices[rest % choices.length]!;
      rest = Math.floor(rest / choices.length);
      return part;
    })
    .join('');
}

function lines(count: number, line: (i: number) => string, separator = '\n'): string {
  return Array.from({ length: count }, (_, i) => line(i)).join(separator);
}

type Generator = (size: number, words: Vocabulary) => string;

const GENERATORS = {
  'a wall of full stops': (n, w) => `${w.lead}${'.'.repeat(n)} ${w.tail}`,
  'a wall of commas': (n, w) => `${w.lead}${','.repeat(n)} ${w.tail}`,
  'a wall of "?!"': (n, w) => `${w.lead}${'?!'.repeat(n / 2)} ${w.tail}`,
  'a wall of ellipses': (n, w) => `${w.lead}${'…'.repeat(n)} ${w.tail}`,
  'one word looped': (n, w) => `${w.lead} ${`${w.loopedWord} `.repeat(n)}${w.tail}`,
  // Ten sentences a paragraph, each naming the same person another way.
  'a name in hundreds of spellings': (n, w) =>
    lines(Math.ceil(n / 10), (p) => lines(Math.min(10, n - 10 * p), (i) => `${spelling(w.nameParts, 10 * p + i)} ${w.said}`, ' '), '\n\n'),
  'numbers grouped with dots': (n) => lines(n, (i) => `${i + 1}.000`, ' '),
  'numbers with decimal commas': (n) => lines(n, (i) => `${i + 1},5`, ' '),
  'a long line without spaces': (n, w) => w.glued.repeat(n),
  'thousands of short lines': (n, w) => lines(n, (i) => w.shortLines[i % w.shortLines.length]!(i)),
  'many identical paragraphs': (n, w) => lines(n, () => w.paragraph, '\n\n'),
} satisfies Record<string, Generator>;

export type DegenerateKind = keyof typeof GENERATORS;
export const DEGENERATE_KINDS = Object.keys(GENERATORS) as DegenerateKind[];

/** A degenerate translation of `size` units. */
export function degenerateText(kind: DegenerateKind, size: number): string {
  return GENERATORS[kind](size, ENGLISH);
}

/** A Ukrainian source of the same shape with one paragraph more than the translation. */
export function degenerateSource(kind: DegenerateKind, size: number): string {
  return `${GENERATORS[kind](size, UKRAINIAN)}\n\n${UKRAINIAN.paragraph}`;
}
