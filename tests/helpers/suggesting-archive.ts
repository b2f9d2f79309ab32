import type { ServiceContext } from '../../src/services/context.js';
import { importArticle } from '../../src/services/import.js';
import { dismissFinding, editPassage } from '../../src/services/review.js';
import { testUser } from './app.js';

const ENVOY = ['Envoy meets the delegation', 'Envoy Vitkoff met the delegation in Geneva on Tuesday.'].join('\n\n');
const KHARKOV = ['Trains return to Kharkov', 'The line to Kharkov reopened on Monday after repairs.'].join('\n\n');

/** Three articles where an editor respelled Vitkoff by hand, and three where the terms check's Kharkov was dismissed. */
export async function suggestingArchive(ctx: ServiceContext): Promise<{ dismissedIn: { id: number; fingerprint: string }[] }> {
  const editor = testUser(ctx, 'editor');
  const dismissedIn = [];
  for (let i = 0; i < 3; i++) {
    const { id } = await importArticle(ctx, { text: ENVOY });
    const passage = ctx.repos.passages.ofArticle(id)[1]!;
    await editPassage(ctx, editor, id, 1, passage.correctedText.replace('Vitkoff', 'Witkoff'), passage.version, 'name');
    const kharkov = await importArticle(ctx, { text: KHARKOV });
    const finding = ctx.repos.findings.ofArticle(kharkov.id).find((f) => f.check === 'terms' && f.passageIdx === 1)!;
    await dismissFinding(ctx, editor, kharkov.id, finding.fingerprint, 'Quoted from a 1943 report');
    dismissedIn.push({ id: kharkov.id, fingerprint: finding.fingerprint });
  }
  return { dismissedIn };
}
