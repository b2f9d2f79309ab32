import type { AnalysedArticle } from '../text/analyse.js';

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
  | 'whitespace'
  | 'numbers'
  | 'locale-violation'
  | 'other';

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
  /** Every spelling or form in play for this inconsistency, preferred one first when known. */
  alternatives?: string[];
  /** Overrides the check's ITS type for this report. */
  itsType?: ItsIssueType;
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
  /** Pure and synchronous: no I/O, same article in, same reports out. */
  run(article: AnalysedArticle): Report[];
}
