/** One preferred form with the variants a newsroom does not want (textlint-rule-prh's "expected ⇐ patterns"). */
export interface TermEntry {
  preferred: string;
  variants: string[];
  /** Phrases in which a variant is right and must not be flagged ("Chicken Kiev"). */
  exceptions: string[];
  /** Why the entry exists; shown to translators. */
  note?: string;
  category?: string;
}

export interface Termbase {
  readonly entries: readonly TermEntry[];
  /** The entry whose preferred form or variant is this spelling (case-insensitive, possessive stripped). */
  entryFor(spelling: string): TermEntry | undefined;
}

/** Strips an English possessive so "Kiev's" looks up "Kiev". */
export function withoutPossessive(word: string): string {
  return word.replace(/['’]s$/iu, '');
}

export function createTermbase(entries: readonly TermEntry[]): Termbase {
  const bySpelling = new Map<string, TermEntry>();
  for (const entry of entries) {
    for (const form of [entry.preferred, ...entry.variants]) bySpelling.set(form.toLowerCase(), entry);
  }
  return {
    entries,
    entryFor: (spelling) => bySpelling.get(withoutPossessive(spelling).toLowerCase()),
  };
}
