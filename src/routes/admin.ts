import { Router } from 'express';
import { ROLES } from '../db/repositories/users.js';
import { authorize } from '../middleware/auth.js';
import { createApiToken, createUser, listActiveUsers, listApiTokens, listUsers, MIN_PASSWORD, parseRole, resetPassword, revokeApiToken, updateUser } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { listDeliveries, resendDelivery } from '../services/webhooks.js';
import { noticeOf, withNotice } from './notices.js';
import { field, idParam, pageParam, requesterError } from './params.js';

/** What the post did (notice) or why it was refused (problem), as partials/notice shows them. */
type Outcome = { notice?: string; problem?: string };

/** People, API tokens and the webhook's deliveries, for admins; mounted at /admin. */
export function adminRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.use(authorize('manageUsers'));

  const usersPage = (outcome: Outcome, form = { name: '', role: 'translator' }) => ({
    title: 'Users',
    users: listUsers(ctx),
    roles: ROLES,
    form,
    ...outcome,
    minPassword: MIN_PASSWORD,
  });
  const tokensPage = (outcome: Outcome, created: { token: string; userName: string } | null = null) => ({
    title: 'API tokens',
    tokens: listApiTokens(ctx),
    users: listActiveUsers(ctx),
    ...outcome,
    created,
  });

  router.get('/users', (_req, res) => res.render('admin/users', usersPage({})));

  router.post('/users', async (req, res) => {
    const form = { name: field(req.body, 'name') ?? '', role: field(req.body, 'role') ?? '' };
    try {
      const user = await createUser(ctx, { name: form.name, role: parseRole(form.role), password: field(req.body, 'password') ?? '' });
      res.status(201).render('admin/users', usersPage({ notice: `Added ${user.name} (${user.role}).` }));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('admin/users', usersPage({ problem: refused.message }, form));
    }
  });

  /** One change per form: a new password, or a role, or enabling/disabling. */
  router.post('/users/:id', async (req, res) => {
    const id = idParam(req.params.id, 'user');
    const role = field(req.body, 'role');
    const disabled = field(req.body, 'disabled');
    const password = field(req.body, 'password');
    try {
      let done: string;
      if (password !== undefined) {
        await resetPassword(ctx, id, password);
        done = 'Password changed; that user is signed out everywhere.';
      } else {
        const user = updateUser(ctx, id, {
          ...(role !== undefined ? { role: parseRole(role) } : {}),
          ...(disabled !== undefined ? { disabled: disabled === '1' } : {}),
        });
        done = `${user.name} is now ${user.disabled ? 'disabled' : `an active ${user.role}`}.`;
      }
      res.render('admin/users', usersPage({ notice: done }));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('admin/users', usersPage({ problem: refused.message }));
    }
  });

  router.get('/tokens', (_req, res) => res.render('admin/tokens', tokensPage({})));

  router.post('/tokens', async (req, res) => {
    try {
      const { token, user } = createApiToken(ctx, field(req.body, 'user') ?? '', field(req.body, 'label') ?? '');
      res.status(201).render('admin/tokens', tokensPage({ notice: 'Token created. Copy it now: it is not shown again.' }, { token, userName: user.name }));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('admin/tokens', tokensPage({ problem: refused.message }));
    }
  });

  router.post('/tokens/:id/revoke', (req, res) => {
    revokeApiToken(ctx, idParam(req.params.id, 'token'));
    res.redirect(303, '/admin/tokens');
  });

  const webhooksPage = (outcome: Outcome, page: number) => ({ title: 'Webhook deliveries', deliveries: listDeliveries(ctx, page), ...outcome });

  router.get('/webhooks', (req, res) => {
    const notice = noticeOf(req.query);
    res.render('admin/webhooks', webhooksPage(notice ? { notice } : {}, pageParam(field(req.query, 'page'))));
  });

  router.post('/webhooks/:id/resend', (req, res) => {
    try {
      resendDelivery(ctx, idParam(req.params.id, 'delivery'));
      res.redirect(303, withNotice('/admin/webhooks', 'delivery-resent'));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('admin/webhooks', webhooksPage({ problem: refused.message }, 1));
    }
  });

  return router;
}
