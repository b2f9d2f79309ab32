import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fixArticle } from '../checks/fixer.js';
import { runChecks } from '../checks/run-checks.js';
import type { Finding } from '../checks/types.js';
import { loadConfig } from '../config.js';
import { backupDatabase } from '../db/backup.js';
import { UsageError, WorkbenchError } from '../errors.js';
import { loadReference } from '../reference/load.js';
import { languageCode } from '../services/import.js';
import { analyse } from '../text/analyse.js';
import { formatCapNotes, formatFindings, formatSummary } from './format.js';
import { exportFormats } from '../export/index.js';
import { ARTICLE_STATUSES } from '../db/repositories/articles.js';
import { exportChoice } from '../services/export.js';
import { ANY_STATUS, zipSelection } from '../services/export-zip.js';
import { addUser, createToken } from './accounts.js';
import { exportAll, exportOne } from './export.js';
import { importFiles } from './import.js';
import { isTermFileFormat, TERM_FILE_FORMATS } from '../reference/term-files.js';
import { exportTerms, importTerms } from './terms.js';
import { listNames } from './names.js';
import { framedAsExported, readArticle, writeFileAtomic, type CliIO } from './io.js';

/** What `workbench help` and a command's --help say about each option. */
const OPTION_HELP: Readonly<Record<string, string>> = {
  source: '--source FILE       the source-language original (with one FILE only)',
  'source-lang': '--source-lang CODE  its language (BCP 47, e.g. ru, uk); detected when omitted',
  terms: '--terms FILE        a termbase (.csv or .json) used instead of the starter termbase',
  lang: "--lang CODE         the translation's language (BCP 47, default en)",
  format: '--format            text (default) or json',
  write: '--write             write the fixed text back to FILE instead of printing it',
  title: "--title T           the article's title (default: its first line)",
  'external-id': "--external-id ID    the CMS's id; importing it again updates that article",
  force: '--force             replace an existing FILE (never a device, pipe or socket)',
  role: '--role ROLE         translator, editor or admin',
  user: '--user NAME         the user the token acts as',
  label: '--label TEXT        what the token is for, shown on the API tokens page',
  text: "--text T            corrected, ai or both, as the format offers them (default: the format's first)",
  out: '--out FILE          write the export to FILE (replaced whole) instead of standard output',
  db: '--db FILE           the database to read (default: WORKBENCH_DB, else db/workbench.sqlite)',
  help: '--help, -h          print this and exit',
};

/** Where an option means something else for one command than OPTION_HELP says. */
const EXPORT_OPTION_HELP: Readonly<Record<string, string>> = {
  format: `--format F          ${exportFormats.map((f) => f.id).join(', ')}`,
  all: '--all               every approved article, or those the options below select, in one ZIP with a manifest.json (--out FILE.zip)',
  status: `--status S          with --all: ${ARTICLE_STATUSES.join(', ')} or ${ANY_STATUS} (default approved)`,
  check: '--check C           with --all: only articles with an open finding of check C',
  title: '--title T           with --all: only articles whose title contains T',
  since: '--since DATE        with --all: only articles changed since DATE (2026-12-01, or a time with its zone)',
};

/** Where an option means something else for `workbench terms`. */
const TERMS_OPTION_HELP: Readonly<Record<string, string>> = {
  format: `--format F          export: ${Object.keys(TERM_FILE_FORMATS).join(' or ')}`,
  out: '--out FILE          export: write the termbase to FILE (replaced whole) instead of standard output',
  replace: '--replace           import: the file is the whole termbase; terms it does not list are deleted',
  'dry-run': '--dry-run           import: print what would change, and change nothing',
};

/** The options of `workbench names`. */
const NAMES_OPTION_HELP: Readonly<Record<string, string>> = {
  contested: '--contested         only names written more than one way in two articles or more',
  rebuild: '--rebuild           index the names of every article again, from its working text',
  db: '--db FILE           the database (default: WORKBENCH_DB, else db/workbench.sqlite)',
};

/** The options that select articles for `export --all`. */
const SELECTION_OPTIONS = ['status', 'check', 'title', 'since'] as const;

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
type Options = Record<string, string | boolean | undefined>;

interface Command {
  /** The command line, as the usage shows it. */
  synopsis: string;
  /** What it does, a few lines of the usage. */
  about: string;
  options: OptionSpecs;
  /** Its own words for options OPTION_HELP describes for other commands. */
  optionHelp?: Readonly<Record<string, string>>;
  run: (values: Options, positionals: string[], io: CliIO) => Promise<number>;
}

const help: OptionSpecs = { help: { type: 'boolean', short: 'h' } };

/** A command's own usage, printed by `workbench COMMAND --help` and after a wrong option. */
function usageOf(command: Command): string {
  const options = Object.keys(command.options).map((name) => `  ${command.optionHelp?.[name] ?? OPTION_HELP[name]}\n`);
  return `Usage: ${command.synopsis}\n\n${command.about}\n${options.join('')}`;
}

/**
 * The command's options and positionals. Node's own parser, not strict, so that an unknown
 * option, a missing value or a value given to a switch is named in our words, with the usage.
 */
function parse(command: Command, args: string[]): { values: Options; positionals: string[] } {
  const { values, positionals, tokens } = parseArgs({ args, options: command.options, allowPositionals: true, strict: false, tokens: true });
  const refuse = (problem: string) => new UsageError(problem, usageOf(command));
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const type = command.options[token.name]?.type;
    if (type === undefined) throw refuse(`unknown option ${token.rawName}`);
    // As strict parsing does: "--lang --format" is a missing value, "--source -" is standard input.
    const missing = token.value === undefined || (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-'));
    if (type === 'string' && missing) throw refuse(`${token.rawName} needs a value`);
    if (type === 'boolean' && token.value !== undefined) throw refuse(`${token.rawName} takes no value`);
  }
  return { values, positionals };
}

function stringOption(values: Options, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

async function check(values: Options, files: string[], io: CliIO): Promise<number> {
  const format = stringOption(values, 'format');
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (files.length === 0) throw new UsageError('check needs at least one FILE (or - for standard input)');
  const sourceFile = stringOption(values, 'source');
  if (sourceFile && files.length > 1) throw new UsageError('--source goes with a single FILE');
  if (files.filter((f) => f === '-').length + (sourceFile === '-' ? 1 : 0) > 1) throw new UsageError('standard input can be read only once');
  const lang = languageCode(stringOption(values, 'lang'), 'translation');
  const sourceLang = languageCode(stringOption(values, 'source-lang'), 'source');

  const reference = loadReference({ termbase: stringOption(values, 'terms') });
  const source = sourceFile ? { text: await readArticle(sourceFile, io), lang: sourceLang } : undefined;
  const results: { file: string; text: string; findings: Finding[] }[] = [];
  for (const file of files) {
    const text = await readArticle(file, io);
    const article = analyse({ text, lang, source }, reference);
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

async function fix(values: Options, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('fix takes exactly one FILE (or - for standard input)');
  const file = positionals[0]!;
  if (values.write && file === '-') throw new UsageError('--write needs a FILE, not standard input');
  const lang = languageCode(stringOption(values, 'lang'), 'translation');

  const reference = loadReference({ termbase: stringOption(values, 'terms') });
  const result = fixArticle({ text: framedAsExported(await readArticle(file, io)), lang }, reference);
  if (values.write) await writeFileAtomic(file, result.text);
  else io.stdout(result.text);
  if (result.remaining.length > 0) {
    io.stderr(`Left for a human (${result.remaining.length}):\n${formatFindings(file, result.text, result.remaining)}`);
  }
  io.stderr(`${result.applied} fix${result.applied === 1 ? '' : 'es'} applied${values.write ? ` to ${file}` : ''}.\n`);
  return result.remaining.length > 0 ? 1 : 0;
}

async function importCommand(values: Options, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('import takes exactly one FILE or directory');
  // Refused here once, not for every file of a directory.
  const targetLang = languageCode(stringOption(values, 'lang'), 'translation');
  const sourceLang = languageCode(stringOption(values, 'source-lang'), 'source');
  const termsFile = stringOption(values, 'terms');
  const reference = loadReference({ termbase: termsFile });
  return importFiles(
    positionals[0]!,
    {
      title: stringOption(values, 'title'),
      sourceFile: stringOption(values, 'source'),
      sourceLang,
      targetLang,
      externalId: stringOption(values, 'external-id'),
    },
    termsFile,
    reference,
    io,
  );
}

async function backup(values: Options, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('backup takes exactly one FILE to write the backup to');
  const file = positionals[0]!;
  if (file === '-') throw new UsageError('backup writes to a FILE, not standard output');
  const result = await backupDatabase(loadConfig().dbFile, file, { force: values.force === true });
  io.stdout(`${result.file}: ${result.bytes} bytes, ${result.pages} pages, integrity ok\n`);
  return 0;
}

async function exportCommand(values: Options, positionals: string[], io: CliIO): Promise<number> {
  const target = { dbFile: stringOption(values, 'db'), out: stringOption(values, 'out') };
  if (values.all) {
    if (positionals.length > 0) throw new UsageError('export --all takes no article ID');
    const choice = exportChoice(stringOption(values, 'format'), stringOption(values, 'text'));
    const filter = zipSelection({ status: stringOption(values, 'status'), check: stringOption(values, 'check'), title: stringOption(values, 'title'), since: stringOption(values, 'since') });
    return exportAll(filter, choice, target, io);
  }
  const selecting = SELECTION_OPTIONS.find((name) => values[name] !== undefined);
  if (selecting) throw new UsageError(`--${selecting} selects articles for export --all; one article ID needs none`);
  if (positionals.length !== 1 || !/^\d{1,15}$/.test(positionals[0]!)) throw new UsageError('export takes exactly one article ID (a number, as the article page\'s address shows it)');
  // Refused before the database is opened.
  const choice = exportChoice(stringOption(values, 'format'), stringOption(values, 'text'));
  return exportOne(Number(positionals[0]), choice, target, io);
}

async function terms(values: Options, positionals: string[], io: CliIO): Promise<number> {
  const [action, ...rest] = positionals;
  const dbFile = stringOption(values, 'db');
  if (action === 'export') {
    if (rest.length > 0) throw new UsageError('terms export takes no FILE; give --out FILE to write one');
    const misplaced = (['replace', 'dry-run'] as const).find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} goes with terms import`);
    const format = stringOption(values, 'format');
    if (!isTermFileFormat(format)) throw new UsageError(`--format must be ${Object.keys(TERM_FILE_FORMATS).join(' or ')}${format === undefined ? '' : `, not "${format}"`}`);
    return exportTerms(format, { dbFile, out: stringOption(values, 'out') }, io);
  }
  if (action === 'import') {
    if (rest.length !== 1) throw new UsageError('terms import takes exactly one FILE (or - for standard input)');
    const misplaced = (['format', 'out'] as const).find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} goes with terms export; an import's format follows the file`);
    return importTerms(rest[0]!, { mode: values.replace ? 'replace' : 'merge', dryRun: values['dry-run'] === true, dbFile }, io);
  }
  throw new UsageError('usage: workbench terms export --format csv|tbx [--out FILE] or workbench terms import FILE [--replace] [--dry-run]');
}

async function names(values: Options, positionals: string[], io: CliIO): Promise<number> {
  if (positionals.length > 0) throw new UsageError('names takes no arguments');
  const format = stringOption(values, 'format');
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (values.rebuild && values.contested) throw new UsageError('--rebuild lists nothing; give --contested without it');
  return listNames({ contested: values.contested === true, rebuild: values.rebuild === true, format, dbFile: stringOption(values, 'db') }, io);
}

async function user(values: Options, positionals: string[], io: CliIO): Promise<number> {
  if (positionals[0] !== 'add' || positionals.length !== 2) throw new UsageError('usage: workbench user add NAME --role ROLE');
  return addUser(positionals[1]!, stringOption(values, 'role'), io);
}

async function token(values: Options, positionals: string[], io: CliIO): Promise<number> {
  const userName = stringOption(values, 'user');
  if (positionals[0] !== 'create' || positionals.length !== 1 || !userName) throw new UsageError('usage: workbench token create --user NAME [--label TEXT]');
  return createToken(userName, stringOption(values, 'label'), io);
}

const COMMANDS: Readonly<Record<string, Command>> = {
  check: {
    synopsis: 'workbench check FILE... [--source FILE] [--source-lang CODE] [--terms FILE] [--lang CODE] [--format text|json]',
    about: `  Checks each FILE ("-" for standard input) and prints one line per finding, then a summary.
  Exit status: 0 nothing found, 1 findings reported, 2 bad usage or unreadable input.
`,
    options: {
      source: { type: 'string' },
      'source-lang': { type: 'string' },
      terms: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      format: { type: 'string', default: 'text' },
      ...help,
    },
    run: check,
  },
  fix: {
    synopsis: 'workbench fix FILE [--terms FILE] [--lang CODE] [--write]',
    about: `  Applies every safe fix to FILE ("-" for standard input) and prints the result; findings that
  need a human are listed on standard error.
  Exit status: 0 nothing left, 1 findings left for a human, 2 bad usage or unreadable input.
`,
    options: { terms: { type: 'string' }, lang: { type: 'string', default: 'en' }, write: { type: 'boolean', default: false }, ...help },
    run: fix,
  },
  import: {
    synopsis: 'workbench import FILE|DIR [--source FILE] [--source-lang CODE] [--title T] [--lang CODE] [--terms FILE] [--external-id ID]',
    about: `  Stores articles (.txt, .md, .html, .docx) in the database WORKBENCH_DB (default
  db/workbench.sqlite), checks them and prints each new article's id; a directory imports
  every such file in it, one transaction per file.
`,
    options: {
      source: { type: 'string' },
      'source-lang': { type: 'string' },
      title: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      terms: { type: 'string' },
      'external-id': { type: 'string' },
      ...help,
    },
    run: importCommand,
  },
  backup: {
    synopsis: 'workbench backup FILE [--force]',
    about: `  Copies WORKBENCH_DB to FILE, consistently even while the server writes, checks the copy's
  integrity and prints its size.
`,
    options: { force: { type: 'boolean', default: false }, ...help },
    run: backup,
  },
  export: {
    synopsis: 'workbench export ID|--all [--status S] [--check C] [--title T] [--since DATE] --format F [--text T] [--out FILE] [--db FILE]',
    about: `  Writes article ID as the article page and the API export it: approved corrections only; an
  article not yet approved says so in the document and in the name the page gives the file.
  With --all, every selected article so, in one ZIP (--out FILE.zip) with a manifest.json, as the
  list page's "Export these articles" gives it; a progress line every 100 articles on stderr.
  Exit status: 0 written, 2 bad usage, an unknown format, text, status, check or date, no such
  article or database.
`,
    options: {
      all: { type: 'boolean' },
      status: { type: 'string' },
      check: { type: 'string' },
      title: { type: 'string' },
      since: { type: 'string' },
      format: { type: 'string' },
      text: { type: 'string' },
      out: { type: 'string' },
      db: { type: 'string' },
      ...help,
    },
    optionHelp: EXPORT_OPTION_HELP,
    run: exportCommand,
  },
  terms: {
    synopsis: 'workbench terms export --format csv|tbx [--out FILE] [--db FILE] | terms import FILE [--replace] [--dry-run] [--db FILE]',
    about: `  export writes the database's termbase as CSV or TBX (TBX-Basic, ISO 30042:2019).
  import reads a termbase file (.csv, .json or .tbx, else by its content), prints what it would
  add, change and (with --replace) remove, terms matched by their preferred form in any case,
  then applies it in one transaction unless --dry-run is given.
  Exit status: 0 done, 2 bad usage, a file that cannot be read or would leave a conflict (nothing changed).
`,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      replace: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      db: { type: 'string' },
      ...help,
    },
    optionHelp: TERMS_OPTION_HELP,
    run: terms,
  },
  names: {
    synopsis: 'workbench names [--contested] [--format text|json] [--rebuild] [--db FILE]',
    about: `  Lists the proper names across the archive with their spellings and article counts, the most
  contested first (written more than one way in two articles or more, the lowest share of the
  commonest spelling first). --rebuild indexes every article's names again instead.
`,
    options: {
      contested: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      rebuild: { type: 'boolean' },
      db: { type: 'string' },
      ...help,
    },
    optionHelp: NAMES_OPTION_HELP,
    run: names,
  },
  user: {
    synopsis: 'workbench user add NAME --role translator|editor|admin    (password on standard input)',
    about: `  Creates an account; its password is the first line of standard input, never an argument.
`,
    options: { role: { type: 'string' }, ...help },
    run: user,
  },
  token: {
    synopsis: 'workbench token create --user NAME [--label TEXT]',
    about: `  Prints a new API token for the user, once; only its hash is kept.
`,
    options: { user: { type: 'string' }, label: { type: 'string' }, ...help },
    run: token,
  },
};

export const USAGE = `Usage:
${Object.values(COMMANDS)
  .map((command) => `  ${command.synopsis}\n`)
  .join('')}
  FILE may be "-" for standard input; workbench COMMAND --help says more about one command.

${Object.keys(OPTION_HELP)
  .map((name) => `  ${OPTION_HELP[name]}\n`)
  .join('')}
Exit status: 0 nothing found, 1 findings reported, 2 bad usage or unreadable input.
`;

/** Runs one command line and returns its exit status; errors meant for the user become one line on stderr (and a wrong option, the command's usage). */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined) throw new UsageError('no command given (try "workbench help")');
    if (name === 'help' || name === '--help' || name === '-h') {
      const about = args[0] === undefined ? undefined : COMMANDS[args[0]];
      io.stdout(about ? usageOf(about) : USAGE);
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`unknown command "${name}" (try "workbench help")`);
    const { values, positionals } = parse(command, args);
    if (values.help) {
      io.stdout(usageOf(command));
      return 0;
    }
    return await command.run(values, positionals, io);
  } catch (error) {
    if (error instanceof WorkbenchError) {
      io.stderr(`workbench: ${error.message}\n`);
      if (error instanceof UsageError && error.usage) io.stderr(`\n${error.usage}`);
      return error.exitCode;
    }
    throw error;
  }
}
