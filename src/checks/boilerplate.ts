import type { BoilerplateRule } from '../reference/boilerplate.js';
import { passageDeletions } from '../text/passage-deletions.js';
import type { Passage } from '../text/segment.js';
import type { Check, Report, Severity } from './types.js';

// A label with nothing after it ("Read also:"), whose links follow on the next lines.
const BARE_LABEL = /(?:[:：»>—–-]|\.{3}|…)$/u;
const LIST_BULLET = /^[-–—•*·»>▪►]\s*\S/u;
// A link title under a label: short and without the full stop a sentence of article text ends with.
const MAX_LINK_WORDS = 20;
const SENTENCE_END = /[.:;,]["”’»)]*$/u;

interface Residue {
  passage: Passage;
  message: string;
  severity?: Severity;
}

/**
 * Scraping residue, recognised by the patterns in `article.reference.boilerplate`. A pattern
 * marked `onlyRepeats` (photo credits) flags only the second and later copies of a line: a
 * single credit may be a legitimate part of the article.
 */
export const boilerplate: Check = {
  id: 'boilerplate',
  description: 'Lines left over from the web page the article was scraped from: counters, "Read also" links, share prompts, repeated captions, translation disclaimers.',
  // A line a residue pattern matches is never article text; the links under a label are told by their shape alone, so they are warnings.
  defaultSeverity: 'error',
  itsType: 'other',
  category: 'boilerplate',
  run(article) {
    const rules = article.reference.boilerplate;
    if (rules.length === 0) return [];
    const residues: Residue[] = [];
    const firstCopies = new Map<string, Passage>();
    const { passages } = article;
    for (let i = 0; i < passages.length; i++) {
      const passage = passages[i]!;
      const rule = ruleFor(rules, passage.text);
      if (!rule) continue;
      if (rule.onlyRepeats) {
        const key = `${rule.id}\u0000${passage.text.replace(/\s+/g, ' ').toLowerCase()}`;
        const first = firstCopies.get(key);
        if (!first) {
          firstCopies.set(key, passage);
          continue;
        }
        residues.push({ passage, message: `${rule.description} The same line is paragraph ${first.index + 1}.` });
        continue;
      }
      residues.push({ passage, message: rule.description });
      if (rule.takesList && BARE_LABEL.test(passage.text)) {
        for (const item of listUnder(article.text, passages, passage, rules)) {
          residues.push({ passage: item, message: `A link listed under “${passage.text}” (paragraph ${passage.index + 1}), not article text.`, severity: 'warning' });
          i = item.index;
        }
      }
    }
    const deletions = passageDeletions(article.text, passages, residues.map((r) => r.passage.index));
    return residues.map(({ passage, message, severity }): Report => {
      const range = deletions.get(passage.index)!;
      const report: Report = { start: passage.start, end: passage.end, message, fix: { ...range, text: '' } };
      if (severity) report.severity = severity;
      return report;
    });
  },
};

function ruleFor(rules: readonly BoilerplateRule[], line: string): BoilerplateRule | undefined {
  for (const rule of rules) if (rule.regex.test(line)) return rule;
  return undefined;
}

/**
 * The link lines right under a label: no blank line between, each a bullet or a short title.
 * A line that is residue of its own kind ends the list and is reported as what it is.
 */
function listUnder(text: string, passages: readonly Passage[], label: Passage, rules: readonly BoilerplateRule[]): Passage[] {
  const items: Passage[] = [];
  for (let previous = label, next = passages[label.index + 1]; next; previous = next, next = passages[next.index + 1]) {
    const adjacent = text.indexOf('\n', previous.end) === text.lastIndexOf('\n', next.start);
    const linkLike = LIST_BULLET.test(next.text) || (next.tokens.length <= MAX_LINK_WORDS && !SENTENCE_END.test(next.text));
    if (!adjacent || !linkLike || ruleFor(rules, next.text)) break;
    items.push(next);
  }
  return items;
}
