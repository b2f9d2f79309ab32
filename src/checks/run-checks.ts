import type { AnalysedArticle } from '../text/analyse.js';
import { fingerprintOf } from './fingerprint.js';
import { checks as registry } from './index.js';
import type { Check, Finding, Report, Severity } from './types.js';

/**
 * The most open findings of one check, and of one article, that are listed: the earliest in
 * text order. Nobody works through more in one sitting, and a degenerate text ("the the the …")
 * would otherwise yield tens of thousands to store, render and send. Fixing or dismissing
 * listed ones brings the next ones up.
 */
export const MAX_FINDINGS_PER_CHECK = 200;
export const MAX_FINDINGS_PER_ARTICLE = 1_000;

export interface RunOptions {
  /** Per-check severity for all its findings, or 'off' to skip the check. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  checks?: readonly Check[];
  /** Fingerprints dismissed in this article: their findings are listed but do not count against the caps. */
  dismissed?: ReadonlySet<string>;
  /** Lists every finding, past the caps: for the fixer, which must reach every slip. */
  uncapped?: boolean;
  /**
   * Where the article's text starts after a title checked with it (0: no such title). The title
   * and the text are fingerprinted apart, so the text's findings keep the keys (and dismissals)
   * they have without the title, whether a title is given, changed or removed.
   */
  textStart?: number;
}

/** Fingerprints a report within the part it lies in: the title before textStart, or the text after it. */
function fingerprinter(text: string, textStart: number): (check: string, start: number, end: number) => string {
  const title = text.slice(0, textStart);
  const body = text.slice(textStart);
  return (check, start, end) => {
    if (start >= textStart) return fingerprintOf(check, body, start - textStart, end - textStart);
    return end <= textStart ? fingerprintOf(check, title, start, end) : fingerprintOf(check, text, start, end);
  };
}

const NOTHING_DISMISSED: ReadonlySet<string> = new Set();

const byPosition = (a: Report, b: Report) => a.start - b.start || a.end - b.end;

/** Runs the registered checks and returns their findings in text order, at most the caps' worth of open ones. */
export function runChecks(article: AnalysedArticle, options: RunOptions = {}): Finding[] {
  const perCheck = options.uncapped ? Infinity : MAX_FINDINGS_PER_CHECK;
  const dismissed = options.dismissed ?? NOTHING_DISMISSED;
  const findings: Finding[] = [];
  const keyOf = fingerprinter(article.text, options.textStart ?? 0);
  for (const check of options.checks ?? registry) {
    const configured = options.severities?.[check.id];
    if (configured === 'off') continue;
    // Fingerprints are made in text order and only up to the cap: the costly part, and the first ones are the ones listed.
    const reports = [...check.run(article)].sort(byPosition);
    const seen = new Map<string, number>();
    let open = 0;
    for (let i = 0; i < reports.length && open < perCheck; i++) {
      const report = reports[i]!;
      const base = keyOf(check.id, report.start, report.end);
      // Identical text in identical context (a twice-repeated caption) still needs distinct keys.
      const ordinal = seen.get(base) ?? 0;
      seen.set(base, ordinal + 1);
      const fingerprint = ordinal === 0 ? base : `${base}-${ordinal}`;
      if (!dismissed.has(fingerprint)) open++;
      findings.push({
        ...report,
        check: check.id,
        severity: configured ?? report.severity ?? check.defaultSeverity,
        itsType: report.itsType ?? check.itsType,
        text: article.text.slice(report.start, report.end),
        fingerprint,
      });
    }
  }
  findings.sort(byPosition);
  return options.uncapped ? findings : upToOpen(findings, MAX_FINDINGS_PER_ARTICLE, dismissed);
}

/** The findings up to and including the `limit`-th open one. */
function upToOpen(findings: Finding[], limit: number, dismissed: ReadonlySet<string>): Finding[] {
  let open = 0;
  for (let i = 0; i < findings.length; i++) {
    if (!dismissed.has(findings[i]!.fingerprint) && ++open === limit) return findings.slice(0, i + 1);
  }
  return findings;
}

/** Which caps a list of findings reached: the checks that list the most open findings they may, and whether the article does. */
export function reachedCaps(findings: readonly { check: string; dismissed?: boolean }[]): { checks: Set<string>; article: boolean } {
  const openByCheck = new Map<string, number>();
  let open = 0;
  for (const f of findings) {
    if (f.dismissed) continue;
    open++;
    openByCheck.set(f.check, (openByCheck.get(f.check) ?? 0) + 1);
  }
  const checks = new Set([...openByCheck].filter(([, n]) => n >= MAX_FINDINGS_PER_CHECK).map(([check]) => check));
  return { checks, article: open >= MAX_FINDINGS_PER_ARTICLE };
}
