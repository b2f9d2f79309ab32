import { fixArticle } from '../../src/checks/fixer.js';
import { framedAsExported } from '../../src/cli/io.js';
import { correctedText } from '../../src/services/articles.js';
import { importArticle } from '../../src/services/import.js';
import { applyFinding } from '../../src/services/review.js';
import { reference, testContext, testUser } from './app.js';

export interface WebFix {
  /** The export after every fix was applied. */
  text: string;
  /** How many fixes were applied, one click each. */
  applied: number;
}

/** More clicks than any test article has slips. */
const MAX_CLICKS = 500;

/**
 * What an editor gets by applying every fix in the web app and exporting: the service calls
 * the routes make (an import, then applyFinding on the first open finding with a fix, until
 * none is left), then the download's text.
 */
export async function fixInWebApp(text: string, lang = 'en'): Promise<WebFix> {
  const { ctx } = testContext();
  const editor = testUser(ctx, 'editor');
  const { id } = await importArticle(ctx, { text, targetLang: lang, actor: editor });
  for (let applied = 0; applied <= MAX_CLICKS; applied++) {
    const next = ctx.repos.findings.ofArticle(id).find((f) => !f.dismissed && f.fix);
    if (!next) return { text: correctedText(ctx, id).text, applied };
    await applyFinding(ctx, editor, id, next.fingerprint);
  }
  throw new Error(`Still a fix to apply after ${MAX_CLICKS} clicks: a fix that brings back what it fixed?`);
}

/** What `workbench fix` prints for the same text: the functions it calls. */
export function fixOnCommandLine(text: string, lang = 'en'): string {
  return fixArticle({ text: framedAsExported(text), lang }, reference).text;
}
