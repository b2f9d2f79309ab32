import { Router } from 'express';
import { authorize } from '../middleware/auth.js';
import { STATUS_LABELS } from '../render/view-helpers.js';
import type { ServiceContext } from '../services/context.js';
import { nameGroup, nameGroups } from '../services/names.js';
import { noticeOf } from './notices.js';
import { field, pageParam } from './params.js';

/** The names across the archive: the list, most contested first, and one name's articles by spelling. */
export function namesRouter(ctx: ServiceContext): Router {
  const router = Router();

  router.get('/names', authorize('view'), (req, res) => {
    const contested = field(req.query, 'contested') === '1';
    const list = nameGroups(ctx, { page: pageParam(field(req.query, 'page')), contested });
    res.render('names/list', { title: 'Names', list, contested, pageLink: (page: number) => `/names?${new URLSearchParams({ ...(contested ? { contested: '1' } : {}), page: String(page) })}` });
  });

  router.get('/names/:key', authorize('view'), (req, res) => {
    const group = nameGroup(ctx, String(req.params.key));
    res.render('names/show', { title: `Name: ${group.spellings[0]!.spelling}`, group, statusLabels: STATUS_LABELS, notice: noticeOf(req.query) });
  });

  return router;
}
