import { typography } from '../../src/checks/typography.js';
import { testCheck } from '../helpers/check-tester.js';

testCheck(typography, {
  valid: [
    'The talks resumed on Monday in Geneva.',
    'He said he had had enough of the delays.',
    'Officials said that that proposal was dead.',
    '"We will respond," the minister said.',
    { name: 'a quotation continued in the next paragraph', text: '"The first part of the quote runs on.\n\n"And it ends here," she said.' },
    'Prices rose... and then fell.',
    { name: 'German quotation marks', lang: 'de', text: 'Der Minister sprach von einem „schwierigen Winter“ für das Land.' },
  ],
  invalid: [
    {
      text: 'The the delegation arrived late.',
      findings: [{ text: 'The the', fix: '', severity: 'warning' }],
      output: 'The delegation arrived late.',
    },
    {
      name: 'a word looped by the translator is one finding',
      text: 'Talks ended the the the the day before.',
      findings: [{ text: 'the the the the', message: '"the" is written 4 times in a row.', fix: '' }],
      output: 'Talks ended the day before.',
    },
    {
      text: 'Talks will resume  on Friday.',
      findings: [{ text: '  ', fix: ' ', severity: 'info' }],
      output: 'Talks will resume on Friday.',
    },
    {
      text: 'The convoy arrived , officials said .',
      findings: [
        { text: ' ,', fix: '', severity: 'info' },
        { text: ' .', fix: '' },
      ],
      output: 'The convoy arrived, officials said.',
    },
    {
      text: 'He called it "a breakthrough in the talks.',
      findings: [{ text: '"', fix: null, severity: 'warning' }],
    },
    {
      text: 'She said the deal was “close” and then ” nothing more.',
      findings: [{ text: '”', occurrence: 1, fix: null }],
    },
    {
      name: 'a German quotation left open',
      lang: 'de',
      text: 'Er nannte es „einen Durchbruch und ging.',
      findings: [{ text: '„', fix: null }],
    },
  ],
});
