import { describe, expect, it } from 'vitest';
import { batchedWrites } from '../../src/services/change-writes.js';
import { testContext } from '../helpers/app.js';

/** Writes a user row, the smallest write there is, and says which one. */
function addUser(ctx: ReturnType<typeof testContext>['ctx'], name: string): () => string {
  return () => {
    ctx.repos.users.insert({ name, role: 'translator', passwordHash: 'not-a-hash', now: ctx.now() });
    return name;
  };
}

describe('batched change writes', () => {
  it('commits up to `most` writes at once, in one transaction, and resolves each once committed', async () => {
    const { db, ctx } = testContext();
    const writes = batchedWrites(ctx.repos, { most: 3, waitMs: 60_000 });
    const commits: number[] = [];
    const first = [writes.store(addUser(ctx, 'a')), writes.store(addUser(ctx, 'b'))];
    // Two wait for a third (or the timer, a minute away): nothing is written yet.
    expect(ctx.repos.users.findByName('a')).toBeUndefined();
    const third = writes.store(() => {
      commits.push(db.inTransaction ? 1 : 0);
      return addUser(ctx, 'c')();
    });
    expect(await Promise.all([...first, third])).toEqual(['a', 'b', 'c']);
    expect(commits).toEqual([1]);
    expect(db.inTransaction).toBe(false);
    expect(['a', 'b', 'c'].map((name) => ctx.repos.users.findByName(name)?.name)).toEqual(['a', 'b', 'c']);
    writes.close();
  });

  it('writes what is ready after the wait, however few', async () => {
    const { ctx } = testContext();
    const writes = batchedWrites(ctx.repos, { most: 100, waitMs: 5 });
    expect(await writes.store(addUser(ctx, 'alone'))).toBe('alone');
    expect(ctx.repos.users.findByName('alone')).toBeDefined();
    writes.close();
  });

  it('refuses only the write that failed: the others of its batch are stored', async () => {
    const { ctx } = testContext();
    const writes = batchedWrites(ctx.repos, { most: 3, waitMs: 60_000 });
    const failing = () => {
      addUser(ctx, 'half-written')();
      throw new Error('refused');
    };
    const outcomes = await Promise.allSettled([writes.store(addUser(ctx, 'before')), writes.store(failing), writes.store(addUser(ctx, 'after'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(ctx.repos.users.findByName('half-written')).toBeUndefined();
    expect(ctx.repos.users.findByName('before')).toBeDefined();
    expect(ctx.repos.users.findByName('after')).toBeDefined();
    writes.close();
  });

  it('once closed, refuses what waits and what comes, writing none of it', async () => {
    const { ctx } = testContext();
    const writes = batchedWrites(ctx.repos, { most: 10, waitMs: 60_000 });
    const waiting = writes.store(addUser(ctx, 'waiting'));
    writes.close();
    await expect(waiting).rejects.toThrow('not stored');
    await expect(writes.store(addUser(ctx, 'late'))).rejects.toThrow('not stored');
    expect(ctx.repos.users.findByName('waiting')).toBeUndefined();
    expect(ctx.repos.users.findByName('late')).toBeUndefined();
  });
});
