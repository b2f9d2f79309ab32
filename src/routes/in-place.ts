import type { Request, Response } from 'express';

/**
 * What a post from the review page changed, for its script (public/js/workbench.js), which acts
 * in place: the passages whose rows to fetch again (the script also fetches the rows of findings
 * that came or went), a sentence to say, and how to undo an applied fix.
 */
export interface InPlaceAnswer {
  passages: readonly number[];
  notice?: string | null;
  undo?: { action: string; version: number } | null;
}

/** True when the post came from the review page's script, which asks for JSON; a plain form asks for HTML. */
export function wantsInPlace(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}

/** The script gets what changed; a form post goes back to the page, at `to` (the passage or finding it changed). */
export function answerChange(req: Request, res: Response, to: string, changed: InPlaceAnswer): void {
  if (wantsInPlace(req)) res.json(changed);
  else res.redirect(303, to);
}
