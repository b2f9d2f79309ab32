import { untranslated } from '../../src/checks/untranslated.js';
import { testCheck } from '../helpers/check-tester.js';

const ENGLISH =
  'The regional governor said air defences shot down most of the drones, but debris damaged a school and two houses on the edge of the city.';
const ENGLISH_2 = 'Repair crews restored power to the affected districts by the afternoon, the utility company said in a statement.';
const RUSSIAN =
  'Губернатор области заявил, что силы ПВО сбили большую часть беспилотников, однако обломки повредили школу и два жилых дома на окраине города.';
const UKRAINIAN =
  'Губернатор області заявив, що сили ППО збили більшість безпілотників, проте уламки пошкодили школу та два житлові будинки на околиці міста.';
const GERMAN =
  'Der Gouverneur sagte, die Luftabwehr habe die meisten Drohnen abgeschossen, doch Trümmer hätten eine Schule und zwei Häuser am Stadtrand beschädigt.';
const FRENCH =
  'Le gouverneur a affirmé que la défense aérienne avait abattu la plupart des drones, mais que des débris avaient endommagé une école.';
const POLISH = 'Gubernator powiedział, że obrona przeciwlotnicza zestrzeliła większość dronów, ale odłamki uszkodziły szkołę i dwa domy.';

testCheck(untranslated, {
  valid: [
    `${ENGLISH}\n\n${ENGLISH_2}`,
    { name: 'short lines are too short to judge', text: `${ENGLISH}\nBonus video:\nPhoto: Reuters\n5142 views 9 comment(s)` },
    { name: 'a line of place names', text: `${ENGLISH}\n\nDonetsk, Luhansk, Kherson and Zaporizhzhia` },
    'The talks, held in Riyadh, Jeddah and Abu Dhabi, involved Witkoff, Rubio, Waltz, Yermak and Umerov.',
    'Farmers in Odesa, Mykolaiv and Dnipropetrovsk oblasts expect record sunflower harvests despite the drought.',
    {
      name: 'a quoted Latin-script Ukrainian slogan inside an English sentence',
      text: 'Protesters outside the parliament carried banners reading "Slava Ukraini" and chanted for hours, police said.',
    },
    {
      name: 'a foreign phrase left as English writers use it',
      text: 'European diplomats fear the proposal would present Kyiv with a fait accompli in the occupied territories.',
    },
    { name: 'a short quoted slogan with its attribution', text: '"Slava Ukraini, heroiam slava," the crowd chanted.' },
    {
      name: 'a short Cyrillic quotation inside an English sentence',
      text: 'The banner above the stage read «Слава Україні» in large blue and yellow letters.',
    },
    {
      name: 'a link',
      text: `${ENGLISH}\nSource: https://www.pravda.com.ua/rus/news/2025/04/23/7508912/`,
    },
    {
      name: 'an English paragraph identical to an English source',
      text: `${ENGLISH}\n\n${ENGLISH_2}`,
      source: { text: `${ENGLISH}\n\n${ENGLISH_2}`, lang: 'en' },
    },
    {
      name: 'a paragraph identical to a Russian source but too short to judge',
      text: `${ENGLISH}\n\nNATO, EU, G7`,
      source: { text: `${RUSSIAN}\n\nNATO, EU, G7`, lang: 'ru' },
    },
    {
      name: 'a headline without function words, which franc would call French',
      text: `Ceasefire draft leaves key territorial questions unresolved\n\n${ENGLISH}\nRead also: Draft peace plan leaves crucial territorial questions open`,
    },
    { name: 'a German article', text: GERMAN, lang: 'de' },
    {
      name: 'a line identical to its Russian source whose words are all in a link',
      text: `${ENGLISH}\n\nSource: https://www.example.com/news/regional-governor-reports-drone-debris-damaged-school`,
      source: { text: `${RUSSIAN}\n\nSource: https://www.example.com/news/regional-governor-reports-drone-debris-damaged-school`, lang: 'ru' },
    },
  ],
  invalid: [
    {
      name: 'a Russian paragraph in an English article',
      text: `${ENGLISH}\n\n${RUSSIAN}`,
      findings: [{ text: RUSSIAN, message: 'This passage looks like Russian, not English.', fix: null, severity: 'warning' }],
    },
    {
      name: 'a Ukrainian paragraph in an English article',
      text: `${UKRAINIAN}\n\n${ENGLISH_2}`,
      findings: [{ text: UKRAINIAN, message: 'This passage looks like Ukrainian, not English.' }],
    },
    {
      name: 'a German paragraph in an English article',
      text: `${ENGLISH}\n${GERMAN}`,
      findings: [{ text: GERMAN, message: 'This passage looks like German, not English.' }],
    },
    {
      name: 'a French paragraph in an English article',
      text: `${FRENCH}\n\n${ENGLISH_2}`,
      findings: [{ text: FRENCH, message: 'This passage looks like French, not English.' }],
    },
    {
      name: 'a Polish paragraph in an English article',
      text: `${ENGLISH}\n\n${POLISH}`,
      findings: [{ text: POLISH, message: 'This passage looks like Polish, not English.' }],
    },
    {
      name: 'a Russian paragraph that quotes a Ukrainian name',
      text: 'На брифинге выступил советник Ігор Жовква, который рассказал о подготовке новых переговоров с европейскими партнерами.',
      findings: [{ text: 'На брифинге выступил советник Ігор Жовква, который рассказал о подготовке новых переговоров с европейскими партнерами.', message: /Russian, not English/ }],
    },
    {
      name: 'a short Cyrillic line whose language only its script tells',
      text: `${ENGLISH}\nЧитайте также:`,
      findings: [{ text: 'Читайте также:', message: 'This passage looks like Ukrainian, Russian or Serbian, not English.' }],
    },
    {
      name: 'a German quotation with only an attribution around it',
      text: '"Wir werden die Ukraine weiterhin mit aller Kraft unterstützen, solange es nötig ist", sagte der Kanzler.',
      findings: [
        {
          text: '"Wir werden die Ukraine weiterhin mit aller Kraft unterstützen, solange es nötig ist", sagte der Kanzler.',
          message: /German, not English/,
        },
      ],
    },
    {
      name: 'a long German quotation inside an English paragraph',
      text: 'Speaking to reporters in Berlin after the meeting, the chancellor said: "Wir werden die Ukraine weiterhin mit aller Kraft unterstützen, solange es nötig ist."',
      findings: [
        {
          text: 'Wir werden die Ukraine weiterhin mit aller Kraft unterstützen, solange es nötig ist.',
          message: 'This quotation looks like German, not English.',
        },
      ],
    },
    {
      name: 'a German sentence inside an English paragraph',
      text: `In Berlin, the government approved the package on Wednesday. ${GERMAN} ${ENGLISH_2}`,
      findings: [{ text: GERMAN, message: 'This sentence looks like German, not English.' }],
    },
    {
      name: 'a long Ukrainian quotation inside an English paragraph',
      text: 'In a video address posted late on Sunday evening, the president told the nation: «Ми не віддамо жодного сантиметра нашої землі, і це наша остаточна позиція».',
      findings: [
        {
          text: 'Ми не віддамо жодного сантиметра нашої землі, і це наша остаточна позиція',
          message: 'This quotation looks like Ukrainian, not English.',
        },
      ],
    },
    {
      name: 'an English paragraph in a German article',
      text: `${GERMAN}\n\n${ENGLISH}`,
      lang: 'de',
      findings: [{ text: ENGLISH, message: 'This passage looks like English, not German.' }],
    },
    {
      name: 'a paragraph identical to its Russian source paragraph',
      text: `${ENGLISH_2}\n\n${ENGLISH}`,
      source: { text: `${RUSSIAN}\n\n${ENGLISH}`, lang: 'ru' },
      findings: [{ text: ENGLISH, message: 'This passage is identical to its Russian source paragraph; it looks untranslated.' }],
    },
    {
      name: 'a paragraph identical to its source, whose language is detected',
      text: `${ENGLISH_2}\n\n${ENGLISH}`,
      source: { text: `${UKRAINIAN}\n\n${ENGLISH}` },
      findings: [{ text: ENGLISH, message: /identical to its Ukrainian source paragraph/ }],
    },
    {
      name: 'an untranslated paragraph identical to its source is reported once',
      text: `${ENGLISH}\n\n${RUSSIAN}`,
      source: { text: `${UKRAINIAN}\n\n${RUSSIAN}`, lang: 'ru' },
      findings: [{ text: RUSSIAN, message: 'This passage looks like Russian, not English.' }],
    },
  ],
});

