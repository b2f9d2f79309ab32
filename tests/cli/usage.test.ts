/**
 * The command line's own usage: every command answers --help (and -h, and `workbench help
 * COMMAND`) with its usage; a wrong option is named in a clear line followed by that usage, exit 2,
 * nothing touched; a language code is validated as the import form and the API validate it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/run-cli.js';

  const COMMANDS = ['check', 'fix', 'import', 'backup', 'user', 'token', 'terms', 'names'];

/** The command line on a database in a fresh directory, which is returned to see what it wrote. */
function workbench(args: string[], input = '') {
  const dir = mkdtempSync(join(tmpdir(), 'wb-usage-'));
  const article = join(dir, 'article.txt');
  writeFileSync(article, 'Talks in Kiev ended.\n');
  const run = spawnSync(process.execPath, [CLI, ...args.map((arg) => arg.replace('ARTICLE', article))], {
    input,
    encoding: 'utf8',
    env: { ...process.env, WORKBENCH_DB: join(dir, 'workbench.sqlite') },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, files: readdirSync(dir) };
}

describe('workbench COMMAND --help', () => {
  it.each(COMMANDS)('%s prints its own usage and exits 0', (command) => {
    const run = workbench([command, '--help']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Usage: workbench ${command} `));
    // Its own options only: check's usage does not offer import's --title.
    expect(run.stdout.includes('--title')).toBe(command === 'import');
  });

  it('-h and workbench help COMMAND print the same', () => {
    const usage = workbench(['check', '--help']).stdout;
    expect(workbench(['check', '-h']).stdout).toBe(usage);
    expect(workbench(['help', 'check']).stdout).toBe(usage);
  });

  it('workbench help lists every command', () => {
    const run = workbench(['help']);
    expect(run.status).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`  workbench ${command} `);
  });
});

describe('a wrong option', () => {
  it.each(COMMANDS)('%s --bogus: named, then the command\'s usage, exit 2, nothing written', (command) => {
    const run = workbench([command, '--bogus', 'ARTICLE']);
    expect(run).toMatchObject({ status: 2, stdout: '', files: ['article.txt'] });
    const [message, blank, usage] = run.stderr.split('\n');
    expect([message, blank, usage]).toEqual(['workbench: unknown option --bogus', '', expect.stringMatching(new RegExp(`^Usage: workbench ${command} `))]);
    expect(run.stderr).not.toMatch(/positional argument|ERR_PARSE_ARGS/);
  });

  it.each([
    [['check', 'ARTICLE', '--lang'], 'workbench: --lang needs a value'],
    [['check', '--lang', '--format', 'json', 'ARTICLE'], 'workbench: --lang needs a value'],
    [['fix', '--write=yes', 'ARTICLE'], 'workbench: --write takes no value'],
    [['check', '-x', 'ARTICLE'], 'workbench: unknown option -x'],
  ])('%j: %s, then the usage', (args, message) => {
    const run = workbench(args);
    expect(run).toMatchObject({ status: 2, stdout: '' });
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([message, '', expect.stringMatching(/^Usage: workbench /)]);
  });

  it('takes "-" as a value: standard input for --source', () => {
    const run = workbench(['check', '--format', 'json', '--source', '-', 'ARTICLE'], 'Переговори в Києві завершилися.\n');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ check: 'terms', text: 'Kiev' })]);
  });
});

describe('language codes, validated as the import form and the API validate them', () => {
  it.each([
    [['check', '--lang', 'english', 'ARTICLE'], '“english” is not a translation language code'],
    [['check', '--source-lang', 'russian', '--source', 'ARTICLE', 'ARTICLE'], '“russian” is not a source language code'],
    [['fix', '--lang', 'en_GB', 'ARTICLE'], '“en_GB” is not a translation language code'],
    [['import', '--lang', 'english', 'ARTICLE'], '“english” is not a translation language code'],
    [['import', '--source-lang', '../etc', '--source', 'ARTICLE', 'ARTICLE'], '“../etc” is not a source language code'],
  ])('%j is refused with exit 2, nothing checked or stored', (args, message) => {
    const run = workbench(args);
    expect(run).toMatchObject({ status: 2, stdout: '', files: ['article.txt'] });
    expect(run.stderr).toBe(`workbench: ${message} such as en, uk or ru.\n`);
  });

  it('takes a well-formed code, with a region', () => {
    const run = workbench(['check', '--lang', 'en-GB', 'ARTICLE']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Kyiv');
  });
});
