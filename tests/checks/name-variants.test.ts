import { describe, expect, it } from 'vitest';
import { nameVariants } from '../../src/checks/name-variants.js';
import type { ReferenceData } from '../../src/reference/index.js';
import { compileBoilerplate } from '../../src/reference/boilerplate.js';
import { createTermbase, type TermEntry } from '../../src/reference/termbase.js';
import { analyse } from '../../src/text/analyse.js';
import { findingsOf, testCheck } from '../helpers/check-tester.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

function reference(entries: TermEntry[]): () => ReferenceData {
  const data: ReferenceData = { termbase: createTermbase(entries), boilerplate: compileBoilerplate([]) };
  return () => data;
}
const noTermbase = reference([]);
const withTermbase = reference([
  { preferred: 'Zaporizhzhia', variants: ['Zaporozhye'], exceptions: [] },
  { preferred: 'Kyiv', variants: ['Kiev'], exceptions: ['chicken Kiev'] },
  { preferred: 'Kharkiv', variants: ['Kharkov'], exceptions: [] },
]);
const fullTermbase = reference([{ preferred: 'Zaporizhzhia', variants: ['Zaporizhia', 'Zaporozhye'], exceptions: [] }]);

/** Two names that look alike but are different, in one article: neither may be flagged. */
function lookAlikes(a: string, b: string) {
  return {
    name: `look-alikes ${a}/${b}`,
    text: `The report mentioned ${a} on its first page.\n\nIt also mentioned ${b}, and later ${a} again.`,
  };
}

// Pairs that must never be grouped: different places, different people, inflected or gendered forms.
const LOOK_ALIKE_PAIRS: [string, string][] = [
  ['Kursk', 'Kherson'],
  ['Austria', 'Australia'],
  ['Peskov', 'Putin'],
  ['Donetsk', 'Donbas'],
  ['Russia', 'Prussia'],
  ['Iran', 'Iraq'],
  ['Luhansk', 'Lutsk'],
  ['Peskov', 'Petrov'],
  ['Ivanov', 'Ivanova'],
  ['Zelensky', 'Zelenska'],
  ['Markov', 'Marko'],
  ['Karlov', 'Karpov'],
  ['Ireland', 'Iceland'],
  ['Marina', 'Mariana'],
  ['Slovakia', 'Slovenia'],
  ['Russia', 'Russian'],
  ['Ukraine', 'Ukrainian'],
  ['German', 'Herman'],
  ['Cameron', 'Cameroon'],
  ['Pavlov', 'Pavlova'],
  ['Georgia', 'Georgian'],
  ['Walton', 'Wilton'],
  // The Russian-based "Kiev" is the terms check's to report, from the termbase; here it does not group.
  ['Kyiv', 'Kiev'],
];

testCheck(
  nameVariants,
  {
    valid: [
      'Special envoy Steve Witkoff arrived in Moscow on Thursday. Witkoff met officials for three hours, and Witkoff left late.',
      ...LOOK_ALIKE_PAIRS.map(([a, b]) => lookAlikes(a, b)),
      {
        name: 'a husband and wife: gendered surname forms',
        text: 'First lady Olena Zelenska visited a school in Lviv. Her husband, President Volodymyr Zelensky, was in Brussels, and Zelensky spoke to reporters there.',
      },
      {
        name: 'two people whose first names are romanised differently',
        text: 'Andriy Yermak and Andrii Sybiha flew to Washington. Yermak met the delegation first; Sybiha joined later.',
      },
      {
        name: 'ordinary words at sentence starts',
        text: 'These proposals were rejected. Those that remained were redrafted. Through the night, negotiators worked on a text. Though tired, they finished.',
      },
      {
        name: 'an acronym and a capitalised word',
        text: 'NATO ministers met in Brussels. Officials said the alliance, which some papers call Nato, would respond.',
      },
      {
        name: 'a variant pair seen only at sentence starts is not a name',
        text: 'Preceded by a warning, the strike hit a depot.\n\nProceeded with caution, the convoy moved on.',
      },
    ],
    invalid: [
      {
        name: 'the spelling of the first full mention wins, with a fix',
        text: 'Envoy meets Putin in St. Petersburg\n\nUS envoy Steve Witkoff met the Russian leader on Friday. Vitkoff said the meeting was useful. Vitkoff will return next week, and Witkoff added that a deal was close.',
        findings: [
          { text: 'Vitkoff', occurrence: 0, fix: 'Witkoff', alternatives: ['Witkoff', 'Vitkoff'], message: '“Vitkoff” is also spelled “Witkoff” (2×) in this article. The first full mention, “Steve Witkoff”, uses “Witkoff”.' },
          { text: 'Vitkoff', occurrence: 1, fix: 'Witkoff', alternatives: ['Witkoff', 'Vitkoff'] },
        ],
        output: 'Envoy meets Putin in St. Petersburg\n\nUS envoy Steve Witkoff met the Russian leader on Friday. Witkoff said the meeting was useful. Witkoff will return next week, and Witkoff added that a deal was close.',
      },
      {
        name: 'a 1:1 tie without a termbase entry flags both with suggestions',
        text: 'Shelling hit the outskirts of Zaporizhia overnight. Regional officials said power lines near Zaporozhye were cut.',
        findings: [
          { text: 'Zaporizhia', fix: null, suggestions: ['Zaporozhye'], alternatives: ['Zaporizhia', 'Zaporozhye'], message: '“Zaporizhia” is also spelled “Zaporozhye” (1×) in this article. Choose one spelling and use it throughout.' },
          { text: 'Zaporozhye', fix: null, suggestions: ['Zaporizhia'], alternatives: ['Zaporizhia', 'Zaporozhye'] },
        ],
      },
      {
        name: 'frequency alone gives a suggestion, not a fix',
        text: 'Zelensky said the talks would continue. Reporters asked whether Zelensky would travel, and Zelensky said no. Later Zelenskyy posted a video.',
        findings: [{ text: 'Zelenskyy', fix: null, suggestions: ['Zelensky'], alternatives: ['Zelensky', 'Zelenskyy'], message: '“Zelenskyy” is also spelled “Zelensky” (3×) in this article. “Zelensky” is more frequent; check which spelling is right.' }],
      },
      {
        name: 'a title at the first mention beats frequency',
        text: 'President Zelenskyy addressed parliament on Tuesday. Lawmakers applauded when Zelensky spoke of the front, and Zelensky thanked the allies.',
        findings: [
          { text: 'Zelensky', occurrence: 1, fix: 'Zelenskyy' },
          { text: 'Zelensky', occurrence: 2, fix: 'Zelenskyy' },
        ],
        output: 'President Zelenskyy addressed parliament on Tuesday. Lawmakers applauded when Zelenskyy spoke of the front, and Zelenskyy thanked the allies.',
      },
      {
        name: 'a possessive stays outside the span',
        text: "Envoy Steve Witkoff flew home. Vitkoff's team stayed behind.",
        findings: [{ text: 'Vitkoff', fix: 'Witkoff' }],
        output: "Envoy Steve Witkoff flew home. Witkoff's team stayed behind.",
      },
      {
        name: 'a diacritic dropped in some places',
        text: 'Hungarian Prime Minister Viktor Orbán blocked the package. Diplomats said Orban wanted guarantees.',
        findings: [{ text: 'Orban', fix: 'Orbán', alternatives: ['Orbán', 'Orban'] }],
        output: 'Hungarian Prime Minister Viktor Orbán blocked the package. Diplomats said Orbán wanted guarantees.',
      },
      {
        name: 'a German romanisation from wire copy',
        text: 'President Volodymyr Zelensky met the chancellor. A German paper quoted Selenskyj as saying the winter would be hard.',
        findings: [{ text: 'Selenskyj', fix: 'Zelensky', alternatives: ['Zelensky', 'Selenskyj'] }],
        output: 'President Volodymyr Zelensky met the chancellor. A German paper quoted Zelensky as saying the winter would be hard.',
      },
      {
        name: 'full mentions in two spellings contradict each other, and frequency decides',
        text: 'A German weekly interviewed Wolodymyr Selenskyj on Friday. President Volodymyr Zelensky told it that Zelensky would not cede land.',
        findings: [{ text: 'Selenskyj', fix: null, suggestions: ['Zelensky'], alternatives: ['Zelensky', 'Selenskyj'] }],
      },
      {
        name: 'one first name spelled two ways before the same surname',
        text: 'Chief of staff Andriy Yermak led the delegation. The talks, Andrii Yermak said later, were constructive.',
        findings: [
          { text: 'Andriy', fix: null, suggestions: ['Andrii'] },
          { text: 'Andrii', fix: null, suggestions: ['Andriy'] },
        ],
      },
      {
        name: 'a place name always followed by another capitalised word',
        text: 'Shelling hit Zaporizhia Oblast overnight. The governor of Zaporozhye Oblast said two villages lost power.',
        findings: [
          { text: 'Zaporizhia', fix: null, suggestions: ['Zaporozhye'] },
          { text: 'Zaporozhye', fix: null, suggestions: ['Zaporizhia'] },
        ],
      },
      {
        name: 'a Polish romanisation',
        text: 'President Volodymyr Zelensky spoke in Warsaw. The Polish broadcaster called Zełenski a close ally.',
        findings: [{ text: 'Zełenski', fix: 'Zelensky' }],
        output: 'President Volodymyr Zelensky spoke in Warsaw. The Polish broadcaster called Zelensky a close ally.',
      },
      {
        name: 'German Charkiw and Kharkiv, by frequency',
        text: 'Drones struck Kharkiv overnight. Rescuers in Kharkiv worked until dawn, a German agency said, quoting officials in Charkiw.',
        findings: [{ text: 'Charkiw', fix: null, suggestions: ['Kharkiv'], alternatives: ['Kharkiv', 'Charkiw'] }],
      },
      {
        name: 'a dropped doubled letter',
        text: "Retired general Keith Kellogg visited Kyiv. Kellog's aides declined to comment.",
        findings: [{ text: 'Kellog', occurrence: 1, fix: 'Kellogg' }],
        output: "Retired general Keith Kellogg visited Kyiv. Kellogg's aides declined to comment.",
      },
      {
        name: 'three spellings of one name',
        text: 'President Volodymyr Zelenskyy spoke first. Zelenskiy then took questions, and Zelensky left.',
        findings: [
          {
            text: 'Zelenskiy',
            fix: 'Zelenskyy',
            alternatives: ['Zelenskyy', 'Zelenskiy', 'Zelensky'],
            message: '“Zelenskiy” is also spelled “Zelenskyy” (1×) and “Zelensky” (1×) in this article. The first full mention, “Volodymyr Zelenskyy”, uses “Zelenskyy”.',
          },
          { text: 'Zelensky', occurrence: 1, fix: 'Zelenskyy' },
        ],
        output: 'President Volodymyr Zelenskyy spoke first. Zelenskyy then took questions, and Zelenskyy left.',
      },
      {
        name: 'a title in lower case introduces the name',
        text: 'Foreign minister Sybiha arrived in Rome. Italian officials greeted Sibiga at the airport.',
        findings: [{ text: 'Sibiga', fix: 'Sybiha', alternatives: ['Sybiha', 'Sibiga'] }],
        output: 'Foreign minister Sybiha arrived in Rome. Italian officials greeted Sybiha at the airport.',
      },
      {
        name: 'a tie between two romanisations of a surname',
        text: 'The talks in Rome were led by Sybiha. Italian officials said Sibiga would return in May.',
        findings: [
          { text: 'Sybiha', fix: null, suggestions: ['Sibiga'], alternatives: ['Sybiha', 'Sibiga'] },
          { text: 'Sibiga', fix: null, suggestions: ['Sybiha'], alternatives: ['Sybiha', 'Sibiga'] },
        ],
      },
      {
        name: 'a variant at a sentence start',
        text: 'Envoy Steve Witkoff left Moscow. Vitkoff said he would be back.',
        findings: [{ text: 'Vitkoff', fix: 'Witkoff' }],
        output: 'Envoy Steve Witkoff left Moscow. Witkoff said he would be back.',
      },
      {
        name: 'a doubled letter makes a variant (Sumy/Summy)',
        text: 'Drones hit Sumy on Sunday. Residents of Summy spent the night in shelters.',
        findings: [
          { text: 'Sumy', fix: null, suggestions: ['Summy'] },
          { text: 'Summy', fix: null, suggestions: ['Sumy'] },
        ],
      },
      {
        name: 'a háček dropped in some places',
        text: 'Serbian President Aleksandar Vučić met the envoy. Vucic said Belgrade would stay neutral.',
        findings: [{ text: 'Vucic', fix: 'Vučić' }],
        output: 'Serbian President Aleksandar Vučić met the envoy. Vučić said Belgrade would stay neutral.',
      },
      {
        name: 'a Russian-based g for a Ukrainian h, by frequency',
        text: 'Shelling continued near Luhansk. Residents of Luhansk said the water supply failed, while a Moscow outlet reported calm in Lugansk.',
        findings: [{ text: 'Lugansk', fix: null, suggestions: ['Luhansk'] }],
      },
      {
        name: 'a variant in the headline',
        text: 'Zelenskyy visits troops near the front\n\nPresident Zelensky visited positions in the east on Sunday. Zelensky handed out awards.',
        findings: [{ text: 'Zelenskyy', fix: 'Zelensky' }],
        output: 'Zelensky visits troops near the front\n\nPresident Zelensky visited positions in the east on Sunday. Zelensky handed out awards.',
      },
      {
        name: 'the first full mention wins even when the other spelling is more frequent',
        text: 'US envoy Vitkoff landed in Riyadh. Witkoff met the delegation, Witkoff held a briefing, and Witkoff flew on to Doha.',
        findings: [
          { text: 'Witkoff', occurrence: 0, fix: 'Vitkoff' },
          { text: 'Witkoff', occurrence: 1, fix: 'Vitkoff' },
          { text: 'Witkoff', occurrence: 2, fix: 'Vitkoff' },
        ],
        output: 'US envoy Vitkoff landed in Riyadh. Vitkoff met the delegation, Vitkoff held a briefing, and Vitkoff flew on to Doha.',
      },
      {
        name: 'a vowel swap of Russian and Ukrainian forms of a surname',
        text: 'Commander Oleksandr Syrskyi briefed the president. Officials close to Syrsky said the line held, and Syrskiy later confirmed it.',
        findings: [
          { text: 'Syrsky', occurrence: 1, fix: 'Syrskyi' },
          { text: 'Syrskiy', fix: 'Syrskyi' },
        ],
        output: 'Commander Oleksandr Syrskyi briefed the president. Officials close to Syrskyi said the line held, and Syrskyi later confirmed it.',
      },
    ],
  },
  noTermbase,
);

testCheck(
  nameVariants,
  {
    valid: [
      {
        name: 'every spelling is in the termbase: the terms check reports it',
        text: 'Drones hit Kharkiv overnight. A Russian outlet said air defence over Kharkov was active.',
      },
      {
        name: 'the termbase preferred form and a listed variant',
        text: 'Shelling hit Zaporizhzhia overnight. The governor said Zaporozhye had no power.',
      },
    ],
    invalid: [
      {
        name: 'the termbase decides; only spellings it does not list are reported here',
        text: 'Shelling hit the outskirts of Zaporizhia overnight. Regional officials said power lines near Zaporozhye were cut.',
        findings: [
          {
            text: 'Zaporizhia',
            fix: 'Zaporizhzhia',
            // Only the termbase's form is offered to use everywhere.
            alternatives: ['Zaporizhzhia'],
            message: '“Zaporizhia” is also spelled “Zaporozhye” (1×) in this article. The termbase prefers “Zaporizhzhia”.',
          },
        ],
        output: 'Shelling hit the outskirts of Zaporizhzhia overnight. Regional officials said power lines near Zaporozhye were cut.',
      },
      {
        name: 'a German spelling the termbase does not list',
        text: 'Air defence worked over Kyiv all night. The mayor of Kyiv said debris fell on two districts, a German agency wrote from Kyjiw.',
        findings: [{ text: 'Kyjiw', fix: 'Kyiv', alternatives: ['Kyiv'] }],
        output: 'Air defence worked over Kyiv all night. The mayor of Kyiv said debris fell on two districts, a German agency wrote from Kyiv.',
      },
    ],
  },
  withTermbase,
);

// Disputed terms: no house form yet, so their forms are one name decided as any other.
testCheck(
  nameVariants,
  {
    valid: [
      { name: 'one form of a disputed term throughout', text: 'Zelensky spoke in the morning. Later Zelensky left for the airport.' },
      { name: 'another form of it throughout', text: 'Talks in Kiev ended. The mayor of Kiev thanked the delegates.' },
    ],
    invalid: [
      {
        name: 'the first full mention decides, not the disputed term',
        text: 'President Volodymyr Zelensky spoke in the morning. Later Zelenskyy left for the airport.',
        findings: [{ text: 'Zelenskyy', fix: 'Zelensky', message: '“Zelenskyy” is also spelled “Zelensky” (1×) in this article. The first full mention, “Volodymyr Zelensky”, uses “Zelensky”.' }],
        output: 'President Volodymyr Zelensky spoke in the morning. Later Zelensky left for the airport.',
      },
      {
        name: 'the forms of a disputed term are grouped however far apart',
        text: 'Drones hit Kiev overnight. Officials in Kyiv said Kiev was calm by morning.',
        findings: [{ text: 'Kyiv', fix: null, suggestions: ['Kiev'], alternatives: ['Kiev', 'Kyiv'] }],
      },
    ],
  },
  reference([
    { preferred: 'Zelenskyy', variants: ['Zelensky', 'Zelenskiy'], exceptions: [], disputed: true },
    { preferred: 'Kyiv', variants: ['Kiev'], exceptions: [], disputed: true },
  ]),
);

describe('name-variants with a termbase that lists every spelling', () => {
  it('leaves the tie to the terms check', () => {
    const text = 'Shelling hit the outskirts of Zaporizhia overnight. Regional officials said power lines near Zaporozhye were cut.';
    expect(findingsOf(nameVariants, { text }, fullTermbase())).toEqual([]);
  });
});

describe('name-variants groups', () => {
  it('gives one group id to the findings of one name', () => {
    const text = 'Shelling hit Zaporizhia overnight. Officials in Zaporozhye said power was cut.';
    const findings = findingsOf(nameVariants, { text }, noTermbase());
    expect(new Set(findings.map((f) => f.group))).toEqual(new Set(['name-variants:zaporizia']));
    expect(findings.every((f) => f.itsType === 'inconsistency' && f.severity === 'warning')).toBe(true);
  });

  it('keeps two names in two groups', () => {
    const text = 'Envoy Steve Witkoff met Keith Kellogg. Vitkoff and Kellog then spoke to reporters.';
    const groups = findingsOf(nameVariants, { text }, noTermbase()).map((f) => `${f.text}→${f.group}`);
    expect(groups).toEqual(['Vitkoff→name-variants:vitkof', 'Kellog→name-variants:kelog']);
  });
});

describe('name-variants on one name in many spellings', () => {
  // Twelve romanisations of one surname; the first is the commonest.
  const SPELLINGS = ['Zelensky', 'Zelenskyy', 'Zelenskiy', 'Zelenskyi', 'Zelenskyj', 'Zelenski', 'Zełenski', 'Zelenskii', 'Zelenskij', 'Selenskyj', 'Selensky', 'Selenskij'];
  const text = [
    `Reporters waited for ${SPELLINGS[0]} outside. Aides said ${SPELLINGS[0]} would speak at noon.`,
    ...SPELLINGS.map((spelling) => `By the evening ${spelling} had met the delegation.`),
  ].join('\n');

  it('names the five commonest other spellings in a message, and counts the rest', () => {
    const findings = findingsOf(nameVariants, { text }, noTermbase());
    expect(findings.map((f) => f.text)).toEqual(SPELLINGS.slice(1));
    expect(findings[0]!.message).toBe(
      '“Zelenskyy” is also spelled “Zelensky” (3×), “Zelenskiy” (1×), “Zelenskyi” (1×), “Zelenskyj” (1×), “Zelenski” (1×) and 6 other ways in this article. “Zelensky” is more frequent; check which spelling is right.',
    );
  });

  it('offers five suggestions a finding and ten alternatives a group, the preferred one first', () => {
    for (const finding of findingsOf(nameVariants, { text }, noTermbase())) {
      expect(finding.alternatives).toEqual(SPELLINGS.slice(0, 10));
      expect(finding.suggestions!.map((s) => s.edit.text)).toEqual(SPELLINGS.slice(0, 6).filter((s) => s !== finding.text).slice(0, 5));
    }
  });

  it('grows near-linearly with the spellings, its findings each of a bounded size', () => {
    // One long name in as many ways of capitalising it, each mentioned once: all one group, in a tie.
    const articleOf = (count: number) => {
      const sentences = Array.from({ length: count }, (_, i) => {
        const letters = [...'oleksandrovych'].map((c, k) => (k === 0 || (i >> (k - 1)) & 1 ? c.toUpperCase() : c)).join('');
        return `Officials said ${letters} spoke again.`;
      });
      return analyse({ text: sentences.join(' ') }, noTermbase());
    };
    const reports = nameVariants.run(articleOf(2000));
    expect(reports.length).toBe(2000);
    expect(Math.max(...reports.map((r) => JSON.stringify(r).length))).toBeLessThan(2000);
    expect(growthOf(400, articleOf, (article) => nameVariants.run(article))).toBeLessThan(GROWTH_LIMIT);
  });
});

/**
 * A scored corpus: `[[...]]` marks each mention that must be flagged; everything else must not
 * be. Articles mix slips with look-alikes, gendered forms and ordinary capitalised words.
 */
const SCORED_CORPUS = [
  `Witkoff to return to Moscow

US special envoy Steve Witkoff will travel to Moscow next week, the White House said on Monday. [[Vitkoff]] met Russian officials twice in March. Kremlin spokesman Dmitry Peskov said a meeting with President Vladimir Putin was possible. Peskov did not give a date.

Officials in Kyiv said they expected [[Vitkoff]] to brief them afterwards. Witkoff has said a ceasefire is within reach.`,
  `Ukrainian President Volodymyr Zelensky visited Kherson on Saturday. Zelensky met soldiers and local officials. His wife, Olena Zelenska, opened a rehabilitation centre in Lviv the same day.

The Kursk region, which Russia says it has retaken, was not discussed. A German broadcaster quoted [[Selenskyj]] as saying the south would hold. Zelensky later flew to Odesa.`,
  `Drones attack Kharkiv and Sumy

Russian drones hit Kharkiv overnight, regional governor Oleh Syniehubov said. Syniehubov said two people were injured. In Sumy, power was cut for several hours.

A Polish news agency, quoting local officials in [[Charkiw]], said a school was damaged. Kharkiv has been under constant attack since spring.`,
  `Peskov said the talks in Istanbul would continue. Ivanov and Ivanova, two of the negotiators, are not related, the ministry said. Dmitry Peskov added that Petrov would lead the delegation.

Peskov declined to comment on Markov, a former adviser. Petrov, meanwhile, told reporters that Marko Rubio was not expected.`,
  `Retired general Keith Kellogg met Ukrainian commanders in Dnipro. [[Kellog]] said the front was stable. Kellogg later visited a hospital.

The meeting was arranged by Foreign Minister Andrii Sybiha. [[Sibiga]] told journalists the visit was a sign of support. Sybiha said more visits were planned.`,
  `Shelling in Zaporizhia and Kherson

Shelling hit Zaporizhia on Sunday, regional officials said. In Kherson, a bus was struck near the market. Officials in [[Zaporozhye]] said two people were hurt.

These reports could not be independently verified. Those who fled said the night was the worst in weeks.`,
  `Hungarian Prime Minister Viktor Orbán said he would not back new sanctions. [[Orban]] spoke after talks with Slovak Prime Minister Robert Fico. Slovakia and Slovenia both sent envoys.

Austria and Australia issued statements. Orbán's office said the talks would resume in Budapest, and [[Orban]] would attend.`,
  `Serbian President Aleksandar Vučić met the EU envoy in Belgrade. [[Vucic]] said Serbia would not join sanctions. Russia, Prussia's old rival in the region, praised the decision.

Iran and Iraq both issued statements. Vučić is expected in Brussels next month.`,
  `Luhansk region under pressure

Russian forces pressed their attack in the Luhansk region, Ukraine's general staff said. Officials in Lutsk, far to the west, reported an air raid alert. A Russian outlet claimed gains near [[Lugansk]].

Luhansk regional officials said evacuations continued. Donetsk and the wider Donbas saw the heaviest fighting.`,
  `Foreign ministers met in Brussels. President Zelenskyy's chief of staff, Andriy Yermak, attended with Andrii Sybiha. Zelenskyy sent a video address. The Georgian delegation raised the case of Georgia's detained journalists.

Later, [[Zelenskiy]] said the meeting was productive. Yermak and Sybiha flew back to Kyiv that evening.`,
  `Kremlin aide Yuri Ushakov said on Wednesday that a summit was not yet planned. Ukraine's air force spokesman Yurii Ihnat said the night was quiet. Russian President Vladimir Putin and President Volodymyr Zelensky have not met since 2019.

Dmitry Peskov repeated the Kremlin's position. Former foreign minister Dmytro Kuleba, now a lecturer, called it a delay tactic.`,
  `Prime Minister Denys Shmyhal presented the budget on Thursday. [[Shmygal]] said defence spending would rise. Shmyhal added that teachers' pay would not be cut.

Fighting continued near Kostiantynivka and Pokrovsk. Residents of [[Kostyantynivka]] said water was delivered by truck. Officials in Pokrovske, a village in another region, reported no damage. Kostiantynivka has been shelled daily.`,
  `Mayor Vitali Klitschko said Kyiv was ready for winter. [[Klychko]] spoke at a briefing with Ihor Klymenko, the interior minister. Klymenko said police would patrol shelters.

Meanwhile, Chernihiv and Cherkasy reported power cuts. Officials in Chernihiv said repairs would take two days.`,
  `A Czech daily spoke with Wolodymyr [[Selenskyj]] ahead of the summit. President Volodymyr Zelensky told the paper that air defence was the priority. Zelensky thanked Prague for ammunition.

Czech President Petr Pavel said support would continue. Pavel and Zelensky last met in March.`,
];

describe('name-variants on a scored corpus', () => {
  it('reaches precision 0.90 and recall 0.95', () => {
    let expected = 0;
    let flagged = 0;
    let correct = 0;
    const misses: string[] = [];
    for (const marked of SCORED_CORPUS) {
      const spans: { start: number; end: number }[] = [];
      let text = '';
      let rest = marked;
      for (let m = /\[\[(.+?)\]\]/.exec(rest); m; m = /\[\[(.+?)\]\]/.exec(rest)) {
        text += rest.slice(0, m.index);
        spans.push({ start: text.length, end: text.length + m[1]!.length });
        text += m[1];
        rest = rest.slice(m.index + m[0].length);
      }
      text += rest;
      const findings = findingsOf(nameVariants, { text }, noTermbase());
      expected += spans.length;
      flagged += findings.length;
      for (const f of findings) {
        if (spans.some((s) => s.start === f.start && s.end === f.end)) correct++;
        else misses.push(`false flag: ${f.text}`);
      }
      for (const s of spans) if (!findings.some((f) => f.start === s.start && f.end === s.end)) misses.push(`missed: ${text.slice(s.start, s.end)}`);
    }
    const precision = correct / flagged;
    const recall = correct / expected;
    expect(precision, misses.join('; ')).toBeGreaterThanOrEqual(0.9);
    expect(recall, misses.join('; ')).toBeGreaterThanOrEqual(0.95);
  });
});
