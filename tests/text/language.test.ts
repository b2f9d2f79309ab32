import { describe, expect, it } from 'vitest';
import {
  commonWordsOf,
  describeLanguages,
  detectLanguage,
  identifyLanguage,
  judgeableLetters,
  languageName,
  linkSpans,
  PLAUSIBLE_LANGUAGES,
  plainlyIn,
  plainlyInTokens,
  primaryLanguage,
  toBcp47,
  toIso6393,
  WordList,
  wordsIn,
  wordsOf,
} from '../../src/text/language.js';
import { segment, tokenize } from '../../src/text/segment.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const RUSSIAN =
  'Власти области сообщили, что ночью беспилотники атаковали нефтебазу, пожар удалось потушить только к утру. ' +
  'Пострадавших нет, однако жителей соседних улиц временно эвакуировали.';
const UKRAINIAN =
  'Голова обласної адміністрації повідомив, що вночі безпілотники атакували нафтобазу, пожежу вдалося загасити лише вранці. ' +
  'Постраждалих немає, проте мешканців сусідніх вулиць тимчасово евакуювали.';
const ENGLISH =
  'Regional officials said drones struck a fuel depot overnight and the fire was only put out in the morning. ' +
  'Nobody was hurt, but residents of nearby streets were briefly evacuated.';
const GERMAN =
  'Die Behörden der Region teilten mit, dass in der Nacht Drohnen ein Treibstofflager getroffen hätten. ' +
  'Verletzt wurde niemand, die Anwohner der umliegenden Straßen wurden aber vorübergehend in Sicherheit gebracht.';
const FRENCH =
  'Les autorités régionales ont indiqué que des drones avaient frappé un dépôt de carburant pendant la nuit, ' +
  'sans faire de blessés, mais les habitants des rues voisines ont été évacués pour quelques heures.';

describe('detectLanguage', () => {
  it.each([
    ['ru', RUSSIAN],
    ['uk', UKRAINIAN],
    ['en', ENGLISH],
    ['de', GERMAN],
    ['fr', FRENCH],
  ])('tells %s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it('tells Russian from Ukrainian by their distinctive letters, despite a borrowed one', () => {
    expect(detectLanguage('На заседании выступил министр Ігор Клименко и рассказал о мерах безопасности, которые вводятся с понедельника.')).toBe('ru');
    expect(detectLanguage('Ми не віддамо жодного сантиметра нашої землі.')).toBe('uk');
  });

  it.each(['Привет', 'Bonus video:', 'Photo: Reuters', 'Donetsk, Luhansk, Kherson and Zaporizhzhia', '5142 views 9 comment(s)', ''])(
    'gives no verdict on a text too short to judge: %j',
    (text) => {
      expect(detectLanguage(text)).toBeUndefined();
    },
  );

  it('gives no verdict on short Cyrillic without distinctive letters', () => {
    expect(detectLanguage('Читайте также на нашем сайте')).toBeUndefined();
  });

  it('considers only the candidate languages', () => {
    const portuguese =
      'O governo português anunciou na quinta-feira um novo pacote de ajuda militar à Ucrânia, segundo um comunicado oficial do ministério.';
    expect(detectLanguage(portuguese)).not.toBe('pt');
    expect(detectLanguage(portuguese, { candidates: [...PLAUSIBLE_LANGUAGES, 'pt'] })).toBe('pt');
  });
});

describe('identifyLanguage', () => {
  it('names every Cyrillic candidate when only the script is known', () => {
    expect(identifyLanguage(wordsOf('Читайте также:'))).toEqual(['uk', 'ru', 'sr']);
  });

  it('gives the expected language the benefit of the doubt on name-heavy lines', () => {
    const line = 'Farmers in Odesa, Mykolaiv and Dnipropetrovsk oblasts expect record sunflower harvests despite drought.';
    expect(identifyLanguage(wordsOf(line), { expected: 'en' })).toEqual(['en']);
  });

  it('calls a sentence-long text foreign when it has none of the expected language’s commonest words', () => {
    const transliterated = 'Uchasnyky mityngu vymahaly zvilnennia polonenykh i povernennia dodomu vsikh zakhysnykiv.';
    expect(identifyLanguage(wordsOf(transliterated), { expected: 'en' })).not.toContain('en');
  });

  it('decides German in an English setting from its commonest words', () => {
    expect(identifyLanguage(wordsOf(GERMAN), { expected: 'en' })).toEqual(['de']);
  });

  it('asks franc only when there are at least `minLetters` letters to judge', () => {
    const headline = wordsOf('Draft peace plan leaves crucial territorial questions open');
    expect(identifyLanguage(headline, { expected: 'en', minLetters: 80 })).toEqual([]);
  });

  it('finds no language in a too-short text', () => {
    expect(identifyLanguage(wordsOf('Bonus video:'), { expected: 'en' })).toEqual([]);
  });

  it('reports near ties it cannot break', () => {
    const croatian = 'Pregovori o prekidu vatre nastavit će se sljedeći tjedan u Istanbulu, potvrdili su izvori bliski vladi.';
    expect(identifyLanguage(wordsOf(croatian))).toContain('hr');
  });
});

describe('plainlyIn', () => {
  it('settles ordinary paragraphs by their commonest words', () => {
    expect(plainlyIn(wordsOf(ENGLISH), 'en')).toBe(true);
    expect(plainlyIn(wordsOf(GERMAN), 'de')).toBe(true);
    expect(plainlyIn(wordsOf(GERMAN), 'en')).toBe(false);
    expect(plainlyIn(wordsOf(RUSSIAN), 'en')).toBe(false);
  });

  it('is false for a language without a word list', () => {
    expect(plainlyIn(wordsOf(FRENCH), 'fr')).toBe(false);
  });
});

describe('plainlyInTokens', () => {
  const english = commonWordsOf('en')!;
  const whole = (text: string) => ({ start: 0, end: text.length });

  it.each([
    ENGLISH,
    GERMAN,
    RUSSIAN,
    'Donetsk, Luhansk, Kherson and Zaporizhzhia',
    // One common word in four, then in five: either side of the share that settles a text.
    'the cat dog fish',
    'the cat dog fish bird',
    'Kyiv Odesa the cat dog fish',
    'cat dog fish the',
    'cat dog fish bird the',
    'See https://example.com/the/of/and/to or mail desk@example.org about 1.000 cases',
    '',
  ])('agrees with plainlyIn on the words of %j', (text) => {
    const tokens = tokenize(text);
    const links = linkSpans(text);
    expect(plainlyInTokens(tokens, whole(text), links, english)).toBe(plainlyIn(wordsIn(tokens, whole(text), links), 'en'));
  });

  it('looks only at the tokens inside the span', () => {
    const text = 'Bundeskanzler Merz sagte am Montag. The talks went on into the night and ended without a deal.';
    const tokens = tokenize(text);
    const firstSentence = { start: 0, end: text.indexOf('.') + 1 };
    expect(plainlyInTokens(tokens, firstSentence, [], english)).toBe(false);
    expect(plainlyInTokens(tokens, { start: firstSentence.end + 1, end: text.length }, [], english)).toBe(true);
  });
});

describe('WordList', () => {
  it('holds exactly the listed words', () => {
    const list = new WordList(['the', 'für', 'Über', 'allerdings']);
    for (const word of ['the', 'für', 'Über', 'allerdings']) expect(list.has(word)).toBe(true);
    for (const word of ['The', 'th', 'them', 'fur', 'über', 'allerding', 'allerdingsx', '']) expect(list.has(word)).toBe(false);
  });

  it('holds nothing when empty', () => {
    expect(new WordList([]).has('the')).toBe(false);
  });

  it('backs the commonest words of the languages that have a list', () => {
    expect(commonWordsOf('en-GB')?.has('According')).toBe(true);
    expect(commonWordsOf('de')?.has('über')).toBe(true);
    expect(commonWordsOf('fr')).toBeUndefined();
  });
});

describe('wordsOf, wordsIn and judgeableLetters', () => {
  it('leaves out URLs, e-mail addresses and numbers', () => {
    expect(wordsOf('See https://example.com/a/b or mail desk@example.org about 1.000 cases')).toEqual(['See', 'or', 'mail', 'about', 'cases']);
  });

  it('takes the words of tokens already made, inside a span and outside the spans to skip', () => {
    const text = 'See https://example.com/a/b or mail desk@example.org about 1.000 cases';
    const tokens = tokenize(text, 100);
    const all = { start: 100, end: 100 + text.length };
    expect(wordsIn(tokens, all, linkSpans(text, 100))).toEqual(wordsOf(text));
    expect(wordsIn(tokens, { start: 100 + text.indexOf('about'), end: all.end })).toEqual(['about', 'cases']);
  });

  it('finds links as spans', () => {
    expect(linkSpans('Read www.example.com now', 10)).toEqual([{ start: 15, end: 30 }]);
    expect(linkSpans('No links here')).toEqual([]);
  });

  it('counts only lowercase words of three letters or more', () => {
    expect(judgeableLetters(['Donetsk', 'and', 'of', 'Kherson', 'cities'])).toBe(9);
  });
});

describe('links and words on degenerate text', () => {
  it('finds links in time linear in a run of letters and dots without spaces', () => {
    // Each place in the run could start an e-mail address up to the "@" that ends it.
    const runOf = (length: number) => `${'a.'.repeat(length)}@ and desk@example.org`;
    expect(linkSpans(runOf(3))).toEqual([{ start: 12, end: 28 }]);
    expect(growthOf(3000, runOf, (text) => linkSpans(text))).toBeLessThan(GROWTH_LIMIT);
  });

  it('sets aside the links of a paragraph full of them in time linear in its sentences', () => {
    const english = commonWordsOf('en')!;
    // A sentence a link, each judged with all the paragraph's links to set aside.
    const paragraphOf = (count: number) => {
      const text = Array.from({ length: count }, (_, i) => `Details of the plan are on www.example${i}.org for now.`).join(' ');
      const [passage] = segment(text);
      return { passage: passage!, links: linkSpans(text) };
    };
    const judge = ({ passage, links }: ReturnType<typeof paragraphOf>) =>
      passage.sentences.map((sentence) => plainlyInTokens(passage.tokens, sentence, links, english) && wordsIn(passage.tokens, sentence, links).length);
    expect(judge(paragraphOf(2))).toEqual([8, 8]);
    expect(growthOf(300, paragraphOf, judge)).toBeLessThan(GROWTH_LIMIT);
  });
});

describe('language codes and names', () => {
  it('maps BCP 47 to ISO 639-3 and back', () => {
    expect(toIso6393('uk')).toBe('ukr');
    expect(toIso6393('en-GB')).toBe('eng');
    expect(toBcp47('rus')).toBe('ru');
    expect(toBcp47('xyz')).toBeUndefined();
  });

  it('takes the primary subtag', () => {
    expect(primaryLanguage('de-AT')).toBe('de');
    expect(primaryLanguage('sr_Latn')).toBe('sr');
    expect(primaryLanguage('EN')).toBe('en');
    expect(primaryLanguage('')).toBe('');
  });

  it('names languages in English', () => {
    expect(languageName('uk')).toBe('Ukrainian');
    expect(describeLanguages(['ru'])).toBe('Russian');
    expect(describeLanguages(['ru', 'uk'])).toBe('Russian or Ukrainian');
    expect(describeLanguages(['hr', 'sr', 'bs'])).toBe('Croatian, Serbian or Bosnian');
  });
});
