import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { importArticle } from '../../src/services/import.js';
import { clientAs, demoText, reference, testConfig, testContext } from '../helpers/app.js';
import { costOf } from '../helpers/cost.js';
import { buildDocx, buildDocxBomb, declareUncompressedSize } from '../helpers/docx.js';
import { CLI } from '../helpers/run-cli.js';
import { dumpDatabase, dumpTables } from '../helpers/sqlite-dump.js';

const KB = 1024;
const MB = 1024 * KB;

/**
 * Uploads may be larger than the article limit, as in the app (5 MB and 2 MB): a file whose text
 * is over the limit then reaches the extraction, and a 200 KB zip bomb the unzipping. A .docx may
 * unpack to 16 times the article limit: 1 MB here. Edit forms take a 20,000-character passage.
 */
const config: Config = { ...testConfig, maxBodyBytes: 64 * KB, maxFormBytes: 64 * KB, maxUploadBytes: 512 * KB };

/** A translation stuck in a loop: `n` characters of "the the the …". */
const looped = (n: number) => 'the '.repeat(Math.ceil(n / 4)).slice(0, n);

/** 20 paragraphs of looped words: 78 KB of text however a file type lays them out, over the 64 KB limit. */
const overLimit = Array.from({ length: 20 }, () => looped(3_999));

/** What each file type's refusal says of it: its size, to a tenth of a kilobyte, and the limit. */
const holdsTooMuch = (file: string) => new RegExp(`${file.replace('.', '\\.')} holds 78\\.\\d KB of text; an article may have at most 64 KB\\.`);

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** A multipart import form written out by hand, so a field can carry bytes that are not UTF-8. */
function rawMultipart(csrf: string, fields: Record<string, Buffer | string>): Buffer {
  const parts = Object.entries({ _csrf: csrf, ...fields }).map(([name, value]) =>
    Buffer.concat([Buffer.from(`--XYZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), Buffer.from(value), Buffer.from('\r\n')]),
  );
  return Buffer.concat([...parts, Buffer.from('--XYZ--\r\n')]);
}

/** The app with the demo article imported, and an editor's client whose API token has had its first use. */
async function fixture() {
  const { db, ctx } = testContext();
  const app = createApp({ db, config, reference, log: () => {} });
  const web = clientAs(app, ctx, 'editor');
  const { id } = await importArticle(ctx, { text: demoText });
  // A token's first use stamps it; after that, a refused request writes nothing.
  await web.api.get(`/api/articles/${id}`).expect(200);
  return { app, db, ctx, web, id };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

const messageOf = (res: request.Response): string => (/json/.test(res.type) ? String(res.body.error?.message) : res.text);

/** Built once: the 200 MB bomb takes deflate some seconds. */
const inputs: { bomb: Buffer; lying: Buffer; loopDocx: Buffer } = { bomb: Buffer.alloc(0), lying: Buffer.alloc(0), loopDocx: Buffer.alloc(0) };

beforeAll(async () => {
  inputs.bomb = await buildDocxBomb(200 * MB);
  // Claims 1 KB for the part that inflates to 200 MB: within every limit until it is inflated.
  inputs.lying = declareUncompressedSize(inputs.bomb, 'word/document.xml', KB);
  inputs.loopDocx = await buildDocx(overLimit);
}, 60_000);

interface Refusal {
  name: string;
  send: (f: Fixture) => request.Test;
  status: number;
  message: string | RegExp;
}

const upload = (f: Fixture) => f.web.upload('/articles');

/** A JSON post of these bytes as they are (superagent would serialise a Buffer as JSON). */
function rawJson(f: Fixture, bytes: Buffer): request.Test {
  const post = f.web.api.post('/api/articles').set('Content-Type', 'application/json; charset=utf-8');
  post.write(bytes);
  return post;
}

const refusals: Refusal[] = [
  // Uploads on the import page.
  {
    name: 'a .docx zip bomb, 200 KB that unpack to 200 MB',
    send: (f) => upload(f).attach('file', inputs.bomb, 'bomb.docx'),
    status: 413,
    message: 'bomb.docx unpacks to 200 MB; the limit is 1 MB unpacked.',
  },
  {
    name: 'a .docx whose document.xml claims 1 KB and inflates to 200 MB',
    send: (f) => upload(f).attach('file', inputs.lying, 'lying.docx'),
    status: 422,
    message: 'lying.docx is not a readable .docx document',
  },
  {
    name: 'a small .docx whose text is over the article limit',
    send: (f) => upload(f).attach('file', inputs.loopDocx, 'loop.docx'),
    status: 413,
    message: holdsTooMuch('loop.docx'),
  },
  {
    name: 'a .txt whose text is over the article limit',
    send: (f) => upload(f).attach('file', Buffer.from(overLimit.join('\n\n')), 'loop.txt'),
    status: 413,
    message: holdsTooMuch('loop.txt'),
  },
  {
    name: 'a .md whose text is over the article limit',
    send: (f) => upload(f).attach('file', Buffer.from(overLimit.map((p) => `* ${p}`).join('\n')), 'loop.md'),
    status: 413,
    message: holdsTooMuch('loop.md'),
  },
  {
    name: 'an .html file whose text is over the article limit',
    send: (f) => upload(f).attach('file', Buffer.from(`<body>${overLimit.map((p) => `<p><b>${p}</b></p>`).join('')}</body>`), 'loop.html'),
    status: 413,
    message: holdsTooMuch('loop.html'),
  },
  {
    name: 'a source file whose text is over the article limit',
    send: (f) => upload(f).field('text', 'Talks in Kiev ended.').attach('sourceFile', Buffer.from(overLimit.join('\n\n')), 'source.txt'),
    status: 413,
    message: holdsTooMuch('source.txt'),
  },
  {
    name: 'a file over the upload limit',
    send: (f) => upload(f).attach('file', Buffer.alloc(600 * KB, 'a'), 'big.txt'),
    status: 413,
    message: 'Upload refused: File too large; the limit is 512 KB.',
  },
  {
    name: 'a pasted text over the article limit',
    send: (f) => upload(f).field('text', overLimit.join('\n\n')),
    status: 413,
    message: 'Upload refused: Field value too long; the limit is 64 KB.',
  },
  {
    name: 'a pasted text with a passage over 20,000 characters',
    send: (f) => upload(f).field('text', `Talks in Kiev\n\n${looped(20_001)}`),
    status: 422,
    message: 'Line 3 of the text has 20,001 characters; a passage has at most 20,000.',
  },
  {
    name: 'an uploaded .txt with a passage over 20,000 characters',
    send: (f) => upload(f).attach('file', Buffer.from(`Talks in Kiev\r\n${'!'.repeat(25_000)}\r\n`), 'wall.txt'),
    status: 422,
    message: 'Line 2 of the text has 25,000 characters; a passage has at most 20,000.',
  },
  {
    name: 'a pasted source with a passage over 20,000 characters',
    send: (f) => upload(f).field('text', 'Talks in Kiev ended.').field('source', looped(20_001)),
    status: 422,
    message: 'Line 1 of the source has 20,001 characters; a passage has at most 20,000.',
  },
  {
    name: 'a title of 201 characters',
    send: (f) => upload(f).field('title', 'T'.repeat(201)).field('text', 'Talks in Kiev ended.'),
    status: 422,
    message: 'A title has at most 200 characters; this one has 201.',
  },
  {
    name: 'a pasted text in Latin-1',
    send: (f) => request(f.app).post('/articles').set('Cookie', f.web.cookie).set('Content-Type', 'multipart/form-data; boundary=XYZ').send(rawMultipart(f.web.csrf, { text: latin1('Caf\xe9 owners in Kiev.') })),
    status: 400,
    message: 'Malformed request body: the field “text” is not UTF-8 text.',
  },
  {
    name: 'a title cut in the middle of a UTF-8 character',
    send: (f) =>
      request(f.app)
        .post('/articles')
        .set('Cookie', f.web.cookie)
        .set('Content-Type', 'multipart/form-data; boundary=XYZ')
        .send(rawMultipart(f.web.csrf, { title: Buffer.from('Київ').subarray(0, 3), text: 'Talks in Kiev ended.' })),
    status: 400,
    message: 'Malformed request body: the field “title” is not UTF-8 text.',
  },

  // The JSON API.
  {
    name: 'API: a body over the article limit',
    send: (f) => f.web.api.post('/api/articles').send({ text: overLimit.join('\n\n') }),
    status: 413,
    message: 'The request body is too large: the limit is 64 KB.',
  },
  {
    name: 'API: a passage over 20,000 characters',
    send: (f) => f.web.api.post('/api/articles').send({ text: `Talks in Kiev\n${'. '.repeat(10_001)}` }),
    status: 422,
    message: 'Line 2 of the text has 20,001 characters; a passage has at most 20,000.',
  },
  {
    name: 'API: a title of 201 characters',
    send: (f) => f.web.api.post('/api/articles').send({ title: 'Т'.repeat(201), text: 'Talks in Kiev ended.' }),
    status: 422,
    message: 'A title has at most 200 characters; this one has 201.',
  },
  {
    name: 'API: a title of 600 characters, past what the schema once capped',
    send: (f) => f.web.api.post('/api/articles').send({ title: 'T'.repeat(600), text: 'Talks in Kiev ended.' }),
    status: 422,
    message: 'A title has at most 200 characters; this one has 600.',
  },
  {
    name: 'API: JSON in Latin-1',
    send: (f) => rawJson(f, latin1('{"text": "Caf\xe9 owners in Kiev."}')),
    status: 400,
    message: 'Malformed request body: it is not UTF-8 text. Send the article as JSON in UTF-8.',
  },
  {
    name: 'API: JSON with an overlong UTF-8 encoding of "/"',
    send: (f) => rawJson(f, Buffer.concat([Buffer.from('{"text": "Kiev '), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])),
    status: 400,
    message: 'Malformed request body: it is not UTF-8 text.',
  },

  // Editing a passage.
  {
    name: 'edit: a passage of 20,001 characters',
    send: (f) => f.web.post(`/articles/${f.id}/passages/1`, { text: looped(20_001), version: '1', category: 'fluency' }),
    status: 422,
    message: 'The passage has 20,001 characters; a passage has at most 20,000.',
  },
];

describe('hostile input through uploads and the API: refused with its limit named, nothing stored changes', () => {
  for (const c of refusals) {
    it(`${c.name}: ${c.status}`, async () => {
      const f = await fixture();
      const before = dumpTables(f.db);
      const res = await c.send(f);
      expect(res.status, res.text.slice(0, 500)).toBe(c.status);
      if (typeof c.message === 'string') expect(messageOf(res)).toContain(c.message);
      else expect(messageOf(res)).toMatch(c.message);
      expect(dumpTables(f.db)).toEqual(before);
    });
  }
});

describe('what is taken', () => {
  it('text fields in UTF-8 are stored as sent, a U+FFFD in them too', async () => {
    const f = await fixture();
    const title = 'Переговори в Києві: “café” — €';
    const text = 'Talks in Kiev ended. The caf\u00e9 owner\u2019s \ufffd stays.\n\nНова сесія почнеться в понеділок.';
    const res = await upload(f).field('title', title).field('text', text).expect(303);
    const id = Number(/\/articles\/(\d+)$/.exec(res.headers.location!)![1]);
    expect(f.ctx.repos.articles.find(id)).toMatchObject({ title, aiText: text });
  });

  it('a title taken from a long first line is shortened, not refused', async () => {
    const f = await fixture();
    const headline = `Talks in Kiev ${looped(300)}`;
    const { body } = await f.web.api.post('/api/articles').send({ text: `${headline}\n\nThey ended on Monday.` }).expect(201);
    expect(f.ctx.repos.articles.find(body.id)!.title).toBe(`${headline.slice(0, 199)}…`);
  });
});

describe('the cost of refusing a zip bomb', () => {
  it('is about that of a normal upload of the same compressed size, in CPU time and in memory', async () => {
    const f = await fixture();
    // A .docx of an incompressible image and one paragraph: 200 KB that unpack to 200 KB.
    const normal = await buildDocx(['Talks in Kyiv ended.'], { 'word/media/image1.png': randomBytes(inputs.bomb.length) });
    expect(normal.length / inputs.bomb.length).toBeCloseTo(1, 1);
    const send = (file: Buffer, name: string) => () => upload(f).attach('file', file, name);
    const accepted = await costOf(send(normal, 'normal.docx'));
    const bomb = await costOf(send(inputs.bomb, 'bomb.docx'));
    const lying = await costOf(send(inputs.lying, 'lying.docx'));
    // Inflating the bomb cost 227 times the normal upload's CPU and 126 times its memory before
    // the limits, with a bomb of 20 MB; refusing it costs less than the normal upload's import.
    for (const refused of [bomb, lying]) {
      expect(refused.cpuMs / accepted.cpuMs).toBeLessThan(2);
      // A collection mid-call moves memory in use by a megabyte or so; the bomb would be 200.
      expect(refused.peakBytes).toBeLessThan(2 * accepted.peakBytes + MB);
    }
  }, 60_000);
});

describe('workbench import (the command line, with the app\u2019s limits: 2 MB of text, 5 MB a file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-hostile-'));
  const dbFile = join(dir, 'workbench.sqlite');
  const write = (name: string, bytes: string | Buffer) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'import', ...args], { encoding: 'utf8', env: { ...process.env, WORKBENCH_DB: dbFile } });

  beforeAll(() => {
    expect(run([write('talks.txt', 'Talks in Kiev\n\nThey ended on Monday.')]).status).toBe(0);
  });

  const cases: { name: string; args: () => string[]; message: RegExp }[] = [
    { name: 'a .docx zip bomb', args: () => [write('bomb.docx', inputs.bomb)], message: /bomb\.docx unpacks to 200 MB; the limit is 32 MB unpacked\.$/ },
    { name: 'a .txt of 2.1 MB of text', args: () => [write('loop.txt', Array.from({ length: 2_200 }, () => looped(999)).join('\n'))], message: /loop\.txt holds 2\.1 MB of text; an article may have at most 2 MB\.$/ },
    { name: 'a file of 6 MB', args: () => [write('huge.html', `<p>${'a'.repeat(6 * MB)}</p>`)], message: /huge\.html is 6 MB; a file to import may be at most 5 MB\.$/ },
    { name: 'a source file of 2.2 MB of text', args: () => [join(dir, 'talks.txt'), '--source', write('source.md', 'Переговори '.repeat(110_000))], message: /source\.md holds 2\.2 MB of text; an article may have at most 2 MB\.$/ },
    { name: 'a passage of 20,001 characters', args: () => [write('wall.txt', `Talks\n\n${'!'.repeat(20_001)}`)], message: /Line 3 of the text has 20,001 characters; a passage has at most 20,000\.$/ },
    { name: 'a --title of 201 characters', args: () => [join(dir, 'talks.txt'), '--title', 'T'.repeat(201)], message: /A title has at most 200 characters; this one has 201\.$/ },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} with status 2 and one line naming the limit, storing nothing`, async () => {
      const args = c.args();
      const before = dumpDatabase(dbFile);
      const result = run(args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^workbench: [^\n]*\n$/);
      expect(result.stderr.trimEnd()).toMatch(c.message);
      expect(dumpDatabase(dbFile)).toEqual(before);
    });
  }
});
