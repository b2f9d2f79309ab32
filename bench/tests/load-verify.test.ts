/**
 * The count behind `npm run load` (bench/load.ts verifyDatabase): edits made through the
 * review service stand for the server's, and a database doctored afterwards stands for a server
 * that loses an update, stores a refused edit or skips a version. A check that cannot fail
 * would pass every load test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOAD_OPTIONS, editText, prepareDatabase, verifyDatabase, type Fixture, type PassageRef, type Write } from '../load.js';
import { openDatabase, type Db } from '#dist/db/connection.js';
import { loadReference } from '#dist/reference/load.js';
import { createServiceContext, type ServiceContext } from '#dist/services/context.js';
import { editPassage } from '#dist/services/review.js';

const reference = loadReference();

describe('the load test count', () => {
  let dir: string;
  let dbFile: string;
  let fixture: Fixture;
  let db: Db;
  let ctx: ServiceContext;
  let a: PassageRef;
  let b: PassageRef;
  let writes: Write[];

  /** An edit sent with this outcome; committed through the service as the server would when `commit`. */
  const send = async (passage: PassageRef, baseVersion: number, outcome: Write['outcome'], commit: boolean): Promise<Write> => {
    const tag = `L${writes.length + 1}`;
    const account = fixture.accounts[writes.length % 2]!;
    const write: Write = { tag, passage, account, text: editText(tag, passage), category: 'style', baseVersion };
    if (outcome) write.outcome = outcome;
    if (commit) await editPassage(ctx, { id: account.id, role: account.role }, passage.articleId, passage.idx, write.text, baseVersion, 'style');
    writes.push(write);
    return write;
  };
  const count = () => {
    db.close();
    return verifyDatabase(dbFile, fixture, writes);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wb-load-verify-'));
    dbFile = join(dir, 'workbench.sqlite');
    fixture = await prepareDatabase(dbFile, { ...DEFAULT_LOAD_OPTIONS, articles: 2, hotPassages: 2 });
    [a, b] = fixture.hot as [PassageRef, PassageRef];
    db = openDatabase(dbFile);
    ctx = createServiceContext(db, reference);
    writes = [];
    // Two acknowledged edits in a row on a, a refused one on a, one on b committed but never answered.
    await send(a, 1, 'acknowledged', true);
    await send(a, 2, 'acknowledged', true);
    await send(a, 2, 'refused', false);
    await send(b, 1, undefined, true);
  });

  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every acknowledged edit and accounts for the unanswered one committed', async () => {
    expect(fixture.hot).toHaveLength(2);
    expect(count()).toMatchObject({
      integrity: ['ok'],
      events: 3,
      acknowledged: 2,
      acknowledgedFound: 2,
      committedUnanswered: 1,
      passagesChanged: 2,
      maxVersion: 3,
      lostUpdates: [],
      inconsistencies: [],
    });
  });

  it('reports an acknowledged edit that is not stored as lost', async () => {
    await send(b, 2, 'acknowledged', false);
    const counted = count();
    expect(counted.lostUpdates).toEqual([expect.stringMatching(/^L5 .*answered 303 but is not in passage_events/)]);
    expect(counted.inconsistencies).toEqual([expect.stringMatching(/3 passage_events rows for 3 edits answered 303 and 1 unanswered/)]);
  });

  it('reports a passage whose text is not its last change as a lost update', async () => {
    db.prepare('UPDATE passages SET corrected_text = ? WHERE article_id = ? AND idx = ?').run('overwritten', a.articleId, a.idx);
    expect(count().lostUpdates).toEqual([`passage ${a.key}: its text is not its last change (version 3)`]);
  });

  it('reports a refused edit that was stored, and an edit stored at another version', async () => {
    writes[2]!.outcome = undefined;
    writes[3]!.outcome = 'refused';
    writes[1]!.baseVersion = 1;
    const counted = count();
    expect(counted.inconsistencies).toEqual([
      expect.stringMatching(/\(passage .* version 2, L4\): the edit was answered 409 but stored/),
      '3 passage_events rows for 2 edits answered 303 and 0 unanswered ones committed',
    ]);
    expect(counted.lostUpdates).toEqual([`passage_events 2 (passage ${a.key} version 3, L2): stored with version 3 (expected 2)`]);
  });

  it('reports a missing version and a change that does not start from the one before', async () => {
    db.prepare('DELETE FROM passage_events WHERE article_id = ? AND passage_idx = ? AND version = 2').run(a.articleId, a.idx);
    const counted = count();
    expect(counted.lostUpdates).toEqual([expect.stringMatching(/^L1 .*not in passage_events/)]);
    expect(counted.inconsistencies).toEqual([
      `passage ${a.key}: version 3 follows version 1`,
      `passage ${a.key}: the change to version 3 starts from a text that was never version 1`,
      '2 passage_events rows for 2 edits answered 303 and 1 unanswered ones committed',
    ]);
  });
});
