import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fixArticle } from '../checks/fixer.js';
import { runChecks } from '../checks/run-checks.js';
import type { Finding } from '../checks/types.js';
import { loadConfig } from '../config.js';
import { backupDatabase } from '../db/backup.js';
import { UsageError, WorkbenchError } from '../errors.js';
import { loadReference } from '../reference/load.js';
import { analyse } from '../text/analyse.js';
import { formatCapNotes, formatFindings, formatSummary } from './format.js';
import { addUser, createToken } from './accounts.js';
import { importFiles } from './import.js';
import { framedAsExported, readArticle, writeFileAtomic, type CliIO } from './io.js';

export const USAGE = `Usage:
  workbench check FILE... [--source FILE] [--source-lang CODE] [--terms FILE] [--lang CODE] [--format text|json]
  workbench fix FILE [--terms FILE] [--lang CODE] [--write]
  workbench import FILE|DIR [--source FILE] [--source-lang CODE] [--title T] [--lang CODE] [--terms FILE] [--external-id ID]
  workbench backup FILE [--force]
  workbench user add NAME --role translator|editor|admin    (password on standard input)
  workbench token create --user NAME [--label TEXT]

  FILE may be "-" for standard input.
  --source FILE       the source-language original (with one FILE only)
  --source-lang CODE  its language (BCP 47, e.g. ru, uk); detected when omitted
  --terms FILE        a termbase (.csv or .json) used instead of the starter termbase
  --lang CODE         the translation's language (default en)
  --format            text (default) or json
  --write             fix: write the fixed text back to FILE instead of printing it
  --title T           import: the article's title (default: its first line)
  --external-id ID    import: the CMS's id; importing it again updates that article

  import stores articles (.txt, .md, .html, .docx) in the database WORKBENCH_DB
  (default db/workbench.sqlite), checks them and prints each new article's id;
  a directory imports every such file in it, one transaction per file.
  backup copies WORKBENCH_DB to FILE, consistently even while the server writes,
  checks the copy's integrity and prints its size; --force replaces an existing FILE.
  user add creates an account; token create prints a new API token for the CMS once.

Exit status: 0 nothing found, 1 findings reported, 2 bad usage or unreadable input.
`;

type Options = Record<string, string | boolean | undefined>;

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function stringOption(values: Options, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

async function check(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: files } = parse(args, {
    source: { type: 'string' },
    'source-lang': { type: 'string' },
    terms: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    format: { type: 'string', default: 'text' },
  });
  const format = stringOption(values, 'format');
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (files.length === 0) throw new UsageError('check needs at least one FILE (or - for standard input)');
  const sourceFile = stringOption(values, 'source');
  if (sourceFile && files.length > 1) throw new UsageError('--source goes with a single FILE');
  if (files.filter((f) => f === '-').length + (sourceFile === '-' ? 1 : 0) > 1) throw new UsageError('standard input can be read only once');

  const reference = loadReference({ termbase: stringOption(values, 'terms') });
  const source = sourceFile ? { text: await readArticle(sourceFile, io), lang: stringOption(values, 'source-lang') } : undefined;
  const results: { file: string; text: string; findings: Finding[] }[] = [];
  for (const file of files) {
    const text = await readArticle(file, io);
    const article = analyse({ text, lang: stringOption(values, 'lang'), source }, reference);
    results.push({ file, text, findings: runChecks(article) });
  }

  const all = results.flatMap((r) => r.findings);
  if (format === 'json') {
    const json = results.length === 1 ? results[0]!.findings : Object.fromEntries(results.map((r) => [r.file, r.findings]));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout(results.map((r) => formatFindings(r.file, r.text, r.findings)).join('') + formatSummary(all) + results.map((r) => formatCapNotes(r.file, r.findings)).join(''));
  }
  return all.length > 0 ? 1 : 0;
}

async function fix(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    terms: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    write: { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) throw new UsageError('fix takes exactly one FILE (or - for standard input)');
  const file = positionals[0]!;
  if (values.write && file === '-') throw new UsageError('--write needs a FILE, not standard input');

  const reference = loadReference({ termbase: stringOption(values, 'terms') });
  const result = fixArticle({ text: framedAsExported(await readArticle(file, io)), lang: stringOption(values, 'lang') }, reference);
  if (values.write) await writeFileAtomic(file, result.text);
  else io.stdout(result.text);
  if (result.remaining.length > 0) {
    io.stderr(`Left for a human (${result.remaining.length}):\n${formatFindings(file, result.text, result.remaining)}`);
  }
  io.stderr(`${result.applied} fix${result.applied === 1 ? '' : 'es'} applied${values.write ? ` to ${file}` : ''}.\n`);
  return result.remaining.length > 0 ? 1 : 0;
}

async function importCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    source: { type: 'string' },
    'source-lang': { type: 'string' },
    title: { type: 'string' },
    terms: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    'external-id': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('import takes exactly one FILE or directory');
  const reference = loadReference({ termbase: stringOption(values, 'terms') });
  return importFiles(
    positionals[0]!,
    {
      title: stringOption(values, 'title'),
      sourceFile: stringOption(values, 'source'),
      sourceLang: stringOption(values, 'source-lang'),
      targetLang: stringOption(values, 'lang'),
      externalId: stringOption(values, 'external-id'),
    },
    reference,
    io,
  );
}

async function backup(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('backup takes exactly one FILE to write the backup to');
  const file = positionals[0]!;
  if (file === '-') throw new UsageError('backup writes to a FILE, not standard output');
  const result = await backupDatabase(loadConfig().dbFile, file, { force: values.force === true });
  io.stdout(`${result.file}: ${result.bytes} bytes, ${result.pages} pages, integrity ok\n`);
  return 0;
}

async function user(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { role: { type: 'string' } });
  if (positionals[0] !== 'add' || positionals.length !== 2) throw new UsageError('usage: workbench user add NAME --role ROLE');
  return addUser(positionals[1]!, stringOption(values, 'role'), io);
}

async function token(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { user: { type: 'string' }, label: { type: 'string' } });
  const userName = stringOption(values, 'user');
  if (positionals[0] !== 'create' || positionals.length !== 1 || !userName) throw new UsageError('usage: workbench token create --user NAME [--label TEXT]');
  return createToken(userName, stringOption(values, 'label'), io);
}

/** Runs one command line and returns its exit status; errors meant for the user become one line on stderr. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(args, io);
      case 'fix':
        return await fix(args, io);
      case 'import':
        return await importCommand(args, io);
      case 'backup':
        return await backup(args, io);
      case 'user':
        return await user(args, io);
      case 'token':
        return await token(args, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      case undefined:
        throw new UsageError('no command given (try "workbench help")');
      default:
        throw new UsageError(`unknown command "${command}" (try "workbench help")`);
    }
  } catch (error) {
    if (error instanceof WorkbenchError) {
      io.stderr(`workbench: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
