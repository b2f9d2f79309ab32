import { describe } from 'vitest';
import { fileURLToPath } from 'node:url';
import { terms } from '../../src/checks/terms.js';
import { loadReference } from '../../src/reference/load.js';
import type { ReferenceData } from '../../src/reference/index.js';
import { compileBoilerplate } from '../../src/reference/boilerplate.js';
import { createTermbase } from '../../src/reference/termbase.js';
import { testCheck } from '../helpers/check-tester.js';

testCheck(terms, {
  valid: [
    'Air defences were active over Kyiv, Kharkiv and Odesa overnight.',
    { name: 'the dish keeps its name', text: 'The café near the station serves chicken Kiev every Friday.' },
    { name: 'an exception phrase at the start of a sentence', text: 'Chicken Kiev was on the menu at the reception.' },
    { name: 'an exception with several spaces inside', text: 'The menu listed chicken  Kiev and borscht.' },
    { name: 'a longer word that starts with a variant', text: 'Kievan Rus was the medieval state centred on the Dnipro.' },
    { name: 'a company name that contains a variant', text: 'Shares of Kievstar fell after the cyberattack.' },
    { name: 'a variant in a URL', text: 'The full statement is at https://www.example.org/news/Kiev-mayor-statement today.' },
    { name: 'a variant in a bare domain', text: 'The ministry posted the list on Kiev.example.ua yesterday.' },
    { name: 'a variant in an email address', text: 'Requests go to press@Kiev-bureau.example.com by noon.' },
    { name: 'a variant in a handle', text: 'The account @Kiev shared the video.' },
    { name: 'a variant in lower case is a slug, not prose', text: 'The hashtag kiev-2022 trended for a day.' },
    { name: 'the city in Texas', text: 'Oil workers in Odessa, Texas, watched prices closely.' },
    { name: 'a Second World War battle', text: 'Historians compare it to the Second Battle of Kharkov in 1942.' },
    { name: 'a stadium name', text: 'The match was played at the Donbass Arena before the war.' },
    { name: 'a Russian town whose name begins like a Ukrainian one', text: 'Troops were trained near Slavyansk-na-Kubani.' },
    { name: 'disputed spellings of persons are left to name-variants', text: 'Zelensky met Zelenskiy supporters in Chernobyl.' },
  ],
  invalid: [
    {
      text: 'Explosions were heard in Kiev on Tuesday morning.',
      findings: [
        {
          text: 'Kiev',
          fix: 'Kyiv',
          // The termbase's note is said once for the group, not in every finding's message.
          message: 'Write "Kyiv", not "Kiev" (house style).',
          note: /^Ukrainian-based spelling adopted by AP in 2019/,
          severity: 'error',
          // The disallowed form is never offered to use everywhere.
          alternatives: ['Kyiv'],
        },
      ],
      output: 'Explosions were heard in Kyiv on Tuesday morning.',
    },
    {
      name: 'a possessive keeps its ending',
      text: "Kiev's mayor opened new shelters.",
      findings: [{ text: 'Kiev', fix: 'Kyiv' }],
      output: "Kyiv's mayor opened new shelters.",
    },
    {
      name: 'a possessive with a typographic apostrophe',
      text: 'The drones flew towards Kharkov’s northern districts.',
      findings: [{ text: 'Kharkov', fix: 'Kharkiv' }],
      output: 'The drones flew towards Kharkiv’s northern districts.',
    },
    {
      name: 'all capitals stay all capitals',
      text: 'KIEV, March 3 — Officials confirmed the figures.',
      findings: [{ text: 'KIEV', fix: 'KYIV', message: /^Write "KYIV", not "KIEV"/ }],
      output: 'KYIV, March 3 — Officials confirmed the figures.',
    },
    {
      name: 'a multi-word variant',
      text: 'Missiles struck an industrial site in Krivoy Rog at dawn.',
      findings: [{ text: 'Krivoy Rog', fix: 'Kryvyi Rih', alternatives: ['Kryvyi Rih'] }],
      output: 'Missiles struck an industrial site in Kryvyi Rih at dawn.',
    },
    {
      name: 'a multi-word variant with two spaces',
      text: 'Missiles struck Krivoy  Rog again.',
      findings: [{ text: 'Krivoy  Rog', fix: 'Kryvyi Rih' }],
      output: 'Missiles struck Kryvyi Rih again.',
    },
    {
      name: 'a multi-word variant in capitals',
      text: 'KRIVOY ROG: NIGHT ATTACK',
      findings: [{ text: 'KRIVOY ROG', fix: 'KRYVYI RIH' }],
      output: 'KRYVYI RIH: NIGHT ATTACK',
    },
    {
      name: 'a common misspelling, not only Russian-based forms',
      text: 'Inspectors rotated at the Zaporizhia nuclear plant.',
      findings: [{ text: 'Zaporizhia', fix: 'Zaporizhzhia' }],
      output: 'Inspectors rotated at the Zaporizhzhia nuclear plant.',
    },
    {
      name: 'a variant after a hyphen',
      text: 'The pro-Kiev militia withdrew.',
      findings: [{ text: 'Kiev', fix: 'Kyiv' }],
      output: 'The pro-Kyiv militia withdrew.',
    },
    {
      name: 'several entries in one sentence',
      text: 'Trains from Kharkov to Lugansk stopped running in 2014.',
      findings: [
        { text: 'Kharkov', fix: 'Kharkiv' },
        { text: 'Lugansk', fix: 'Luhansk' },
      ],
      output: 'Trains from Kharkiv to Luhansk stopped running in 2014.',
    },
    {
      name: 'the Ukrainian city next to the Texan one',
      text: 'Odessa, Texas, is twinned with no city, but Odessa in Ukraine is a port.',
      findings: [{ text: 'Odessa', occurrence: 1, fix: 'Odesa' }],
      output: 'Odessa, Texas, is twinned with no city, but Odesa in Ukraine is a port.',
    },
    {
      name: 'a word near an exception is not the exception',
      text: 'Chicken farms near Kiev lost power.',
      findings: [{ text: 'Kiev', fix: 'Kyiv' }],
      output: 'Chicken farms near Kyiv lost power.',
    },
    {
      name: 'the same name in a URL and in prose',
      text: 'Source: https://example.com/Kiev. Kiev rejected the claim.',
      findings: [{ text: 'Kiev', occurrence: 1, fix: 'Kyiv' }],
      output: 'Source: https://example.com/Kiev. Kyiv rejected the claim.',
    },
    {
      name: 'a region added beyond the vocabulary',
      text: 'Fighting continued across the Donbass region.',
      findings: [{ text: 'Donbass', fix: 'Donbas' }],
      output: 'Fighting continued across the Donbas region.',
    },
    {
      name: 'a hyphenated Russian city name',
      text: 'The headquarters in Rostov-na-Donu issued a statement.',
      findings: [{ text: 'Rostov-na-Donu', fix: 'Rostov-on-Don' }],
      output: 'The headquarters in Rostov-on-Don issued a statement.',
    },
    {
      name: 'a person whose spelling the style guides agree on',
      text: 'Mayor Vitaliy Klitschko urged residents to stay indoors.',
      findings: [{ text: 'Vitaliy Klitschko', fix: 'Vitali Klitschko' }],
      output: 'Mayor Vitali Klitschko urged residents to stay indoors.',
    },
    {
      name: 'a Soviet-era country name',
      text: 'Troops massed in Belorussia near the border.',
      findings: [{ text: 'Belorussia', fix: 'Belarus' }],
      output: 'Troops massed in Belarus near the border.',
    },
    {
      name: 'a variant at the end of a passage and of the text',
      text: 'Rail traffic resumed.\nThe train left for Zaporozhye',
      findings: [{ text: 'Zaporozhye', fix: 'Zaporizhzhia' }],
      output: 'Rail traffic resumed.\nThe train left for Zaporizhzhia',
    },
  ],
});

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/termbases/${name}`, import.meta.url));
let newsroom: ReferenceData | undefined;
const newsroomReference = () => (newsroom ??= loadReference({ termbase: fixture('newsroom.csv') }));

describe('with a newsroom termbase from CSV', () => {
  testCheck(
    terms,
    {
      valid: [
        { name: 'a user termbase replaces the starter one', text: 'Kiev and Odessa are not in this newsroom termbase.' },
        { name: 'an exception from a CSV cell', text: 'Iron ore from the Krivoy Rog Basin is exported.' },
        'Zelenskyy said prices rose by 3 per cent.',
      ],
      invalid: [
        {
          text: "Zelensky's office said Zelenskiy would travel.",
          findings: [
            { text: 'Zelensky', fix: 'Zelenskyy', message: 'Write "Zelenskyy", not "Zelensky" (house style).', note: 'AP spelling, our house style since 2022' },
            { text: 'Zelenskiy', fix: 'Zelenskyy' },
          ],
          output: "Zelenskyy's office said Zelenskyy would travel.",
        },
        {
          name: 'a lower-case variant takes the case of the text',
          text: 'Prices rose 3 percent. Percent changes were small. PERCENT',
          findings: [
            { text: 'percent', fix: 'per cent' },
            { text: 'Percent', fix: 'Per cent' },
            { text: 'PERCENT', fix: 'PER CENT' },
          ],
          output: 'Prices rose 3 per cent. Per cent changes were small. PER CENT',
        },
        {
          name: 'a second variant from a pipe-separated cell',
          text: 'Krivoi Rog is a steel town.',
          findings: [{ text: 'Krivoi Rog', fix: 'Kryvyi Rih', message: 'Write "Kryvyi Rih", not "Krivoi Rog" (house style).', note: null }],
          output: 'Kryvyi Rih is a steel town.',
        },
      ],
    },
    newsroomReference,
  );
});

describe('with a disputed term', () => {
  const disputed: ReferenceData = {
    termbase: createTermbase([
      { preferred: 'Kyiv', variants: ['Kiev'], exceptions: [], disputed: true },
      { preferred: 'Kharkiv', variants: ['Kharkov'], exceptions: [] },
    ]),
    boilerplate: compileBoilerplate([]),
  };
  testCheck(
    terms,
    {
      valid: [{ name: 'no form of a disputed term is flagged here', text: 'Talks in Kiev went on while Kyiv waited.' }],
      invalid: [{ name: 'the other terms still are', text: 'Trains from Kiev reached Kharkov.', findings: [{ text: 'Kharkov', fix: 'Kharkiv' }], output: 'Trains from Kiev reached Kharkiv.' }],
    },
    () => disputed,
  );
});
