import { numberFormat } from '../../src/checks/number-format.js';
import { testCheck } from '../helpers/check-tester.js';

testCheck(numberFormat, {
  valid: [
    'The proposed buffer zone would run for 1,000 kilometers along the front.',
    'Inflation slowed to 3.14 percent and the key rate fell by 0.5 points.',
    'The patch arrives with iOS 17.4.1, and the v2.0 client follows next week.',
    'The summit is planned for 25.11.2026, with preparatory talks on 25.11. in Vienna.',
    'The first convoy left at 14.30 and the second at 16:45.',
    'Requests came from 192.168.1.1 and from 10.100.100.100, the logs show.',
    'Readers can call +385 1 234 5678 or order ISBN 978-3-16-148410-0.',
    'The full report is at https://example.com/reports/1.000 and at www.news.example.ua/700.000/.',
    'Elections were held in 2022, 2023 and 2024.',
    'The memorandum lists points 1,2,3 and a timetable.',
    'Negotiators agreed on points 1,2 and 3 of the draft.',
    'Some 2,000 soldiers and 1,250,000 civilians were affected.',
    { name: 'an ambiguous decimal in an article that writes numbers the English way', text: 'Mortgage rates rose to 4.125 percent from 3.5 percent while 2,000 new homes went unsold.' },
    { name: 'SI-style grouping with a no-break space', text: 'Around 700\u00a0000 people live in the region.' },
    'Section 3.2 of the agreement was left open.',
    { lang: 'de', text: 'Rund 700.000 Menschen leben in der Stadt, die Zustimmung lag bei 99,5 Prozent.' },
    { lang: 'de', text: 'Das Treffen beginnt am 25.11. um 14.30 Uhr in Wien.' },
    { lang: 'de', text: 'Die Version 2.1 für iOS 17.4.1 erschien am 3.10.2024.' },
    { lang: 'de', text: 'Im Jahr 2023 kamen 1.250.000 Besucher, 3,5 Prozent mehr als 2022.' },
    { lang: 'de', name: 'German: names with a version', text: 'Die Messe zu Industrie 4.0 und Web 2.0 beginnt am Montag.' },
  ],
  invalid: [
    {
      name: 'dot-grouped thousands before a hyphenated unit',
      text: 'Observers would patrol the entire 1.000-kilometer front line.',
      findings: [{ text: '1.000', fix: '1,000', message: /groups thousands with a dot; in English write 1,000\./ }],
      output: 'Observers would patrol the entire 1,000-kilometer front line.',
    },
    {
      text: 'Zaporizhzhia, an industrial city of 700.000, is shelled almost daily.',
      findings: [{ text: '700.000', fix: '700,000' }],
      output: 'Zaporizhzhia, an industrial city of 700,000, is shelled almost daily.',
    },
    {
      text: 'The region had 1.250.000 residents before the war.',
      findings: [{ text: '1.250.000', fix: '1,250,000', message: /groups thousands with dots/ }],
      output: 'The region had 1,250,000 residents before the war.',
    },
    {
      text: 'The ministry said the district was "99,5 percent" under its control.',
      findings: [{ text: '99,5', fix: '99.5', message: /has a decimal comma; in English write 99\.5\./ }],
      output: 'The ministry said the district was "99.5 percent" under its control.',
    },
    {
      text: 'The fund raised 1,5 million euros in a week.',
      findings: [{ text: '1,5', fix: '1.5' }],
      output: 'The fund raised 1.5 million euros in a week.',
    },
    {
      name: 'a decimal comma that does not continue a list',
      text: 'Prices rose by between 1,5 and 2 percent.',
      findings: [{ text: '1,5', fix: '1.5' }],
      output: 'Prices rose by between 1.5 and 2 percent.',
    },
    {
      text: 'Damage reached 12.500.000 hryvnias and 0,75 percent of the budget.',
      findings: [
        { text: '12.500.000', fix: '12,500,000' },
        { text: '0,75', fix: '0.75' },
      ],
      output: 'Damage reached 12,500,000 hryvnias and 0.75 percent of the budget.',
    },
    {
      text: 'The harvest came to 1.234,5 tonnes.',
      findings: [{ text: '1.234,5', fix: '1,234.5', message: /groups thousands with a dot and has a decimal comma/ }],
      output: 'The harvest came to 1,234.5 tonnes.',
    },
    {
      name: 'glued unit letters stay',
      text: 'A 2,5km stretch of road was mined.',
      findings: [{ text: '2,5', fix: '2.5' }],
      output: 'A 2.5km stretch of road was mined.',
    },
    {
      name: 'an article that mixes both conventions',
      text: 'The city had 1,250,000 residents before the war and 700.000 after it.',
      findings: [{ text: '700.000', fix: '700,000', message: /mixes both conventions: compare "1,250,000"/ }],
      output: 'The city had 1,250,000 residents before the war and 700,000 after it.',
    },
    {
      name: 'a genuinely ambiguous dot before three digits',
      text: 'The central bank set its rate at 4.125 percent.',
      findings: [
        {
          text: '4.125',
          fix: null,
          suggestions: ['4,125'],
          severity: 'warning',
          message: 'In English "4.125" is a decimal (four point one two five); if it means four thousand one hundred twenty-five, write 4,125. Check the original.',
        },
      ],
    },
    {
      name: 'an ambiguous number in an article that evidently groups with dots',
      text: 'Some 1.250.000 people fled the region and 700.000 stayed.\n\nOnly 4.125 have returned.',
      findings: [
        { text: '1.250.000', fix: '1,250,000', severity: 'error' },
        { text: '700.000', fix: '700,000', severity: 'error' },
        // Read by the article's other numbers, not by its own marks: likely, not certain.
        { text: '4.125', fix: '4,125', message: /as other numbers in this article do \("1\.250\.000"\)/, severity: 'warning' },
      ],
      output: 'Some 1,250,000 people fled the region and 700,000 stayed.\n\nOnly 4,125 have returned.',
    },
    {
      name: 'one telling number is not yet evidence',
      text: 'There were 3.400 attacks in 2025, up from 2.950 a year earlier.',
      findings: [
        { text: '3.400', fix: '3,400' },
        { text: '2.950', fix: null, suggestions: ['2,950'] },
      ],
      output: 'There were 3,400 attacks in 2025, up from 2.950 a year earlier.',
    },
    {
      name: 'a number grouped the English way stays, even among decimal commas',
      text: 'Support stood at 99,5 percent in one district and 87,3 percent in another, with 23,330 ballots cast.',
      findings: [
        { text: '99,5', fix: '99.5', message: /mixes both conventions: compare "23,330"/ },
        { text: '87,3', fix: '87.3' },
      ],
      output: 'Support stood at 99.5 percent in one district and 87.3 percent in another, with 23,330 ballots cast.',
    },
    {
      name: 'a comma decimal in a headline and in the body',
      text: 'Growth slows to 2,1 percent\n\nThe economy grew by 2,1 percent, down from 3,4 percent.',
      findings: [
        { text: '2,1', fix: '2.1' },
        { text: '2,1', occurrence: 1, fix: '2.1' },
        { text: '3,4', fix: '3.4' },
      ],
      output: 'Growth slows to 2.1 percent\n\nThe economy grew by 2.1 percent, down from 3.4 percent.',
    },
    {
      lang: 'de',
      text: 'Rund 700,000 Menschen verließen die Stadt.',
      findings: [{ text: '700,000', fix: '700.000', message: /groups thousands with a comma; in German write 700\.000\./ }],
      output: 'Rund 700.000 Menschen verließen die Stadt.',
    },
    {
      lang: 'de',
      text: 'Die Regierung kontrolliert nach eigenen Angaben 99.5 Prozent des Gebiets.',
      findings: [{ text: '99.5', fix: '99,5', message: /has a decimal point; in German write 99,5\./ }],
      output: 'Die Regierung kontrolliert nach eigenen Angaben 99,5 Prozent des Gebiets.',
    },
    {
      lang: 'de',
      text: 'Die Region hatte 1,250,000 Einwohner und erhielt 1.5 Millionen Euro Hilfe.',
      findings: [
        { text: '1,250,000', fix: '1.250.000' },
        { text: '1.5', fix: '1,5' },
      ],
      output: 'Die Region hatte 1.250.000 Einwohner und erhielt 1,5 Millionen Euro Hilfe.',
    },
    {
      lang: 'de',
      text: 'Die Ernte betrug 1,234.5 Tonnen.',
      findings: [{ text: '1,234.5', fix: '1.234,5' }],
      output: 'Die Ernte betrug 1.234,5 Tonnen.',
    },
    {
      lang: 'de',
      name: 'German: an ambiguous comma before three digits',
      text: 'Der Leitzins liegt bei 4,125 Prozent.',
      findings: [{ text: '4,125', fix: null, suggestions: ['4.125'], message: /^In German "4,125" is a decimal/ }],
    },
    {
      lang: 'de',
      name: 'German: a mixed article',
      text: 'Vor dem Krieg lebten 1.250.000 Menschen dort, heute sind es 700,000.',
      findings: [{ text: '700,000', fix: '700.000', message: /compare "1\.250\.000"/ }],
      output: 'Vor dem Krieg lebten 1.250.000 Menschen dort, heute sind es 700.000.',
    },
    {
      lang: 'fr',
      name: 'French groups with a narrow no-break space',
      text: 'La ville comptait 1,250,000 habitants.',
      findings: [{ text: '1,250,000', fix: '1\u202f250\u202f000' }],
      output: 'La ville comptait 1\u202f250\u202f000 habitants.',
    },
  ],
});
