import { boilerplate } from '../../src/checks/boilerplate.js';
import { testCheck } from '../helpers/check-tester.js';

const COUNTER = /counter from the web page, not article text/;

testCheck(boilerplate, {
  valid: [
    'The views of residents in Bucha were mixed.',
    'The video showed several drones flying low over the harbour.',
    'Read also the report the ministry released on Friday.',
    'Video footage showed smoke rising over the port of Odesa.',
    'Officials said 12 comments were submitted during the consultation.',
    'Share prices in Kyiv fell by three percent on Monday.',
    'He urged residents to share information about the strike with the police.',
    'Related talks between the two delegations are planned for next week.',
    'Gallery owners in Lviv reopened their doors on Saturday.',
    'Photos of the damaged school circulated on social media within hours.',
    'Machine translation has improved quickly, researchers at the university say.',
    'The website uses cookies to track its readers, the regulator found.',
    'Follow the money, the prosecutor told reporters in Dnipro.',
    'Disclaimer: the ministry accepts no responsibility for the casualty figures.',
    'Comments by the minister angered officials in Warsaw.',
    { name: 'a lone photo credit may be a legitimate part of the article', text: 'Olena Marchenko, Photo: Ukrinform\n\nThe mayor met residents on Monday.' },
    { name: 'different credits, each once', text: 'Photo: Reuters\n\nThe convoy left at dawn.\n\nPhoto: AFP\n\nIt arrived by noon.' },
  ],
  invalid: [
    {
      name: 'a view and comment counter between paragraphs',
      text: 'The talks ended without a deal.\n\n5142 views 9 comment(s)\n\nNegotiators will meet again in May.',
      findings: [{ text: '5142 views 9 comment(s)', message: COUNTER, fix: '', severity: 'error' }],
      output: 'The talks ended without a deal.\n\nNegotiators will meet again in May.',
    },
    {
      name: 'a counter above the headline, at the start of the article',
      text: '1.2K views\n\nGrain corridor reopens\n\nThe first ship left Odesa on Sunday.',
      findings: [{ text: '1.2K views', fix: '' }],
      output: 'Grain corridor reopens\n\nThe first ship left Odesa on Sunday.',
    },
    {
      name: 'labelled counters',
      text: 'The bridge reopened on Friday.\n\nViews: 3 410\n12 comments\n\nTraffic resumed within hours.',
      findings: [
        { text: 'Views: 3 410', message: COUNTER, fix: '' },
        { text: '12 comments', message: COUNTER, fix: '' },
      ],
      output: 'The bridge reopened on Friday.\n\nTraffic resumed within hours.',
    },
    {
      name: 'a trailing "Bonus video:" line at the end of the article',
      text: 'The spokesman declined to give details.\n\nBonus video:',
      findings: [{ text: 'Bonus video:', message: /video or photo gallery label/, fix: '' }],
      output: 'The spokesman declined to give details.',
    },
    {
      name: 'residue lines at the end keep the final line break',
      text: 'The spokesman declined to give details.\n\nShare on Facebook\nBonus video: \n',
      findings: [
        { text: 'Share on Facebook', message: /share the article/, fix: '' },
        { text: 'Bonus video:', fix: '' },
      ],
      output: 'The spokesman declined to give details.\n',
    },
    {
      name: 'a block of residue between paragraphs keeps one blank line and the first caption',
      text:
        'Air raid sirens sounded across the east.\n\n5142 views 9 comment(s)\nIhor Terekhov, Photo: Suspilne\nIhor Terekhov, Photo: Suspilne\n' +
        'Disclaimer: The translations are mostly done through AI translator and might not be 100% accurate.\n\nThe mayor said the city was ready.',
      findings: [
        { text: '5142 views 9 comment(s)', fix: '' },
        { text: 'Ihor Terekhov, Photo: Suspilne', occurrence: 1, message: /repeated from the web page.*paragraph 3/, fix: '' },
        {
          text: 'Disclaimer: The translations are mostly done through AI translator and might not be 100% accurate.',
          message: /machine-translated/,
          fix: '',
        },
      ],
      output: 'Air raid sirens sounded across the east.\n\nIhor Terekhov, Photo: Suspilne\n\nThe mayor said the city was ready.',
    },
    {
      name: 'a "Read also" link line',
      text: 'Shelling hit Kherson overnight.\n\nRead also: Russia strikes Kharkiv with guided bombs\n\nTwo people were injured.',
      findings: [{ text: 'Read also: Russia strikes Kharkiv with guided bombs', message: /link to another article/, fix: '' }],
      output: 'Shelling hit Kherson overnight.\n\nTwo people were injured.',
    },
    {
      name: 'only the link goes; the paragraph right under it is article text',
      text: 'Read also: Kyiv hosts donor conference\nThe conference opened on Tuesday with pledges from twelve countries.\nOfficials expect more',
      findings: [{ text: 'Read also: Kyiv hosts donor conference', fix: '' }],
      output: 'The conference opened on Tuesday with pledges from twelve countries.\nOfficials expect more',
    },
    {
      name: 'a "Read also:" list of bulleted links',
      text: 'Shelling hit Kherson overnight.\n\nRead also:\n- Russia strikes Kharkiv with guided bombs\n- Zelensky meets EU leaders in Brussels\n\nTwo people were injured.',
      findings: [
        { text: 'Read also:', fix: '', severity: 'error' },
        // Told from article text by their shape alone.
        { text: '- Russia strikes Kharkiv with guided bombs', message: /listed under “Read also:”/, fix: '', severity: 'warning' },
        { text: '- Zelensky meets EU leaders in Brussels', fix: '' },
      ],
      output: 'Shelling hit Kherson overnight.\n\nTwo people were injured.',
    },
    {
      name: 'a "See also:" list of headline links ends at the blank line',
      text: 'Shelling hit Kherson overnight.\nSee also:\nWill the grain deal survive the winter?\nPower cuts return to Kyiv\n\nTwo people were injured.',
      findings: [
        { text: 'See also:', fix: '' },
        { text: 'Will the grain deal survive the winter?', fix: '' },
        { text: 'Power cuts return to Kyiv', fix: '' },
      ],
      output: 'Shelling hit Kherson overnight.\n\nTwo people were injured.',
    },
    {
      name: 'share and follow prompts',
      text: 'Repairs will take a month.\n\nFollow us on Telegram\nSubscribe to our channel\n\nShare this article',
      findings: [
        { text: 'Follow us on Telegram', fix: '' },
        { text: 'Subscribe to our channel', fix: '' },
        { text: 'Share this article', fix: '' },
      ],
      output: 'Repairs will take a month.',
    },
    {
      name: 'a machine translation note',
      text: 'This article was machine translated and may contain errors.\n\nThe court will rule next week.',
      findings: [{ text: 'This article was machine translated and may contain errors.', message: /machine-translated/, fix: '' }],
      output: 'The court will rule next week.',
    },
    {
      name: 'cookie and newsletter prompts',
      text: 'The court will rule next week.\n\nWe use cookies to improve your experience on our site.\nSign up for our daily newsletter\n\nThe hearing is public.',
      findings: [
        { text: 'We use cookies to improve your experience on our site.', message: /cookie notice/, fix: '' },
        { text: 'Sign up for our daily newsletter', message: /newsletter/, fix: '' },
      ],
      output: 'The court will rule next week.\n\nThe hearing is public.',
    },
    {
      name: 'gallery and video labels',
      text: 'Photo gallery\n\nRescuers searched the rubble for a second day.\n\nWatch: Drone footage of the strike on the port\n\nVideo:',
      findings: [
        { text: 'Photo gallery', fix: '' },
        { text: 'Watch: Drone footage of the strike on the port', fix: '' },
        { text: 'Video:', fix: '' },
      ],
      output: 'Rescuers searched the rubble for a second day.',
    },
    {
      name: 'a photo credit repeated further down',
      text: 'Photo: Reuters/John Smith\n\nThe ferry sank near the coast.\n\nPhoto: Reuters/John Smith\n\nAll crew members were rescued.',
      findings: [{ text: 'Photo: Reuters/John Smith', occurrence: 1, message: /paragraph 1\./, fix: '' }],
      output: 'Photo: Reuters/John Smith\n\nThe ferry sank near the coast.\n\nAll crew members were rescued.',
    },
    {
      name: 'every later copy of a credit',
      text: 'Illustration: Shutterstock\nIllustration: Shutterstock\n\nPrices rose again in March.\n\nillustration:  Shutterstock',
      findings: [
        { text: 'Illustration: Shutterstock', occurrence: 1, fix: '' },
        { text: 'illustration:  Shutterstock', fix: '' },
      ],
      output: 'Illustration: Shutterstock\n\nPrices rose again in March.',
    },
    {
      name: 'Windows line breaks',
      text: 'The plant was shut down.\r\n\r\n12 comments\r\n\r\nEngineers are on site.\r\n',
      findings: [{ text: '12 comments', fix: '' }],
      output: 'The plant was shut down.\r\n\r\nEngineers are on site.\r\n',
    },
    {
      name: 'advertisement labels and tag lists',
      text: 'Exports grew in May.\n\nAdvertisement\n\nImports fell.\n\nTags: Ukraine, economy, exports',
      findings: [
        { text: 'Advertisement', message: /advertisement label/, fix: '' },
        { text: 'Tags: Ukraine, economy, exports', message: /tags/, fix: '' },
      ],
      output: 'Exports grew in May.\n\nImports fell.',
    },
  ],
});
