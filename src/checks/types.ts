import type { AnalysedArticle } from '../text/analyse.js';

/**
 * How sure a finding is, which decides what a reviewer looks at first. The rule every check and
 * report follows:
 * - error: a certain slip with a safe fix (a form the termbase disallows, an exact repeat, scraping
 *   residue, a stray invisible character): applying the fix is always right.
 * - warning: likely a slip, but a person must judge it (no fix, or a fix chosen by weaker evidence).
 * - info: style: the text means the same either way (double spaces, a space before punctuation).
 * A check's `defaultSeverity` is that of most of its reports; a report more or less certain than
 * those sets its own `severity`.
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * W3C ITS 2.0 localization quality issue types (locQualityIssueType), so reports
 * speak the vocabulary of LanguageTool, XLIFF tools and LQA scorecards.
 */
export type ItsIssueType =
  | 'terminology'
  | 'mistranslation'
  | 'omission'
  | 'untranslated'
  | 'addition'
  | 'duplication'
  | 'inconsistency'
  | 'grammar'
  | 'style'
  | 'misspelling'
  | 'typographical'
  | 'characters'
  | 'whitespace'
  | 'numbers'
  | 'locale-violation'
  | 'other';

/**
 * What kind of translation error a correction fixes, in the newsroom's terms: every correction
 * carries one, so the newsroom learns what its translator gets wrong.
 */
export type ErrorCategory = 'name' | 'number' | 'terminology' | 'omission-addition' | 'accuracy' | 'fluency' | 'style' | 'boilerplate';

export const ERROR_CATEGORIES: Readonly<Record<ErrorCategory, string>> = {
  name: 'Name',
  number: 'Number',
  terminology: 'Terminology',
  'omission-addition': 'Omission or addition',
  accuracy: 'Accuracy',
  fluency: 'Fluency',
  style: 'Style',
  boilerplate: 'Boilerplate',
};

/** A replacement of the half-open range [start, end) of the article text. Deletion is `text: ''`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A choice offered to a human; never applied automatically. */
export interface Suggestion {
  /** What choosing it does, e.g. `Use "Witkoff"`. */
  label: string;
  edit: TextEdit;
}

/** What a check reports; the runner adds check id, severity, flagged text and fingerprint. */
export interface Report {
  start: number;
  end: number;
  message: string;
  /** Safe to apply without a human (ESLint's `fix`). */
  fix?: TextEdit;
  suggestions?: Suggestion[];
  /** Ties together the findings of one inconsistency, e.g. `name-variants:witkof`. */
  group?: string;
  /**
   * The forms that may be used throughout for this inconsistency, preferred one first when known
   * (the commonest, when there are many): only the termbase's form when it has one, never a
   * variant it disallows. "One spelling everywhere" offers these and replaces every other
   * spelling in play (these and the flagged ones) with the one chosen.
   */
  alternatives?: string[];
  /** Overrides the check's ITS type for this report. */
  itsType?: ItsIssueType;
  /** Overrides the check's default severity when this report is more or less certain (see Severity). */
  severity?: Severity;
  /**
   * Why, when it is the same for every report of its group (a termbase entry's note): the review
   * page shows it once above the group, so the message says only what is wrong here.
   */
  note?: string;
}

export interface Finding extends Report {
  check: string;
  severity: Severity;
  itsType: ItsIssueType;
  /** The flagged text, exactly `article.text.slice(start, end)`. */
  text: string;
  /** Stable across re-checks of an edited article: check, normalised text, surrounding words. */
  fingerprint: string;
}

export interface Check {
  /** kebab-case, as the file name. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  itsType: ItsIssueType;
  /** The error category of a correction made by applying one of its fixes or suggestions. */
  category: ErrorCategory;
  /** Pure and synchronous: no I/O, same article in, same reports out. */
  run(article: AnalysedArticle): Report[];
}
