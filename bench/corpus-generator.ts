import {
  AGENCIES,
  CAPITAL,
  CITIES,
  COUNTRIES,
  CYRILLIC_SENTENCES,
  DAYS,
  EU_CITIES,
  FRONT_TOWNS,
  HEADLINES,
  LEADS,
  MONTHS,
  PEOPLE,
  PHOTO_AGENCIES,
  QUOTE_TEMPLATES,
  QUOTES,
  REGIONS,
  RESIDUE,
  TOPICS,
  type Camp,
  type Person,
  type Place,
  type Topic,
} from './corpus-phrases.js';
import { deriveSeed, mulberry32, type Random } from '../tests/helpers/random.js';

/** How many slips of each kind were put into an article (or a corpus), to compare with what the checks find. */
export interface SlipCounts {
  /** Mentions written in a Russian-based spelling ("Kharkov"). */
  russianPlaceNames: number;
  /** Articles in which one person's surname appears in two spellings. */
  splitNames: number;
  /** Numbers written with European separators ("700.000", "99,5"). */
  europeanNumbers: number;
  /** Counter, caption, disclaimer and "Bonus video:" lines. */
  residueLines: number;
  repeatedParagraphs: number;
  /** Paragraphs left in Russian or Ukrainian. */
  cyrillicParagraphs: number;
  /** Double spaces, spaces before commas, doubled words, unbalanced quotation marks. */
  typography: number;
}

export interface GeneratedArticle {
  text: string;
  slips: SlipCounts;
}

/** The seed both benchmarks generate their articles from unless told otherwise. */
export const DEFAULT_SEED = 20250423;

export interface CorpusOptions {
  seed: number;
  articles: number;
  /** Mean article length in characters; lengths vary ±25 % around it. */
  meanLength: number;
}

/**
 * Rates of slips, chosen to resemble a day of AI-translated wire copy: most articles are
 * clean, a minority carry a translator's habit (Russian-based spellings, European numbers)
 * throughout, and scraping residue is common.
 */
const RATES = {
  russifiedArticle: 0.2,
  russianSpellingInRussifiedArticle: 0.6,
  russianSpellingElsewhere: 0.01,
  splitNameArticle: 0.25,
  variantSpellingOfSplitName: 0.4,
  europeanNumberArticle: 0.2,
  europeanNumberInSuchArticle: 0.5,
  europeanNumberElsewhere: 0.005,
  curlyQuotesArticle: 0.3,
  residueHeader: 0.6,
  inlineResidueBeforeParagraph: 0.03,
  residueFooter: 0.25,
  repeatedParagraph: 0.12,
  cyrillicParagraph: 0.06,
  /** Per paragraph and per kind of typography slip. */
  typographySlip: 0.02,
  quoteParagraph: 0.15,
} as const;

const HALF_PARAGRAPH = 240;
const ALLOWED_DOUBLED_WORDS = new Set(['had', 'that']);
const SLOT = /\{([A-Za-z]+)(?::([\d.]+)-([\d.]+))?\}/g;
const CAMPS: readonly Camp[] = ['UA', 'RU', 'US', 'EU'];
const TOPIC_NAMES = Object.keys(TOPICS) as Topic[];
const ALL_TEMPLATES = TOPIC_NAMES.flatMap((t) => TOPICS[t]);

export function emptySlipCounts(): SlipCounts {
  return {
    russianPlaceNames: 0,
    splitNames: 0,
    europeanNumbers: 0,
    residueLines: 0,
    repeatedParagraphs: 0,
    cyrillicParagraphs: 0,
    typography: 0,
  };
}

export function addSlipCounts(total: SlipCounts, more: SlipCounts): SlipCounts {
  for (const key of Object.keys(total) as (keyof SlipCounts)[]) total[key] += more[key];
  return total;
}

/** A deterministic corpus: article `i` depends only on `seed` and `i`. */
export function generateCorpus(options: CorpusOptions): GeneratedArticle[] {
  return Array.from({ length: options.articles }, (_, i) => generateArticle(deriveSeed(options.seed, i), options.meanLength));
}

export function generateArticle(seed: number, meanLength: number): GeneratedArticle {
  return new ArticleWriter(mulberry32(seed), meanLength).write();
}

interface Block {
  text: string;
  /** Prose can be repeated or carry typography slips; residue and foreign passages are left alone. */
  prose: boolean;
}

class ArticleWriter {
  private readonly slips = emptySlipCounts();
  private readonly cast: Record<Camp, Person[]>;
  private readonly introduced = new Set<Person>();
  private readonly splitPerson: Person | undefined;
  private readonly splitSpellings = { usual: 0, variant: 0 };
  private readonly russianSpellingRate: number;
  private readonly europeanNumberRate: number;
  private readonly curlyQuotes: boolean;
  private readonly cities: Place[];
  private readonly fronts: Place[];
  private readonly regions: Place[];
  private readonly topics: Topic[];
  private templates: string[] = [];
  private topicTemplatesDrawn = false;
  private readonly targetLength: number;

  constructor(
    private readonly random: Random,
    meanLength: number,
  ) {
    const r = random;
    // The last paragraph overshoots the target by half a paragraph on average.
    this.targetLength = Math.round(meanLength * (0.75 + 0.5 * r.next())) - HALF_PARAGRAPH;
    this.russianSpellingRate = r.chance(RATES.russifiedArticle) ? RATES.russianSpellingInRussifiedArticle : RATES.russianSpellingElsewhere;
    this.europeanNumberRate = r.chance(RATES.europeanNumberArticle) ? RATES.europeanNumberInSuchArticle : RATES.europeanNumberElsewhere;
    this.curlyQuotes = r.chance(RATES.curlyQuotesArticle);
    this.cast = Object.fromEntries(CAMPS.map((camp) => [camp, r.shuffled(PEOPLE.filter((p) => p.camp === camp)).slice(0, 2)])) as Record<Camp, Person[]>;
    const spellable = CAMPS.flatMap((c) => this.cast[c]).filter((p) => p.variants.length > 0);
    this.splitPerson = spellable.length > 0 && r.chance(RATES.splitNameArticle) ? r.pick(spellable) : undefined;
    this.cities = r.shuffled(CITIES).slice(0, 3);
    this.fronts = r.shuffled(FRONT_TOWNS).slice(0, 2);
    this.regions = r.shuffled(REGIONS).slice(0, 2);
    this.topics = r.shuffled(TOPIC_NAMES).slice(0, r.int(2, 3));
  }

  write(): GeneratedArticle {
    const r = this.random;
    const headline = this.render(r.pick(HEADLINES), false);
    const blocks: Block[] = [{ text: this.render(r.pick(LEADS), true), prose: true }];
    if (r.chance(RATES.residueHeader)) blocks.push({ text: this.residueHeader(), prose: false });
    let length = headline.length + blocks.reduce((sum, b) => sum + b.text.length + 2, 0);
    while (length < this.targetLength) {
      if (r.chance(RATES.inlineResidueBeforeParagraph)) blocks.push(this.residueLine(r.pick(RESIDUE.inline)));
      const text = this.paragraph();
      blocks.push({ text, prose: true });
      length += text.length + 2;
    }
    for (const block of blocks) if (block.prose) block.text = this.typographySlips(this.quotes(block.text));
    if (r.chance(RATES.cyrillicParagraph)) this.insertCyrillicParagraph(blocks);
    if (r.chance(RATES.repeatedParagraph)) this.repeatParagraph(blocks);
    if (r.chance(RATES.residueFooter)) blocks.push(this.residueLine(r.pick(RESIDUE.inline)));
    if (this.splitSpellings.usual > 0 && this.splitSpellings.variant > 0) this.slips.splitNames = 1;
    return { text: `${this.quotes(headline)}\n\n${blocks.map((b) => b.text).join('\n\n')}\n`, slips: this.slips };
  }

  private paragraph(): string {
    const r = this.random;
    if (r.chance(RATES.quoteParagraph)) return this.render(r.pick(QUOTE_TEMPLATES), true);
    const sentences: string[] = [];
    for (let n = r.int(1, 4); n > 0; n--) sentences.push(this.render(this.nextTemplate(), true));
    return sentences.join(' ');
  }

  /** Draws the article's topics' templates in random order, then the other topics' ones; never one twice. */
  private nextTemplate(): string {
    if (this.templates.length === 0) {
      const own = this.topics.flatMap((t) => TOPICS[t]);
      const pool = this.topicTemplatesDrawn ? ALL_TEMPLATES.filter((t) => !own.includes(t)) : own;
      this.templates = this.random.shuffled(pool);
      this.topicTemplatesDrawn = true;
    }
    const template = this.templates.pop();
    if (template === undefined) throw new Error('Ran out of sentence templates; lower the mean article length.');
    return template;
  }

  private residueHeader(): string {
    const r = this.random;
    const lines: string[] = [];
    if (r.chance(0.8)) lines.push(this.render(r.pick(RESIDUE.counter), false));
    if (r.chance(0.7)) {
      const caption = this.render(r.pick(RESIDUE.caption), false);
      lines.push(caption);
      // Scrapers often pick up both the image's alt text and its visible caption.
      if (r.chance(0.4)) lines.push(caption);
    }
    if (r.chance(0.35)) lines.push(r.pick(RESIDUE.disclaimer));
    if (lines.length === 0) lines.push(r.pick(RESIDUE.disclaimer));
    this.slips.residueLines += lines.length;
    return lines.join('\n');
  }

  private residueLine(template: string): Block {
    this.slips.residueLines++;
    return { text: this.render(template, false), prose: false };
  }

  private insertCyrillicParagraph(blocks: Block[]): void {
    const r = this.random;
    const sentences = r.shuffled(r.chance(0.5) ? CYRILLIC_SENTENCES.ru : CYRILLIC_SENTENCES.uk).slice(0, r.int(2, 3));
    blocks.splice(r.int(2, blocks.length), 0, { text: sentences.join(' '), prose: false });
    this.slips.cyrillicParagraphs++;
  }

  private repeatParagraph(blocks: Block[]): void {
    const r = this.random;
    const prose = blocks.map((b, i) => (b.prose ? i : -1)).filter((i) => i >= 0);
    const from = r.pick(prose.slice(0, -1).length > 0 ? prose.slice(0, -1) : prose);
    // Repeated right away (a copy-paste slip) or a few paragraphs later (a scraped "read more" teaser).
    const to = Math.min(blocks.length, from + (r.chance(0.5) ? 1 : r.int(2, 6)));
    blocks.splice(to, 0, { ...blocks[from]! });
    this.slips.repeatedParagraphs++;
  }

  private render(template: string, introduce: boolean): string {
    const quotes: string[] = [];
    const text = template.replace(SLOT, (_whole, slot: string, min?: string, max?: string) =>
      this.fill(slot, Number(min), Number(max), introduce, quotes),
    );
    const first = text[0];
    return first && first !== first.toUpperCase() ? first.toUpperCase() + text.slice(1) : text;
  }

  private fill(slot: string, min: number, max: number, introduce: boolean, quotes: string[]): string {
    const r = this.random;
    switch (slot) {
      case 'UA':
      case 'RU':
      case 'US':
      case 'EU':
        return this.mention(slot, introduce);
      case 'ANY':
        return this.mention(r.pick(CAMPS), introduce);
      case 'PERSON': {
        const person = r.pick(this.cast[r.pick(CAMPS)]);
        return `${person.first} ${this.spell(person)}`;
      }
      case 'Kyiv':
        return this.place(CAPITAL);
      case 'city':
        return this.place(r.pick(this.cities));
      case 'front':
        return this.place(r.pick(this.fronts));
      case 'region':
        return this.place(r.pick(this.regions));
      case 'euCity':
        return r.pick(EU_CITIES);
      case 'country':
        return r.pick(COUNTRIES);
      case 'agency':
        return r.pick(AGENCIES);
      case 'photo':
        return r.pick(PHOTO_AGENCIES);
      case 'day':
        return r.pick(DAYS);
      case 'month':
        return r.pick(MONTHS);
      case 'year':
        return String(r.int(2022, 2025));
      case 'n':
        return String(r.int(min, max));
      case 'int':
        return this.integer(r.int(min, max));
      case 'k':
        return this.integer(r.int(min, max) * 1000);
      case 'dec':
        return this.decimal(min + r.next() * (max - min));
      case 'money':
        return this.money();
      case 'Q': {
        // Two quotations in one sentence must differ.
        const quote = r.pick(QUOTES.filter((q) => !quotes.includes(q)));
        quotes.push(quote);
        return quote;
      }
      case 'HEADLINE':
        return this.render(r.pick(HEADLINES), false);
      default:
        throw new Error(`Unknown template slot {${slot}}.`);
    }
  }

  /** Title and full name on first mention in the text, surname afterwards; headlines use surnames. */
  private mention(camp: Camp, introduce: boolean): string {
    const r = this.random;
    const people = this.cast[camp];
    // The person spelled two ways must come up often enough for both spellings to appear.
    const person = this.splitPerson?.camp === camp && r.chance(0.6) ? this.splitPerson : r.pick(people);
    const surname = this.spell(person);
    if (!introduce || this.introduced.has(person)) return surname;
    this.introduced.add(person);
    return `${person.title} ${person.first} ${surname}`;
  }

  private spell(person: Person): string {
    if (person !== this.splitPerson) return person.surname;
    if (this.random.chance(RATES.variantSpellingOfSplitName)) {
      this.splitSpellings.variant++;
      return this.random.pick(person.variants);
    }
    this.splitSpellings.usual++;
    return person.surname;
  }

  private place(place: Place): string {
    if (place.russian && this.random.chance(this.russianSpellingRate)) {
      this.slips.russianPlaceNames++;
      return place.russian;
    }
    return place.name;
  }

  private europeanNumber(): boolean {
    const slip = this.random.chance(this.europeanNumberRate);
    if (slip) this.slips.europeanNumbers++;
    return slip;
  }

  private integer(n: number): string {
    if (n < 1000) return String(n);
    const grouped = String(n).replace(/\B(?=(\d{3})+$)/g, ',');
    return this.europeanNumber() ? grouped.replaceAll(',', '.') : grouped;
  }

  private decimal(x: number): string {
    const fixed = x.toFixed(1);
    return this.europeanNumber() ? fixed.replace('.', ',') : fixed;
  }

  private money(): string {
    const r = this.random;
    switch (r.int(0, 3)) {
      case 0:
        return `$${this.decimal(0.5 + r.next() * 9)} billion`;
      case 1:
        return `€${r.int(100, 950)} million`;
      case 2:
        return `${this.decimal(1.1 + r.next() * 48)} billion euros`;
      default:
        return `$${this.integer(r.int(120, 900) * 1_000_000)}`;
    }
  }

  /** Turns straight quotation marks and apostrophes typographic in articles whose translator does so. */
  private quotes(text: string): string {
    if (!this.curlyQuotes) return text;
    let open = false;
    return text.replace(/["']/g, (mark) => {
      if (mark === "'") return '’';
      open = !open;
      return open ? '“' : '”';
    });
  }

  private typographySlips(text: string): string {
    const r = this.random;
    let result = text;
    const slip = (changed: string): void => {
      if (changed !== result) this.slips.typography++;
      result = changed;
    };
    if (r.chance(RATES.typographySlip)) slip(replaceNth(result, / (?=\S)/g, r, '  '));
    if (r.chance(RATES.typographySlip)) slip(replaceNth(result, /,(?= )/g, r, ' ,'));
    if (r.chance(RATES.typographySlip)) {
      slip(replaceNth(result, /\b[a-z]{3,}\b/g, r, (word) => (ALLOWED_DOUBLED_WORDS.has(word) ? word : `${word} ${word}`)));
    }
    if (r.chance(RATES.typographySlip)) {
      const close = result.lastIndexOf(this.curlyQuotes ? '”' : '"');
      if (close > 0) slip(result.slice(0, close) + result.slice(close + 1));
    }
    return result;
  }
}

/** Replaces one randomly chosen match of a global regex. */
function replaceNth(text: string, regex: RegExp, r: Random, replacement: string | ((match: string) => string)): string {
  const matches = [...text.matchAll(regex)];
  if (matches.length === 0) return text;
  const m = r.pick(matches);
  const by = typeof replacement === 'string' ? replacement : replacement(m[0]);
  return text.slice(0, m.index) + by + text.slice(m.index + m[0].length);
}
