/**
 * The crash test's clients, each a loop of one request at a time until the kill (and at most a
 * fixed number of writes): API importers; reviewers that work through an article as people do,
 * reading its pages and posting their forms (every kind of review write, as editor and as
 * translator); two clients racing to save the same passage from the same version; the CMS
 * sending an article again under its external id; and the command line importing a directory
 * into the same database beside the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Random } from '../helpers/random.js';
import { ERROR_CATEGORIES } from '../../src/checks/types.js';
import { splitPassages } from '../../src/services/passage-layout.js';
import { CLI } from '../helpers/run-cli.js';
import type { Burst, Outcome, Session } from './burst.js';
import { findingKey, flowAfter, FLOW, type Flow, type Ledger, type OwnedArticle, type SentImport, type Write, type WriteKind } from './ledger.js';
import {
  commentText,
  editText,
  generateImport,
  normalise,
  raceArticle,
  raceText,
  reasonText,
  rejectionComment,
  rejectText,
  reimportText,
  reviewArticle,
  sendBackText,
  type ImportBody,
} from './texts.js';

/** A bound on every client loop besides the kill. */
const MAX_WRITES = 2000;
/** Tries at a fresh article after a write was not acknowledged. */
const IMPORT_ATTEMPTS = 3;
const RACE_PASSAGES = 4;
const CLI_FILES = 25;
const CLI_RUNS = 20;

/** What the clients of one burst share. */
export interface Crew {
  burst: Burst;
  ledger: Ledger;
  /** The editor's API token. */
  token: string;
  editor: Session;
  /** The editor signed in a second time: a second client, to race the first. */
  rival: Session;
  translator: Session;
  /** Child processes of the burst, for the kill to reach. */
  processes: Set<ChildProcess>;
}

type Role = 'editor' | 'translator';
const CATEGORIES = Object.keys(ERROR_CATEGORIES);

// ---------------------------------------------------------------------------------------------
// What the pages offer, read from the forms the templates render.

const statusIn = (html: string) => /class="status status-([a-z_]+)"/.exec(html)?.[1];
const assigneeIn = (html: string) => /<span>(?:Assigned to ([^<]+)|Not assigned)<\/span>/.exec(html)?.[1] ?? null;
const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);
const isDeletedIn = (html: string) => /<textarea id="text"[^>]*><\/textarea>/.test(html);

/** The revert or confirm forms of the review page's passages, with the version each was made from. */
function passageForms(html: string, action: 'revert' | 'confirm'): { passage: number; version: number }[] {
  const forms = html.matchAll(new RegExp(`/passages/(\\d+)/${action}">\\s*<input type="hidden" name="version" value="(\\d+)">`, 'g'));
  return [...forms].map((m) => ({ passage: Number(m[1]), version: Number(m[2]) }));
}

/** The proposals of one article waiting in the editor's queue (none when the queue could not be read). */
function proposalsIn(html: string | undefined, articleId: number): { passage: number; version: number }[] {
  if (html === undefined) return [];
  const forms = html.matchAll(new RegExp(`/articles/${articleId}/passages/(\\d+)/approve">\\s*<input type="hidden" name="_csrf" value="[^"]*">\\s*<input type="hidden" name="version" value="(\\d+)">`, 'g'));
  return [...forms].map((m) => ({ passage: Number(m[1]), version: Number(m[2]) }));
}

/** The history page's restore forms: the change to restore and the passage version now. */
function restoresIn(html: string): { event: number; version: number }[] {
  const forms = html.matchAll(/\/history\/(\d+)\/restore">\s*<input type="hidden" name="_csrf" value="[^"]*">\s*<input type="hidden" name="version" value="(\d+)">/g);
  return [...forms].map((m) => ({ event: Number(m[1]), version: Number(m[2]) }));
}

interface ApiFinding {
  check: string;
  fingerprint: string;
  text: string;
  start: number;
  end: number;
  fix?: { start: number; end: number };
  suggestions?: { edit: { start: number; end: number } }[];
  group?: string;
  alternatives?: string[];
  passage: number | null;
  dismissed: boolean;
}

/** An article's pages as one client sees them between two of its writes, each read once when first needed. */
class ArticleView {
  private readonly pages = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly crew: Crew,
    private readonly client: string,
    readonly article: OwnedArticle,
    /** The AI text of each passage. */
    readonly aiTexts: readonly string[],
  ) {}

  private page(path: string, auth: Session | string): Promise<string | undefined> {
    let page = this.pages.get(path);
    if (!page) this.pages.set(path, (page = this.crew.burst.read(this.client, path, auth)));
    return page;
  }

  /** Whom the article can be assigned to. */
  get people(): string[] {
    return [this.crew.editor.user, this.crew.translator.user];
  }

  review = () => this.page(`/articles/${this.article.id}`, this.crew.editor);
  editPage = (idx: number) => this.page(`/articles/${this.article.id}/passages/${idx}/edit`, this.crew.editor);
  history = () => this.page(`/articles/${this.article.id}/history`, this.crew.editor);
  queue = () => this.page('/queue', this.crew.editor);

  async findings(): Promise<ApiFinding[] | undefined> {
    const json = await this.page(`/api/articles/${this.article.id}/findings`, this.crew.token);
    return json === undefined ? undefined : (JSON.parse(json) as ApiFinding[]);
  }

  async openFindings(): Promise<ApiFinding[]> {
    return ((await this.findings()) ?? []).filter((f) => !f.dismissed);
  }

  /** The version of a passage, from its edit page. */
  async versionOf(idx: number): Promise<number | undefined> {
    const page = await this.editPage(idx);
    return page === undefined ? undefined : versionIn(page);
  }
}

// ---------------------------------------------------------------------------------------------
// The review actions: what each needs, the form it posts and the rows it must leave.

interface Planned {
  path: string;
  fields: Record<string, string>;
  write: Write;
}

interface Action {
  /** Whether the article's place in the review flow allows it. */
  when?: (flow: Flow) => boolean;
  /** The form to post, read from the pages; undefined when the article offers none now. */
  plan(view: ArticleView, role: Role, mark: string, r: Random): Promise<Planned | undefined>;
}

type ReviewKind = Exclude<WriteKind, 're-import' | 'confirm' | 'race'>;
/** An editor's change is approved when made; a translator's is proposed, and settled later either way. */
const madeBy = (role: Role) => (role === 'editor' ? { status: 'approved' as const } : {});

const ACTIONS: Record<ReviewKind, Action> = {
  edit: {
    async plan(view, role, mark, r) {
      const passage = r.int(0, view.aiTexts.length - 1);
      const page = await view.editPage(passage);
      if (page === undefined) return undefined;
      const version = versionIn(page);
      // Now and then a deletion (empty text), of a passage still there.
      const text = r.chance(0.1) && !isDeletedIn(page) ? '' : editText(mark, r);
      return {
        path: `/passages/${passage}`,
        fields: { text, version: String(version), category: r.pick(CATEGORIES) },
        write: { what: 'edit', events: [{ kind: 'edit', passage, version: version + 1, after: [text], ...madeBy(role) }], flow: FLOW.changed },
      };
    },
  },
  revert: {
    async plan(view, role, _mark, r) {
      const page = await view.review();
      const forms = page === undefined ? [] : passageForms(page, 'revert');
      if (forms.length === 0) return undefined;
      const { passage, version } = r.pick(forms);
      return {
        path: `/passages/${passage}/revert`,
        fields: { version: String(version) },
        write: { what: 'revert', events: [{ kind: 'revert', passage, version: version + 1, after: [view.aiTexts[passage]!], ...madeBy(role) }], flow: FLOW.changed },
      };
    },
  },
  fix: {
    async plan(view, role, _mark, r) {
      // A fix, or a suggestion that changes only the flagged span (so only its passage).
      const choices = (await view.openFindings()).flatMap((f): { f: ApiFinding; fields: Record<string, string> }[] => {
        if (f.passage === null) return [];
        const inside = (f.suggestions ?? []).flatMap((s, i) => (s.edit.start >= f.start && s.edit.end <= f.end ? [{ f, fields: { suggestion: String(i) } }] : []));
        return f.fix ? [{ f, fields: {} }, ...inside] : inside;
      });
      if (choices.length === 0) return undefined;
      const { f, fields } = r.pick(choices);
      const version = await view.versionOf(f.passage!);
      if (version === undefined) return undefined;
      return {
        path: `/findings/${f.fingerprint}/apply`,
        fields,
        write: { what: 'fix', events: [{ kind: 'fix', passage: f.passage!, version: version + 1, ...madeBy(role) }], flow: FLOW.changed },
      };
    },
  },
  spelling: {
    async plan(view, role, _mark, r) {
      // A flagged spelling of a group, and another of the group's spellings to use everywhere instead.
      const flagged = ((await view.findings()) ?? []).filter((f) => !f.dismissed && f.group && f.passage !== null && f.alternatives?.includes(f.text));
      if (flagged.length === 0) return undefined;
      const other = r.pick(flagged);
      const spelling = r.pick(other.alternatives!.filter((a) => a !== other.text));
      const version = await view.versionOf(other.passage!);
      if (version === undefined) return undefined;
      return {
        path: '/groups/apply',
        fields: { group: other.group!, spelling },
        write: { what: 'spelling', events: [{ kind: 'spelling', passage: other.passage!, version: version + 1, ...madeBy(role) }], flow: FLOW.changed },
      };
    },
  },
  dismiss: {
    async plan(view, _role, mark, r) {
      const open = await view.openFindings();
      if (open.length === 0) return undefined;
      const { fingerprint } = r.pick(open);
      const reason = reasonText(mark);
      return { path: `/findings/${fingerprint}/dismiss`, fields: { reason }, write: { what: 'dismiss', dismissals: [{ fingerprint, reason }], flow: FLOW.changed } };
    },
  },
  'dismiss-check': {
    async plan(view, _role, mark, r) {
      const open = await view.openFindings();
      // The review page offers "dismiss all" for a check with more than one open finding.
      const checks = [...new Set(open.map((f) => f.check))].filter((c) => open.filter((f) => f.check === c).length > 1);
      if (checks.length === 0) return undefined;
      const check = r.pick(checks);
      const reason = reasonText(mark);
      const dismissals = open.filter((f) => f.check === check).map((f) => ({ fingerprint: f.fingerprint, reason }));
      return { path: `/checks/${check}/dismiss`, fields: { reason }, write: { what: 'dismiss-check', dismissals, flow: FLOW.changed } };
    },
  },
  comment: {
    async plan(view, _role, mark, r) {
      const passage = r.int(0, view.aiTexts.length - 1);
      const body = commentText(mark);
      return { path: `/passages/${passage}/comments`, fields: { body }, write: { what: 'comment', comments: [{ passage, body }] } };
    },
  },
  restore: {
    async plan(view, role, _mark, r) {
      const page = await view.history();
      const forms = page === undefined ? [] : restoresIn(page);
      if (forms.length === 0) return undefined;
      const { event, version } = r.pick(forms);
      return {
        path: `/history/${event}/restore`,
        fields: { version: String(version) },
        write: { what: 'restore', events: [{ kind: 'restore', restoreOf: event, version: version + 1, ...madeBy(role) }], flow: FLOW.changed },
      };
    },
  },
  assign: {
    async plan(view, _role, _mark, r) {
      const assignee = r.pick([...view.people, null]);
      return {
        path: '/assign',
        fields: { assignee: assignee ?? '' },
        write: { what: 'assign', steps: [{ kind: 'assigned', comment: assignee ? `to ${assignee}` : 'unassigned' }], flow: FLOW.assignedTo(assignee) },
      };
    },
  },
  submit: {
    when: (flow) => flow.status === 'new' || flow.status === 'in_review',
    plan: async () => ({ path: '/submit', fields: { confirm: 'open-findings' }, write: { what: 'submit', steps: [{ kind: 'submitted', comment: null }], flow: FLOW.to('awaiting_approval') } }),
  },
  approve: {
    when: (flow) => flow.status === 'awaiting_approval',
    async plan(view) {
      // An article is approved once no proposal waits.
      const queue = await view.queue();
      if (queue === undefined || proposalsIn(queue, view.article.id).length > 0) return undefined;
      return { path: '/approve', fields: {}, write: { what: 'approve', steps: [{ kind: 'approved', comment: null }], flow: FLOW.to('approved') } };
    },
  },
  'send-back': {
    when: (flow) => flow.status === 'awaiting_approval' || flow.status === 'approved',
    async plan(_view, _role, mark) {
      const comment = sendBackText(mark);
      return { path: '/send-back', fields: { comment }, write: { what: 'send-back', steps: [{ kind: 'sent_back', comment }], flow: FLOW.to('in_review') } };
    },
  },
  'approve-proposal': {
    async plan(view, _role, _mark, r) {
      const proposals = proposalsIn(await view.queue(), view.article.id);
      if (proposals.length === 0) return undefined;
      const { passage, version } = r.pick(proposals);
      // The proposal's change (the one that made this version) is approved, with any before it.
      return { path: `/passages/${passage}/approve`, fields: { version: String(version) }, write: { what: 'approve-proposal', events: [{ passage, version, status: 'approved' }] } };
    },
  },
  'reject-proposal': {
    async plan(view, _role, mark, r) {
      const proposals = proposalsIn(await view.queue(), view.article.id);
      if (proposals.length === 0) return undefined;
      const { passage, version } = r.pick(proposals);
      const comment = rejectText(mark);
      return {
        path: `/passages/${passage}/reject`,
        fields: { version: String(version), comment },
        write: {
          what: 'reject-proposal',
          // The proposal is rejected and the approved text comes back, as a change of its own.
          events: [
            { passage, version, status: 'rejected' },
            { kind: 'reject', passage, version: version + 1, status: 'approved' },
          ],
          comments: [{ passage, body: rejectionComment(comment) }],
          flow: FLOW.changed,
        },
      };
    },
  },
};

/**
 * Rounds of review, each a reviewer's, together every kind of review write: each step by the
 * role that makes it, in an order the review flow allows (a translator's proposal before an
 * editor's decision on it, a submission before the approval), each round able to start on a
 * fresh article. A step the article does not offer at the time is passed over.
 */
export const ROUNDS: readonly (readonly (readonly [Role, ReviewKind])[])[] = [
  [
    ['translator', 'edit'],
    ['editor', 'approve-proposal'],
    ['translator', 'edit'],
    ['editor', 'reject-proposal'],
    ['translator', 'fix'],
    ['editor', 'approve-proposal'],
    ['translator', 'restore'],
    ['editor', 'reject-proposal'],
    ['editor', 'revert'],
  ],
  [
    ['editor', 'spelling'],
    ['translator', 'dismiss'],
    ['editor', 'dismiss-check'],
    ['translator', 'comment'],
    ['editor', 'edit'],
    ['editor', 'assign'],
    ['translator', 'submit'],
    ['editor', 'approve'],
    ['editor', 'send-back'],
  ],
];

/** The kinds of write a round makes. */
export const kindsOf = (round: (typeof ROUNDS)[number]) => [...new Set(round.map(([, what]) => what))];

// ---------------------------------------------------------------------------------------------
// The clients.

/**
 * A client's own article: imported by it, then written to one write at a time. A write that is
 * not acknowledged stays the article's last; the client goes on with a fresh article.
 */
class OwnWork {
  article!: OwnedArticle;
  /** The AI text of each passage of the article. */
  aiTexts: string[] = [];
  private fresh = 0;

  constructor(
    private readonly crew: Crew,
    readonly client: string,
    private readonly articleFor: (key: string) => ImportBody,
  ) {}

  /** The key of the current article (its external id, when it has one). */
  get key(): string {
    return `${this.client}-${this.fresh}`;
  }

  /** Imports a fresh article to work on; false when no import was acknowledged. */
  async start(): Promise<boolean> {
    const { burst, ledger, token } = this.crew;
    for (let attempt = 0; attempt < IMPORT_ATTEMPTS && !burst.killed; attempt++) {
      this.fresh++;
      const sent: SentImport = { key: this.key, body: this.articleFor(this.key), via: 'api' };
      ledger.imports.push(sent);
      const outcome = await burst.postImport(this.client, 'import', token, sent.body, 201);
      if (outcome.kind === 'conflict') burst.fail(`${this.client}: import ${this.key}: 409`);
      if (outcome.kind !== 'acked') continue;
      const { id, findings } = JSON.parse(outcome.body) as { id: number; findings: ApiFinding[] };
      sent.acked = { id, findings: findings.map(findingKey) };
      const importedText = normalise(sent.body.text);
      this.article = { id, client: this.client, importedText, acked: [], refused: [] };
      this.aiTexts = splitPassages(importedText, null).map((p) => p.aiText);
      ledger.owned.push(this.article);
      return true;
    }
    return false;
  }

  /**
   * Records what became of a write: acknowledged, it joins the article's writes. Otherwise it is
   * the article's last, uncertain write, and the client goes on with a fresh article.
   * Resolves to 'same' (go on), 'fresh' (a new article) or 'stop'.
   */
  async record(write: Write, outcome: Outcome): Promise<'same' | 'fresh' | 'stop'> {
    if (outcome.kind === 'acked') {
      this.article.acked.push(write);
      if (write.aiText !== undefined) this.aiTexts = splitPassages(write.aiText, null).map((p) => p.aiText);
      return 'same';
    }
    if (outcome.kind === 'conflict') this.crew.burst.fail(`${this.client}: ${write.what} on article ${this.article.id}: 409`);
    this.article.uncertain = write;
    if (this.crew.burst.killed) return 'stop';
    return (await this.start()) ? 'fresh' : 'stop';
  }
}

/** The CMS: generated articles through the API, one after another. */
export async function apiImporter(crew: Crew, client: string, r: Random): Promise<void> {
  for (let n = 0; n < MAX_WRITES && !crew.burst.killed; n++) {
    const sent: SentImport = { key: `${client}-${n}`, body: generateImport(r, `${client}-${n}`), via: 'api' };
    crew.ledger.imports.push(sent);
    const outcome = await crew.burst.postImport(client, 'import', crew.token, sent.body, 201);
    if (outcome.kind === 'conflict') crew.burst.fail(`${client}: import ${sent.key}: 409`);
    if (outcome.kind !== 'acked') continue;
    const { id, findings } = JSON.parse(outcome.body) as { id: number; findings: ApiFinding[] };
    sent.acked = { id, findings: findings.map(findingKey) };
  }
}

/**
 * Works through an article as a reviewer does, its round over and over: reads what the step
 * needs from the pages and posts the step's form. At the start of each round the review page
 * must show the status and assignee that the acknowledged writes lead to.
 */
export async function reviewer(crew: Crew, client: string, r: Random, round: (typeof ROUNDS)[number]): Promise<void> {
  const work = new OwnWork(crew, client, (key) => reviewArticle(r, key));
  if (!(await work.start())) return;
  for (let n = 0; n < MAX_WRITES && !crew.burst.killed; n++) {
    const [role, what] = round[n % round.length]!;
    const view = new ArticleView(crew, client, work.article, work.aiTexts);
    const flow = flowAfter(work.article.acked);
    if (n % round.length === 0) {
      const page = await view.review();
      const shown = page === undefined ? undefined : { status: statusIn(page), assignee: assigneeIn(page) };
      if (shown && (shown.status !== flow.status || shown.assignee !== flow.assignee)) {
        crew.burst.fail(`${client}: article ${work.article.id} shows ${JSON.stringify(shown)}; its acknowledged writes make it ${JSON.stringify(flow)}`);
      }
    }
    const action = ACTIONS[what];
    if (action.when && !action.when(flow)) continue;
    const planned = await action.plan(view, role, `${client}x${n}`, r);
    if (!planned || crew.burst.killed) continue;
    const session = role === 'editor' ? crew.editor : crew.translator;
    const outcome = await crew.burst.postForm(client, what, `/articles/${work.article.id}${planned.path}`, session, planned.fields);
    if ((await work.record(planned.write, outcome)) === 'stop') return;
  }
}

/**
 * Two clients save the same passage from the same version at once: one save is stored and
 * answered 303, the other refused with 409, never both, never neither.
 */
export async function racers(crew: Crew, client: string): Promise<void> {
  const work = new OwnWork(crew, client, (key) => raceArticle(key, RACE_PASSAGES));
  if (!(await work.start())) return;
  const sessions = [crew.editor, crew.rival];
  for (let n = 0; n < MAX_WRITES && !crew.burst.killed; n++) {
    const passage = n % RACE_PASSAGES;
    const page = await crew.burst.read(client, `/articles/${work.article.id}/passages/${passage}/edit`, crew.editor);
    if (page === undefined) continue;
    const version = versionIn(page);
    const texts = sessions.map((s, i) => raceText(`${client}x${n}x${i}`));
    const path = `/articles/${work.article.id}/passages/${passage}`;
    const fields = (text: string) => ({ text, version: String(version), category: 'style' });
    const outcomes = await Promise.all(sessions.map((s, i) => crew.burst.postForm(client, 'race', path, s, fields(texts[i]!))));
    const won = texts.filter((_, i) => outcomes[i]!.kind === 'acked');
    const refused = texts.filter((_, i) => outcomes[i]!.kind === 'conflict');
    crew.burst.conflicts += refused.length;
    if (won.length === 2 || refused.length === 2) crew.burst.fail(`${client}: two saves of passage ${passage} from version ${version}: ${outcomes.map((o) => o.kind).join(' and ')}`);
    const event = { kind: 'edit' as const, passage, version: version + 1, status: 'approved' as const };
    if (won.length === 1) {
      work.article.acked.push({ what: 'race', events: [{ ...event, after: won }], flow: FLOW.changed });
      // Both were made from one version: only one can be stored, whatever the other was answered.
      work.article.refused.push(...texts.filter((t) => t !== won[0]));
      continue;
    }
    work.article.refused.push(...refused);
    const unanswered = texts.filter((t) => !refused.includes(t));
    if (unanswered.length === 0) continue;
    // Neither acknowledged: one of the unanswered may have been stored.
    if ((await work.record({ what: 'race', events: [{ ...event, after: unanswered }], flow: FLOW.changed }, { kind: 'unacked' })) === 'stop') return;
  }
}

/**
 * The CMS sends its article again and again under one external id, with passages reworded,
 * dropped and added; between re-imports the editor confirms a correction marked for re-review
 * and edits a passage.
 */
export async function reimporter(crew: Crew, client: string, r: Random): Promise<void> {
  const work = new OwnWork(crew, client, (key) => ({ text: reimportText(r, key, 0), externalId: key, targetLang: 'en' }));
  if (!(await work.start())) return;
  for (let revision = 1; revision < MAX_WRITES && !crew.burst.killed; revision++) {
    const { id } = work.article;
    const text = reimportText(r, work.key, revision);
    const outcome = await crew.burst.postImport(client, 're-import', crew.token, { text, externalId: work.key, targetLang: 'en' }, 200);
    if (outcome.kind === 'acked') {
      const answer = JSON.parse(outcome.body) as { id: number; created: boolean };
      if (answer.id !== id || answer.created) crew.burst.fail(`${client}: re-import of ${work.key} answered ${JSON.stringify(answer)}, not article ${id} updated`);
    }
    const reimport: Write = { what: 're-import', steps: [{ kind: 'reimported', comment: null }], aiText: normalise(text), flow: FLOW.reimported };
    const next = await work.record(reimport, outcome);
    if (next === 'stop') return;
    if (next === 'fresh') continue;

    const page = await crew.burst.read(client, `/articles/${id}`, crew.editor);
    const confirm = page === undefined ? undefined : passageForms(page, 'confirm')[0];
    if (confirm) {
      const confirmed = await crew.burst.postForm(client, 'confirm', `/articles/${id}/passages/${confirm.passage}/confirm`, crew.editor, { version: String(confirm.version) });
      const then = await work.record({ what: 'confirm', confirmed: confirm.passage }, confirmed);
      if (then === 'stop') return;
      if (then === 'fresh') continue;
    }

    const passage = r.int(0, work.aiTexts.length - 1);
    const edit = await crew.burst.read(client, `/articles/${id}/passages/${passage}/edit`, crew.editor);
    if (edit === undefined) continue;
    const after = editText(`${client}x${revision}`, r);
    const edited = await crew.burst.postForm(client, 'edit', `/articles/${id}/passages/${passage}`, crew.editor, { text: after, version: String(versionIn(edit)), category: 'style' });
    // A re-import moves passages, so the edit is known by its text only.
    if ((await work.record({ what: 'edit', events: [{ kind: 'edit', after: [after], status: 'approved' }], flow: FLOW.changed }, edited)) === 'stop') return;
  }
}

/**
 * `workbench import DIR` beside the server, on the same database, a directory of files at a
 * time: each id it prints acknowledges the file of that place in the directory's order.
 */
export async function cliImporter(crew: Crew, client: string, r: Random, dir: string, env: Record<string, string>): Promise<void> {
  for (let run = 0; run < CLI_RUNS && !crew.burst.killed; run++) {
    const runDir = join(dir, `${client}-${run}`);
    mkdirSync(runDir, { recursive: true });
    const files = Array.from({ length: CLI_FILES }, (_, i): SentImport => {
      const key = `${client}-${run}-${i}`;
      const text = generateImport(r, key).text;
      writeFileSync(join(runDir, `${String(i).padStart(3, '0')}.txt`), text);
      return { key, body: { text }, via: 'cli' };
    });
    crew.ledger.imports.push(...files);
    const child = spawn(process.execPath, [CLI, 'import', runDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    crew.processes.add(child);
    let printed = 0;
    let partial = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const id of lines) {
        files[printed++]!.acked = { id: Number(id) };
        crew.burst.acknowledged(client, 'cli import');
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    crew.processes.delete(child);
    if (signal === 'SIGKILL' && crew.burst.killed) return;
    if (code !== 0) crew.burst.fail(`${client}: workbench import ${runDir} exited ${code ?? signal}: ${stderr}`);
  }
}
