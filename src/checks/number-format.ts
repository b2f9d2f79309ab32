import { findNumbers, numberConventions, numberToWords, type DecimalMark, type NumberConventions, type NumberToken } from '../text/numbers.js';
import type { Check, Report } from './types.js';

/**
 * How a number stands to the article's convention:
 * - `target` / `foreign`: it can be read only one way ("1,250,000" / "1.250.000" in English);
 *   or a single mark before exactly three digits, read as thousands where the article's own
 *   convention reads it so ("2,000", "23,330") or where the digits end in "00" ("700.000"),
 *   as news copy writes no decimal that way;
 * - `decimal-or-thousands`: the article's decimal mark before three digits ("4.125" in English),
 *   a decimal or thousands grouped the other way;
 * - `neutral`: no mark that tells (plain integers, space groups) or not a quantity.
 */
type Style = 'target' | 'foreign' | 'decimal-or-thousands' | 'neutral';

const otherMark = (mark: DecimalMark): DecimalMark => (mark === '.' ? ',' : '.');

function styleOf(token: NumberToken, conventions: NumberConventions): Style {
  if (token.kind !== 'quantity') return 'neutral';
  const own = token.readings[conventions.decimal];
  const other = token.readings[otherMark(conventions.decimal)];
  if (own === other) return 'neutral';
  if (other === undefined) return 'target';
  if (own === undefined) return 'foreign';
  // Both readings exist only for one dot or comma before exactly three digits.
  if (token.separators[0] !== conventions.decimal) return 'target';
  return token.runs[1]!.endsWith('00') ? 'foreign' : 'decimal-or-thousands';
}

/** The number written the target way, reading it with `decimal` as its decimal mark. */
function rewrite(token: NumberToken, decimal: DecimalMark, conventions: NumberConventions): string {
  const last = token.separators.length - 1;
  return token.runs
    .map((run, i) => (i === 0 ? run : (i - 1 === last && token.separators[last] === decimal ? conventions.decimal : conventions.group) + run))
    .join('');
}

const SEPARATOR_NAMES: Record<string, [one: string, many: string]> = {
  '.': ['a dot', 'dots'],
  ',': ['a comma', 'commas'],
  "'": ['an apostrophe', 'apostrophes'],
  '’': ['an apostrophe', 'apostrophes'],
};
const DECIMAL_NAMES: Record<DecimalMark, string> = { '.': 'a decimal point', ',': 'a decimal comma' };

/** What the marks of a number do when `decimal` is its decimal mark: "groups thousands with a dot and has a decimal comma". */
function describeMarks(token: NumberToken, decimal: DecimalMark): string {
  const hasDecimal = token.separators[token.separators.length - 1] === decimal;
  const groups = token.separators.length - (hasDecimal ? 1 : 0);
  const [one, many] = SEPARATOR_NAMES[token.separators[0]!] ?? ['a space', 'spaces'];
  const parts = [groups ? `groups thousands with ${groups > 1 ? many : one}` : '', hasDecimal ? `has ${DECIMAL_NAMES[decimal]}` : ''];
  return parts.filter(Boolean).join(' and ');
}

export const numberFormat: Check = {
  id: 'number-format',
  description: "Numbers written in another locale's convention than the article's language: \"700.000\" or \"99,5 percent\" in English.",
  defaultSeverity: 'warning',
  itsType: 'numbers',
  category: 'number',
  run(article) {
    const conventions = numberConventions(article.lang);
    const foreignDecimal = otherMark(conventions.decimal);
    const language = conventions.languageName;
    const styled = article.passages.flatMap((p) => findNumbers(p.text, p.start, article.lang)).map((token) => ({ token, style: styleOf(token, conventions) }));
    const targetExample = styled.find((s) => s.style === 'target')?.token.text;
    const foreignExample = styled.find((s) => s.style === 'foreign')?.token.text;
    const targetCount = styled.filter((s) => s.style === 'target').length;
    const foreignCount = styled.filter((s) => s.style === 'foreign').length;
    // The article evidently follows a convention when several of its telling numbers, and most, read that way;
    // one number is no evidence, and fixing it must not change how the others are judged.
    const leansForeign = foreignCount >= 2 && foreignCount > targetCount;
    const leansTarget = targetCount >= 2 && foreignCount === 0;

    const reports: Report[] = [];
    for (const { token, style } of styled) {
      if (style === 'neutral' || style === 'target') continue;
      const { start, end, text } = token;
      // The number as the other convention reads it, written the article's way.
      const foreignWay = rewrite(token, foreignDecimal, conventions);
      if (style === 'foreign') {
        const mixed = targetExample ? ` The article mixes both conventions: compare "${targetExample}".` : '';
        reports.push({
          start,
          end,
          message: `"${text}" ${describeMarks(token, foreignDecimal)}; in ${language} write ${foreignWay}.${mixed}`,
          fix: { start, end, text: foreignWay },
          // Only the other convention reads it at all: certain.
          severity: 'error',
        });
      } else if (style === 'decimal-or-thousands' && leansForeign) {
        reports.push({
          start,
          end,
          message: `"${text}" probably ${describeMarks(token, foreignDecimal)}, as other numbers in this article do ("${foreignExample}"); in ${language} write ${foreignWay}.`,
          fix: { start, end, text: foreignWay },
        });
      } else if (style === 'decimal-or-thousands' && !leansTarget) {
        const thousands = token.readings[foreignDecimal]!;
        reports.push({
          start,
          end,
          message: `In ${language} "${text}" is a decimal (${numberToWords(token.readings[conventions.decimal]!)}); if it means ${numberToWords(thousands)}, write ${foreignWay}. Check the original.`,
          suggestions: [{ label: `Use "${foreignWay}" if it means ${numberToWords(thousands)}`, edit: { start, end, text: foreignWay } }],
        });
      }
    }
    return reports;
  },
};
