import Database from 'better-sqlite3';

export type Dump = Record<string, unknown[]>;

/**
 * Every row of every table of a database file (and its schema), in a stable order, so two
 * databases compare with toEqual whatever their schema. Opened read-only when `readonly`.
 */
export function dumpDatabase(file: string, { readonly = false } = {}): Dump {
  const db = new Database(file, { readonly, fileMustExist: true });
  try {
    return dumpTables(db);
  } finally {
    db.close();
  }
}

/** Every row of every table (and the schema) of an open database, as dumpDatabase gives them. */
export function dumpTables(db: Database.Database): Dump {
  const dump: Dump = {
    sqlite_schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all(),
  };
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    const columns = (db.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(table) as number) || 1;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all();
  }
  return dump;
}

/** An article's long text: the demo slips plus numbered paragraphs, so a few articles fill many pages. */
export function longArticle(seed: number, paragraphs = 30): string {
  const lines = [`Report ${seed} on the talks in Kiev`];
  for (let i = 0; i < paragraphs; i++) {
    lines.push(`Paragraph ${i} of report ${seed}: the delegation met in Kharkov and said exports rose by ${seed * 100 + i} tonnes, the ministry said on Monday.`);
  }
  return lines.join('\n\n');
}
