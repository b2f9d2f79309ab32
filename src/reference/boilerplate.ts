/** A kind of scraping residue, recognised by a regular expression over one passage. */
export interface BoilerplatePattern {
  id: string;
  description: string;
  /** Source of a regular expression tested against a whole passage (a line). */
  pattern: string;
  flags?: string;
}

export interface BoilerplateRule extends BoilerplatePattern {
  regex: RegExp;
}

export function compileBoilerplate(patterns: readonly BoilerplatePattern[]): BoilerplateRule[] {
  return patterns.map((p) => ({ ...p, regex: new RegExp(p.pattern, p.flags ?? 'iu') }));
}
