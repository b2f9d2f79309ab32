import type { AnalysedArticle } from '../text/analyse.js';
import { fingerprintOf } from './fingerprint.js';
import { checks as registry } from './index.js';
import type { Check, Finding, Severity } from './types.js';

export interface RunOptions {
  /** Per-check severity, or 'off' to skip the check. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
  checks?: readonly Check[];
}

/** Runs the registered checks and returns their findings in text order. */
export function runChecks(article: AnalysedArticle, options: RunOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  for (const check of options.checks ?? registry) {
    const severity = options.severities?.[check.id] ?? check.defaultSeverity;
    if (severity === 'off') continue;
    for (const report of check.run(article)) {
      const base = fingerprintOf(check.id, article.text, report.start, report.end);
      // Identical text in identical context (a twice-repeated caption) still needs distinct keys.
      const ordinal = seen.get(base) ?? 0;
      seen.set(base, ordinal + 1);
      findings.push({
        ...report,
        check: check.id,
        severity,
        itsType: report.itsType ?? check.itsType,
        text: article.text.slice(report.start, report.end),
        fingerprint: ordinal === 0 ? base : `${base}-${ordinal}`,
      });
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
