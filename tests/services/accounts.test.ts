import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrate.js';
import { createUser, sessionFinder, startSession, updateUser } from '../../src/services/accounts.js';
import { ValidationError } from '../../src/errors.js';
import type { ServiceContext } from '../../src/services/context.js';
import { contextOver, testContext, testConfig, testUser } from '../helpers/app.js';

const policy = testConfig.session;

/** A context whose clock stands still until moved. */
function atTime(ctx: ServiceContext, start = Date.UTC(2026, 0, 1)) {
  let time = start;
  return { ctx: { ...ctx, now: () => new Date(time).toISOString() }, advance: (ms: number) => (time += ms) };
}

describe('sessionFinder', () => {
  it('reads a session once while nothing changes, and again after any change', () => {
    const { ctx: base } = testContext();
    const { ctx } = atTime(base);
    const editor = testUser(ctx, 'editor');
    const id = startSession(ctx, editor.id, 'a'.repeat(32), policy);
    const find = sessionFinder(ctx, policy);
    const reads = vi.spyOn(ctx.repos.sessions, 'find');
    expect(find(id)?.user).toMatchObject({ name: 'editor', role: 'editor' });
    expect(find(id)?.user?.name).toBe('editor');
    expect(reads).toHaveBeenCalledTimes(1);
    // A role change, made through this connection, is seen at once.
    updateUser(ctx, editor.id, { role: 'translator' });
    expect(find(id)?.user?.role).toBe('translator');
    expect(reads).toHaveBeenCalledTimes(2);
    expect(find('not-a-session')).toBeUndefined();
  });

  it('sees a sign-out or a disabled user committed by another process, from the next request on', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wb-sessions-')), 'workbench.sqlite');
    const server = openDatabase(file);
    migrate(server);
    const { ctx } = contextOver(server);
    const translator = testUser(ctx, 'translator');
    const kept = startSession(ctx, translator.id, 'b'.repeat(32), policy);
    const ended = startSession(ctx, translator.id, 'c'.repeat(32), policy);
    const find = sessionFinder(ctx, policy);
    expect(find(kept)?.user?.name).toBe('translator');
    expect(find(ended)?.user?.name).toBe('translator');

    const cli = openDatabase(file);
    const nextRequest = () => new Promise((resolve) => setImmediate(resolve));
    cli.prepare('DELETE FROM sessions WHERE id_hash = (SELECT id_hash FROM sessions ORDER BY created_at DESC LIMIT 1)').run();
    await nextRequest();
    expect(find(ended)).toBeUndefined();
    cli.prepare('UPDATE users SET disabled = 1 WHERE name = ?').run('translator');
    await nextRequest();
    expect(find(kept)?.user).toBeNull();
    cli.close();
    server.close();
  });

  it('still ends a remembered session when it has been idle too long or lived too long', () => {
    const { ctx: base } = testContext();
    const { ctx, advance } = atTime(base);
    const user = testUser(ctx, 'editor');
    const idle = startSession(ctx, user.id, 'd'.repeat(32), policy);
    const find = sessionFinder(ctx, policy);
    expect(find(idle)).toBeDefined();
    advance(policy.idleMs + 1);
    expect(find(idle)).toBeUndefined();

    const busy = startSession(ctx, user.id, 'e'.repeat(32), policy);
    // Used every few minutes, it moves last_seen_at and lives until the absolute limit.
    for (let t = 0; t < policy.absoluteMs; t += 4 * 60_000) {
      expect(find(busy)).toBeDefined();
      advance(4 * 60_000);
    }
    advance(1);
    expect(find(busy)).toBeUndefined();
  });

  it('keeps a session used more often than a short idle timeout alive', () => {
    const { ctx: base } = testContext();
    const { ctx, advance } = atTime(base);
    const short = { ...policy, idleMs: 3 * 60_000 };
    const id = startSession(ctx, testUser(ctx, 'editor').id, 'f'.repeat(32), short);
    const find = sessionFinder(ctx, short);
    for (let minute = 0; minute < 30; minute += 2) {
      expect(find(id), `minute ${minute}`).toBeDefined();
      advance(2 * 60_000);
    }
  });
});

describe('user names', () => {
  const password = 'long enough password';
  const accepted: [string, string][] = [
    ['taras.k-2', 'taras.k-2'],
    ['олена_1', 'олена_1'],
    ['Ζωή', 'Ζωή'],
    // Fullwidth letters fold to the plain ones they look like.
    ['ｍｙｋｏｌａ', 'mykola'],
    ['taras𝟐', 'taras2'],
  ];
  it.each(accepted)('%s is accepted as %s', async (name, stored) => {
    const { ctx } = testContext();
    expect((await createUser(ctx, { name, role: 'translator', password })).name).toBe(stored);
  });

  const refused: [string, string][] = [
    ['аdmin', 'a Cyrillic а among Latin letters'],
    ['pаypal', 'a Cyrillic а inside a Latin name'],
    ['οlena', 'a Greek omicron before Latin letters'],
    ['олеnа', 'a Latin n among Cyrillic letters'],
    ['ad\u200bmin', 'an invisible space'],
  ];
  it.each(refused)('%s is refused (%s)', async (name) => {
    const { ctx } = testContext();
    await expect(createUser(ctx, { name, role: 'admin', password })).rejects.toThrow(ValidationError);
    expect(ctx.repos.users.isEmpty()).toBe(true);
  });

  it('a name folded to one that exists is taken', async () => {
    const { ctx } = testContext();
    await createUser(ctx, { name: 'admin', role: 'admin', password });
    await expect(createUser(ctx, { name: 'ａｄｍｉｎ', role: 'admin', password })).rejects.toThrow('There is already a user called “admin”');
  });
});
