import { describe, expect, it } from 'vitest';
import { fixArticle } from '../../src/checks/fixer.js';
import { checks } from '../../src/checks/index.js';
import { invisibleCharacters } from '../../src/checks/invisible-characters.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { analyse } from '../../src/text/analyse.js';
import { findingsOf, testCheck, testReference } from '../helpers/check-tester.js';
import { GROWTH_LIMIT, growthOf } from '../helpers/growth.js';

const ENGLAND_FLAG = '\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}';

testCheck(invisibleCharacters, {
  valid: [
    'Talks between the two delegations resumed on Monday in Geneva.',
    { name: 'a no-break space groups thousands visibly', text: 'About 40\u00a0000 people were left without heating.' },
    { name: 'ZWNJ inside a Persian word', text: 'Protesters in Tehran chanted “می\u200cخواهیم” outside the embassy.' },
    { name: 'ZWJ inside a Devanagari word', text: 'The sign above the door read “कार्\u200dयालय” in Hindi.' },
    { name: 'ZWJ joining emoji into one', text: 'The fire service posted a 👩\u200d🚒 emoji with its statement.' },
    { name: 'tag characters of a flag emoji', text: `Fans waved ${ENGLAND_FLAG} flags outside the stadium.` },
    { name: 'ZWSP between Thai words', text: 'The banner read “ภาษาไทย\u200bง่าย” in Thai.' },
    { name: 'RLM beside a Hebrew name', text: 'The Israeli daily הארץ\u200f (Haaretz) first reported the meeting.' },
  ],
  invalid: [
    {
      name: 'ZWSP grouping thousands',
      text: 'Some 100\u200b000 residents left the city before the winter.',
      findings: [{ text: '\u200b', fix: ',', severity: 'error', message: 'An invisible zero-width space (U+200B) sits inside “100000”; it groups thousands, so in English write 100,000.' }],
      output: 'Some 100,000 residents left the city before the winter.',
    },
    {
      name: 'ZWSPs grouping millions, each quoting the whole number',
      text: 'The region had 1\u200b250\u200b000 residents before the war.',
      findings: [
        { text: '\u200b', occurrence: 0, fix: ',', message: /write 1,250,000\.$/ },
        { text: '\u200b', occurrence: 1, fix: ',', message: /write 1,250,000\.$/ },
      ],
      output: 'The region had 1,250,000 residents before the war.',
    },
    {
      name: 'a word joiner grouping thousands in German',
      lang: 'de',
      text: 'Rund 700\u2060000 Menschen leben in der Stadt.',
      findings: [{ text: '\u2060', fix: '.', message: /word joiner \(U\+2060\).*in German write 700\.000\./ }],
      output: 'Rund 700.000 Menschen leben in der Stadt.',
    },
    {
      name: 'ZWSP before a year is not a digit group',
      text: 'Prices rose 12\u200b2024 percent, the report said.',
      findings: [{ text: '\u200b', fix: '', message: /inside “122024”: nothing shows/ }],
      output: 'Prices rose 122024 percent, the report said.',
    },
    {
      name: 'ZWJ inside an English name',
      text: 'US envoy Steve Wit\u200dkoff arrived in Moscow.',
      findings: [{ text: '\u200d', fix: '', message: 'An invisible zero-width joiner (U+200D) sits inside “Witkoff”: nothing shows, but searches and the other checks see the word broken there.' }],
      output: 'US envoy Steve Witkoff arrived in Moscow.',
    },
    {
      name: 'a right-to-left override',
      text: 'US envoy Steve Wit\u202ekoff arrived in Moscow.',
      findings: [{ text: '\u202e', fix: '', message: 'An invisible right-to-left override (U+202E) sits inside “Witkoff”: it can show the text around it in another order than it is stored and exported.' }],
      output: 'US envoy Steve Witkoff arrived in Moscow.',
    },
    {
      name: 'an override even beside right-to-left letters',
      text: 'The daily \u202eהארץ\u202c reported the meeting.',
      findings: [
        { text: '\u202e', fix: '', message: /right-to-left override \(U\+202E\) sits before “הארץ”/ },
        { text: '\u202c', fix: '', message: /pop directional formatting \(U\+202C\) sits after “הארץ”/ },
      ],
      output: 'The daily הארץ reported the meeting.',
    },
    {
      name: 'a left-to-right mark in a passage without right-to-left letters',
      text: 'Reuters\u200e reported the talks first.\n\nThe Israeli daily הארץ\u200f (Haaretz) followed.',
      findings: [{ text: '\u200e', fix: '', message: /left-to-right mark \(U\+200E\) sits after “Reuters”/ }],
      output: 'Reuters reported the talks first.\n\nThe Israeli daily הארץ\u200f (Haaretz) followed.',
    },
    {
      name: 'a soft hyphen inside a place name',
      text: 'Shelling hit Zapo\u00adrizhzhia overnight.',
      findings: [{ text: '\u00ad', fix: '', message: /soft hyphen \(U\+00AD\) sits inside “Zaporizhzhia”/ }],
      output: 'Shelling hit Zaporizhzhia overnight.',
    },
    {
      name: 'a byte order mark where two files were joined',
      text: 'The first part of the report ends here.\n\ufeffThe second part starts here.',
      findings: [{ text: '\ufeff', fix: '', message: /byte order mark \(U\+FEFF\) sits before “The”/ }],
      output: 'The first part of the report ends here.\nThe second part starts here.',
    },
    {
      name: 'one run of mixed characters is one finding naming each kind',
      text: 'Officials said the\u200b\u200b\u2060deal was close.',
      findings: [{ text: '\u200b\u200b\u2060', fix: '', message: /^3 invisible characters, zero-width space \(U\+200B\) and word joiner \(U\+2060\), sit inside “thedeal”/ }],
      output: 'Officials said thedeal was close.',
    },
    {
      name: 'ZWJ after an emoji but before a letter',
      text: 'The minister replied with 👍\u200dOK and nothing more.',
      findings: [{ text: '\u200d', fix: '' }],
      output: 'The minister replied with 👍OK and nothing more.',
    },
    {
      name: 'ZWSP between Thai and Latin letters',
      text: 'The brand ภาษา\u200bThai opened a shop.',
      findings: [{ text: '\u200b', fix: '' }],
      output: 'The brand ภาษาThai opened a shop.',
    },
    {
      name: 'tag characters hiding text after a full stop',
      text: 'The statement ended there.\u{e0068}\u{e0069}',
      findings: [{ text: '\u{e0068}\u{e0069}', fix: '', message: /^2 invisible characters, tag character \(U\+E0068\) and tag character \(U\+E0069\), sit after “there\.”/ }],
      output: 'The statement ended there.',
    },
    {
      name: 'a Persian ZWNJ is kept when an override beside it goes',
      text: 'Protesters chanted “می\u200c\u202eخواهیم” outside.',
      findings: [{ text: '\u200c\u202e', fix: '\u200c', message: /^An invisible right-to-left override \(U\+202E\) sits inside/ }],
      output: 'Protesters chanted “می\u200cخواهیم” outside.',
    },
  ],
});

describe('invisible-characters with the other checks', () => {
  const text = [
    'US envoy Steve Witkoff met officials in Moscow on Friday.',
    'Vit\u200dkoff said afterwards that the talks in Ki\u00adev would follow, and the city of 700.\u200b000 prepared for them.',
  ].join('\n\n');
  const atSlips = (findings: { check: string; text: string }[]) =>
    findings.filter((f) => ['Vitkoff', 'Kiev', '700.000'].includes(f.text)).map((f) => `${f.check}: ${f.text}`);

  it('hide slips from them until they are removed', () => {
    const others = checks.filter((c) => c !== invisibleCharacters);
    expect(atSlips(runChecks(analyse({ text }, testReference()), { checks: others }))).toEqual([]);
    const fixed = fixArticle({ text }, testReference(), { checks: [invisibleCharacters] }).text;
    expect(fixed).not.toMatch(/\p{Cf}/u);
    expect(atSlips(runChecks(analyse({ text: fixed }, testReference())))).toEqual(['name-variants: Vitkoff', 'terms: Kiev', 'number-format: 700.000']);
  });
});

describe('invisible-characters cost', () => {
  // A long passage of bidi marks (each needs to know whether its passage is right-to-left), a
  // long number grouped by zero-width spaces (each message quotes the number), short lines with
  // a slip each, and a wall of zero-width spaces. Sized so that at 4x the findings still fit
  // V8's young generation: past it the cost per finding steps up once (more survivors to copy)
  // and then grows linearly again, a step a 4x ratio would mistake for worse growth.
  const make = (size: number) => {
    const text = [
      'Reuters\u200e said '.repeat(size),
      `100${'\u200b000'.repeat(size)}`,
      Array.from({ length: size }, (_, i) => `Line ${i} names Wit\u200dkoff.`).join('\n'),
      '\u200b'.repeat(size * 40),
    ].join('\n');
    return analyse({ text }, testReference());
  };

  it('grows near-linearly with the text', () => {
    const growth = growthOf(400, make, (article) => invisibleCharacters.run(article));
    expect(growth).toBeLessThan(GROWTH_LIMIT);
  });

  it('reports each run once, however long', () => {
    expect(findingsOf(invisibleCharacters, { text: `A wall${'\u200b'.repeat(5000)}here.` }).map((f) => f.message)).toEqual([
      '5000 invisible characters, zero-width space (U+200B), sit inside “wallhere.”: nothing shows, but searches and the other checks see the word broken there.',
    ]);
  });
});
