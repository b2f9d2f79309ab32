import { Router } from 'express';
import { TERM_KINDS } from '../reference/termbase.js';
import { authorize, signedInUser } from '../middleware/auth.js';
import { STATUS_LABELS } from '../render/view-helpers.js';
import type { ServiceContext } from '../services/context.js';
import { guessKind, makeHouseForm } from '../services/house-form.js';
import { nameGroup, nameGroups } from '../services/names.js';
import { can } from '../services/permissions.js';
import { noticeOf, withNotice } from './notices.js';
import { field, pageParam } from './params.js';

/** The names across the archive: the list, most contested first, and one name's articles by spelling. */
export function namesRouter(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/names', authorize('view'), async (req, res) => {
    const contested = field(req.query, 'contested') === '1';
    const list = await nameGroups(ctx, { page: pageParam(field(req.query, 'page')), contested });
    res.render('names/list', { title: 'Names', list, contested, pageLink: (page: number) => `/names?${new URLSearchParams({ ...(contested ? { contested: '1' } : {}), page: String(page) })}` });
  });

  router.get('/names/:key', authorize('view'), async (req, res) => {
    const group = await nameGroup(ctx, String(req.params.key));
    const leading = group.spellings[0]!.spelling;
    const houseForm = can(signedInUser(req).role, 'editTerms') ? { kinds: TERM_KINDS, kind: guessKind(leading) } : null;
    res.render('names/show', { title: `Name: ${leading}`, group, houseForm, statusLabels: STATUS_LABELS, notice: noticeOf(req.query) });
  });

  router.post('/names/:key/house-form', authorize('editTerms'), async (req, res) => {
    const key = String(req.params.key);
    await makeHouseForm(ctx, signedInUser(req), key, field(req.body, 'spelling') ?? '', field(req.body, 'kind') ?? '');
    res.redirect(303, withNotice(`/names/${encodeURIComponent(key)}`, 'house-form'));
  });

  return router;
}
