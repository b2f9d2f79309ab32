import { field } from './params.js';

/**
 * What a post did, said once on the page it returns to: the post redirects with `?done=KEY`
 * and the page shows the sentence for KEY as a status message. Only these fixed sentences are
 * ever shown, so nothing a link carries is echoed into the page.
 */
const NOTICES = {
  saved: 'Saved.',
  commented: 'Comment added to the passage’s thread.',
  merged: 'Saved. Someone saved this passage after you opened it; you changed different words, so their changes and yours are both kept.',
  submitted: 'Submitted for approval. An editor approves the article or sends it back.',
  approved: 'Article approved: exports give the approved text.',
  'approved-with-proposals': 'The waiting proposals and the article are approved: exports give the approved text.',
  assigned: 'Assignment saved: the article is in the assignee’s queue.',
  unassigned: 'The article is assigned to nobody now.',
  'sent-back': 'Sent back for more work, with your comment for the translator.',
  'proposal-approved': 'Proposal approved: exports take it.',
  'proposal-rejected': 'Proposal rejected: the passage is back to its approved text.',
  'proposals-approved': 'The chosen proposals are approved.',
  'proposals-rejected': 'The chosen proposals are rejected.',
  'term-saved': 'Term saved: checks from now on use it.',
  'term-deleted': 'Term deleted. Its history below can bring it back.',
  'term-restored': 'The earlier version of the term is restored.',
  'delivery-resent': 'The delivery will be sent again within a second, with the same id and body.',
  'proposals-skipped': 'Some of the chosen proposals changed after you loaded the page, so they were skipped, not decided unseen: they are listed again. The others are done.',
} as const;

export type NoticeKey = keyof typeof NOTICES;

/** The sentence for a notice, for a page that says it in place. */
export function noticeText(key: NoticeKey): string {
  return NOTICES[key];
}

/** The notice a page shows for its query, or null. */
export function noticeOf(query: unknown): string | null {
  const key = field(query, 'done');
  return key !== undefined && Object.hasOwn(NOTICES, key) ? NOTICES[key as NoticeKey] : null;
}

/** A url with the notice to show there: the key goes in the query, before any #fragment. */
export function withNotice(url: string, key: NoticeKey): string {
  const [path, fragment] = url.split('#', 2) as [string, string | undefined];
  return `${path}${path.includes('?') ? '&' : '?'}done=${key}${fragment === undefined ? '' : `#${fragment}`}`;
}
