import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { createServiceContext } from '../../src/services/context.js';
import { authenticate, userOfToken } from '../../src/services/accounts.js';
import { reference } from '../helpers/app.js';
import { CLI } from '../helpers/run-cli.js';

function workbench(dbFile: string, args: string[], input = '') {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, WORKBENCH_DB: dbFile } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function services(dbFile: string) {
  return createServiceContext(openDatabase(dbFile), reference);
}

describe('workbench user add and token create', () => {
  it('adds a user with the password from standard input, and prints a working API token once', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'wb-accounts-')), 'workbench.sqlite');
    const added = workbench(db, ['user', 'add', 'olena', '--role', 'editor'], 'a password from stdin\n');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^\d+\n$/);
    const ctx = services(db);
    expect(await authenticate(ctx, 'olena', 'a password from stdin')).toMatchObject({ name: 'olena', role: 'editor' });

    const token = workbench(db, ['token', 'create', '--user', 'olena', '--label', 'CMS']);
    expect(token.status).toBe(0);
    expect(token.stdout).toMatch(/^wbt_[\w-]{43}\n$/);
    expect(userOfToken(ctx, token.stdout.trim())).toMatchObject({ name: 'olena', role: 'editor' });
    // Only a hash is stored.
    expect(JSON.stringify(ctx.repos.apiTokens.all())).not.toContain(token.stdout.trim());
  });

  it.each([
    [['user', 'add', 'olena'], 'a long enough password', /role must be one of/],
    [['user', 'add', 'olena', '--role', 'boss'], 'a long enough password', /role must be one of/],
    [['user', 'add', 'olena', '--role', 'editor'], '', /password on standard input/],
    [['user', 'add', 'olena', '--role', 'editor'], 'short', /at least 12 characters/],
    [['user', 'add', 'bad name!', '--role', 'editor'], 'a long enough password', /A name is/],
    [['user', 'remove', 'olena'], '', /usage: workbench user add/],
    [['token', 'create'], '', /usage: workbench token create/],
    [['token', 'create', '--user', 'nobody'], '', /no user called/],
  ])('refuses %j with exit 2 and one line', (args, input, message) => {
    const db = join(mkdtempSync(join(tmpdir(), 'wb-accounts-')), 'workbench.sqlite');
    const result = workbench(db, args, input);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a name that is taken, whatever its case', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'wb-accounts-')), 'workbench.sqlite');
    expect(workbench(db, ['user', 'add', 'Olena', '--role', 'admin'], 'a long enough password').status).toBe(0);
    const again = workbench(db, ['user', 'add', 'olena', '--role', 'editor'], 'a long enough password');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already a user');
  });
});
