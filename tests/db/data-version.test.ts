import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { createRepositories } from '../../src/db/repositories/index.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('dataVersion', () => {
  it('moves at once with this connection’s writes, and with another’s from the next turn of the event loop', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wb-version-')), 'workbench.sqlite');
    const server = openDatabase(file);
    migrate(server);
    const repos = createRepositories(server);
    const other = openDatabase(file);

    const start = repos.dataVersion();
    expect(repos.dataVersion()).toBe(start);
    repos.users.insert({ name: 'olena', role: 'editor', passwordHash: 'x', now: 'now' });
    const afterOwnWrite = repos.dataVersion();
    expect(afterOwnWrite).not.toBe(start);

    other.prepare("UPDATE users SET role = 'translator' WHERE name = 'olena'").run();
    // Within one turn (one request) the version stays as it stood when the turn began…
    expect(repos.dataVersion()).toBe(afterOwnWrite);
    await nextTurn();
    // …and the next one sees the other connection's commit.
    expect(repos.dataVersion()).not.toBe(afterOwnWrite);
    other.close();
    server.close();
  });
});
