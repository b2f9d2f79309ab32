/**
 * The web bench's in-place actions (issue 10): applying a finding's fix and approving a
 * translator's proposal, each sent as the browser sends the form (its fields, the CSRF token the
 * page carries, the session cookie), one at a time, each on a passage no earlier action touched,
 * timed from sending the POST to its answer. The articles are prepared in-process before the
 * server starts; the actions go to the running server.
 */
import { performance } from 'node:perf_hooks';
import { parse, type HTMLElement } from 'node-html-parser';
import type { ServiceContext } from '#dist/services/context.js';
import { importArticle } from '#dist/services/import.js';
import { editPassage } from '#dist/services/review.js';

/** Passages of each action article: a title and this many paragraphs less one. */
export const ACTION_PASSAGES = 30;
/** Actions of each kind made before the timed ones, so the server's code paths are compiled. */
export const ACTION_WARM_UP = 10;

/** A title and paragraphs, each with one Russian-based place name the checks fix in one click. */
function actionArticleText(article: number): string {
  const paragraphs = Array.from(
    { length: ACTION_PASSAGES - 1 },
    (_, i) => `Council meeting number ${i + 1} of series ${article} in Kharkov approved ${i + 3} new shelters for the winter and asked for ${i + 11} more generators.`,
  );
  return [`Bench article ${article} about the winter plans`, ...paragraphs].join('\n\n');
}

export interface ActionArticles {
  /** Articles with a fix to apply in every paragraph. */
  apply: number[];
  /** Articles with a translator's proposal in every paragraph. */
  approve: number[];
}

/** Imports enough articles for `actions` actions of each kind (and the warm-up), and makes the translator propose a correction of every paragraph of the approval ones. */
export async function prepareActionArticles(ctx: ServiceContext, translatorId: number, actions: number): Promise<ActionArticles> {
  const perKind = Math.ceil((actions + ACTION_WARM_UP) / (ACTION_PASSAGES - 1));
  const prepared: ActionArticles = { apply: [], approve: [] };
  for (let i = 0; i < 2 * perKind; i++) {
    const { id } = await importArticle(ctx, { text: actionArticleText(i), targetLang: 'en' });
    if (i < perKind) {
      prepared.apply.push(id);
      continue;
    }
    prepared.approve.push(id);
    for (const p of ctx.repos.passages.ofArticle(id).slice(1)) {
      await editPassage(ctx, { id: translatorId, role: 'translator' }, id, p.idx, `${p.correctedText} Officials confirmed the plan.`, p.version, 'omission-addition');
    }
  }
  return prepared;
}

/** What the browser sends for a click on `button`: its form's fields, token inputs tied to the form included, and the button's own name and value. */
function submission(page: HTMLElement, button: HTMLElement): { action: string; body: URLSearchParams } {
  const form = button.closest('form');
  if (!form) throw new Error(`A button outside a form: ${button.outerHTML}`);
  const body = new URLSearchParams();
  const inputs = [...form.querySelectorAll('input'), ...page.querySelectorAll(`input[form="${form.id}"]`)];
  for (const input of inputs) {
    const name = input.getAttribute('name');
    if (name) body.append(name, input.getAttribute('value') ?? '');
  }
  const name = button.getAttribute('name');
  if (name) body.append(name, button.getAttribute('value') ?? '');
  return { action: button.getAttribute('formaction') ?? form.getAttribute('action')!, body };
}

export interface ActionTimes {
  apply: number[];
  approve: number[];
}

/**
 * Applies fixes, then approves proposals, `actions` timed ones of each (ms); before each, reads
 * the article's page as the browser shows it and clicks the first button of the kind, moving to
 * the next article when none is left.
 */
export async function measureActions(url: string, cookie: string, articles: ActionArticles, actions: number): Promise<ActionTimes> {
  const headers = { cookie, 'accept-encoding': 'gzip' };
  const timesOf = async (ids: readonly number[], selector: string): Promise<number[]> => {
    const times: number[] = [];
    const queue = [...ids];
    while (times.length < actions + ACTION_WARM_UP) {
      const id = queue[0];
      if (id === undefined) throw new Error(`The action articles ran out of "${selector}" buttons after ${times.length} actions.`);
      const response = await fetch(`${url}/articles/${id}`, { headers });
      if (!response.ok) throw new Error(`GET /articles/${id} answered ${response.status}.`);
      const page = parse(await response.text());
      const button = page.querySelector(selector);
      if (!button) {
        queue.shift();
        continue;
      }
      const { action, body } = submission(page, button);
      const start = performance.now();
      const answer = await fetch(url + action, { method: 'POST', headers, body, redirect: 'manual' });
      await answer.arrayBuffer();
      const ms = performance.now() - start;
      if (answer.status !== 303) throw new Error(`POST ${action} answered ${answer.status}.`);
      times.push(ms);
    }
    return times.slice(ACTION_WARM_UP);
  };
  return {
    apply: await timesOf(articles.apply, 'button[data-action="apply"]'),
    approve: await timesOf(articles.approve, 'form[action*="/passages/"][action$="/approve"] button[type="submit"]'),
  };
}
