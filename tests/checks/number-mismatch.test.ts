import { describe, expect, it } from 'vitest';
import { numberMismatch } from '../../src/checks/number-mismatch.js';
import { analyse } from '../../src/text/analyse.js';
import { findingsOf, testCheck, testReference } from '../helpers/check-tester.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

testCheck(numberMismatch, {
  valid: [
    { name: 'no source: nothing to compare', text: 'The city has 700,000 residents and lost 12 buses.' },
    { name: 'space-grouped thousands', source: { text: 'У місті живе 700 000 людей.', lang: 'uk' }, text: 'The city is home to 700,000 people.' },
    { name: 'dot-grouped thousands', source: { text: 'Grad ima 700.000 stanovnika.', lang: 'hr' }, text: 'The city has 700,000 inhabitants.' },
    { name: 'a scale word kept', source: { text: 'Фонд собрал 1,5 млн гривен.', lang: 'ru' }, text: 'The fund raised 1.5 million hryvnias.' },
    { name: 'a scale word written out', source: { text: 'Фонд собрал 1,5 млн гривен.', lang: 'ru' }, text: 'The fund raised 1,500,000 hryvnias.' },
    { name: 'thousands as a word', source: { text: 'Пенсионерка потеряла 600 тысяч рублей.', lang: 'ru' }, text: 'The pensioner lost 600,000 rubles.' },
    { name: 'a number spelled out', source: { text: 'Cijene su porasle 10 posto.', lang: 'hr' }, text: 'Prices rose by ten percent.' },
    { name: 'a small number spelled out', source: { text: 'Збито 2 дрони над Києвом.', lang: 'uk' }, text: 'Two drones were shot down over Kyiv.' },
    { name: 'days and a year', source: { text: 'За перші 100 днів 2025 року уряд ухвалив план.', lang: 'uk' }, text: 'In the first 100 days of 2025 the government adopted a plan.' },
    { name: 'a date with the month spelled out', source: { text: 'Угода підписана 12.03.2024 у Женеві.', lang: 'uk' }, text: 'The agreement was signed in Geneva on March 12, 2024.' },
    { name: 'a 24-hour time as p.m.', source: { text: 'Тревога началась в 14:30.', lang: 'ru' }, text: 'The alert began at 2:30 p.m.' },
    { name: 'a decade', source: { text: 'Завод построили в 90-х годах.', lang: 'ru' }, text: 'The plant was built in the 1990s.' },
    { name: 'a German decimal comma', source: { text: 'Die Wahlbeteiligung lag bei 61,4 Prozent.', lang: 'de' }, text: 'Turnout was 61.4 percent.' },
    { name: 'a list counter may become a bullet', source: { text: '1) Перемирие на 30 дней.', lang: 'ru' }, text: '• A 30-day ceasefire.' },
    { name: 'numbers in a URL are not compared', source: { text: 'Подробности на сайте news.example.ua/item/77123.', lang: 'ru' }, text: 'Details are on the website.' },
    { name: 'an ordinal', source: { text: 'Засідання відбулося 23-го разу.', lang: 'uk' }, text: 'The meeting was held for the 23rd time.' },
    {
      name: 'passages compared one to one',
      source: { text: 'Загинули 5 людей.\nПоранено 12 осіб.', lang: 'uk' },
      text: 'Five people were killed.\nTwelve were wounded.',
    },
  ],
  invalid: [
    {
      name: 'a dropped number flags the target sentence',
      source: { text: 'Zaporižja, industrijski centar od 700.000 stanovnika, često je na udaru.', lang: 'hr' },
      text: 'Zaporizhzhia, an industrial center, is often attacked.',
      findings: [
        {
          text: 'Zaporizhzhia, an industrial center, is often attacked.',
          message: 'The original has 700.000 (700000) here; the translation does not.',
          fix: null,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'a changed number with one candidate gets a suggestion',
      source: { text: 'Унаслідок удару загинули 12 людей.', lang: 'uk' },
      text: 'The strike killed 21 people.',
      findings: [{ text: '21', message: 'The original has 12 here; the translation has 21.', fix: null, suggestions: ['12'] }],
    },
    {
      name: 'a changed number before a scale word',
      source: { text: 'Фонд собрал 1,5 млн гривен.', lang: 'ru' },
      text: 'The fund raised 2.5 million hryvnias.',
      findings: [{ text: '2.5', message: 'The original has 1,5 млн (1500000) here; the translation has 2.5 million.', suggestions: ['1.5'] }],
    },
    {
      name: 'a lost order of magnitude',
      source: { text: 'Місто має 700 000 мешканців.', lang: 'uk' },
      text: 'The city has 70,000 residents.',
      findings: [{ text: '70,000', suggestions: ['700,000'] }],
    },
    {
      name: 'the sentence of the same index when sentence counts match',
      source: { text: 'Переговори тривали всю ніч. Сторони обмінялися 48 полоненими.', lang: 'uk' },
      text: 'The talks lasted all night. The sides exchanged prisoners.',
      findings: [{ text: 'The sides exchanged prisoners.', message: /The original has 48 here/ }],
    },
    {
      name: 'a far-off number is not taken for the changed one',
      source: { text: 'Загинули 12 людей.', lang: 'uk' },
      text: 'In 2022, many people died.',
      findings: [{ text: 'In 2022, many people died.', message: /The original has 12 here; the translation does not\./ }],
    },
    {
      name: 'a dozen is not twelve',
      source: { text: 'Evakuirano je 12 obitelji.', lang: 'hr' },
      text: 'A dozen families were evacuated.',
      findings: [{ text: 'A dozen families were evacuated.' }],
    },
    {
      name: 'several changed numbers get no suggestion',
      source: { text: 'Ранены 14 человек, среди них 3 ребенка.', lang: 'ru' },
      text: 'Fifteen people were injured, including 4 children and 41 adults.',
      findings: [
        { text: '4', message: 'The original has 3 here; the translation has 4.' },
        { text: '41', message: 'The original has 14 here; the translation has 41.' },
      ],
    },
    {
      name: 'a German source',
      source: { text: 'Die Stadt erhielt 1,5 Millionen Euro.', lang: 'de' },
      text: 'The city received 1.7 million euros.',
      findings: [{ text: '1.7', suggestions: ['1.5'] }],
    },
    {
      name: 'a changed percentage',
      source: { text: 'Cijene su porasle 10 posto.', lang: 'hr' },
      text: 'Prices rose by 20 percent.',
      findings: [{ text: '20', suggestions: ['10'] }],
    },
    {
      name: 'a changed day of a date',
      source: { text: 'Угода підписана 12.03.2024.', lang: 'uk' },
      text: 'The agreement was signed on March 13, 2024.',
      findings: [{ text: '13', message: 'The original has 12.03.2024 (12) here; the translation has 13.', suggestions: ['12'] }],
    },
    {
      name: 'only the aligned passage is searched',
      source: { text: 'Обстріл тривав 3 години.\nЗагинули 7 людей.', lang: 'uk' },
      text: 'The shelling lasted 3 hours and killed 7 people.\nSeveral people were killed.',
      findings: [{ text: 'Several people were killed.', message: /The original has 7 here/ }],
    },
    {
      name: 'a dropped year in a longer passage',
      source: { text: 'Путін оголосив анексію у вересні 2022 року. Росія досі не контролює ці регіони.', lang: 'uk' },
      text: 'Putin announced the annexation in September. Russia still does not control the regions.',
      findings: [{ text: 'Putin announced the annexation in September.', message: /2022/ }],
    },
  ],
});

describe('number-mismatch issue types', () => {
  it('calls a dropped number an omission and a changed one a number error', () => {
    const dropped = findingsOf(numberMismatch, { source: { text: 'Загинули 12 людей.', lang: 'uk' }, text: 'People died.' });
    const changed = findingsOf(numberMismatch, { source: { text: 'Загинули 12 людей.', lang: 'uk' }, text: '21 people died.' });
    expect(dropped.map((f) => f.itsType)).toEqual(['omission']);
    expect(changed.map((f) => f.itsType)).toEqual(['numbers']);
  });
});

describe('number-mismatch on a long table of numbers', () => {
  it('grows near-linearly with the numbers dropped, changed and repeated', () => {
    // One paragraph each side, a sentence a number, each number twice in the original; the
    // translation changes every third number and drops the others.
    const articleOf = (count: number) => {
      const valueOf = (i: number) => 1000 + 7 * (i >> 1);
      const source = Array.from({ length: count }, (_, i) => `Сьогодні зафіксовано ${valueOf(i)} випадків.`).join(' ');
      const text = Array.from({ length: count }, (_, i) => (i % 3 === 0 ? `Today ${valueOf(i) + 3} cases were recorded.` : 'Today several cases were recorded.')).join(' ');
      return analyse({ text, source: { text: source, lang: 'uk' } }, testReference());
    };
    const reports = numberMismatch.run(articleOf(30));
    // Fifteen numbers, ten of them changed.
    expect(reports.filter((r) => r.itsType === 'omission').length).toBe(5);
    expect(reports.length).toBe(15);
    expect(growthOf(500, articleOf, (article) => numberMismatch.run(article))).toBeLessThan(GROWTH_LIMIT);
  });
});
