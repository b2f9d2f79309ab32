import { Router } from 'express';
import { ROLES } from '../db/repositories/users.js';
import { WorkbenchError } from '../errors.js';
import { authorize } from '../middleware/auth.js';
import { createApiToken, createUser, MIN_PASSWORD, parseRole, resetPassword, revokeApiToken, updateUser } from '../services/accounts.js';
import type { ServiceContext } from '../services/context.js';
import { field, idParam } from './params.js';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** People and API tokens, for admins. */
export function adminRouter(ctx: ServiceContext): Router {
  const router = Router();
  router.use('/admin', authorize('manageUsers'));

  const usersPage = (notice: Notice, form = { name: '', role: 'translator' }) => ({
    title: 'Users',
    users: ctx.repos.users.all(),
    roles: ROLES,
    form,
    notice,
    minPassword: MIN_PASSWORD,
  });
  const tokensPage = (notice: Notice, created: { token: string; userName: string } | null = null) => ({
    title: 'API tokens',
    tokens: ctx.repos.apiTokens.all(),
    users: ctx.repos.users.all().filter((u) => !u.disabled),
    notice,
    created,
  });

  /** Runs a change; a refused one re-renders the page with the reason at the error's status. */
  const attempt = async (render: (notice: Notice) => void, change: () => Promise<string> | string, onError: (message: string, status: number) => void) => {
    try {
      render({ kind: 'ok', text: await change() });
    } catch (error) {
      if (!(error instanceof WorkbenchError) || error.status >= 500) throw error;
      onError(error.message, error.status);
    }
  };

  router.get('/admin/users', (_req, res) => res.render('admin/users', usersPage(null)));

  router.post('/admin/users', async (req, res) => {
    const form = { name: field(req.body, 'name') ?? '', role: field(req.body, 'role') ?? '' };
    await attempt(
      (notice) => res.status(201).render('admin/users', usersPage(notice)),
      async () => {
        const user = await createUser(ctx, { name: form.name, role: parseRole(form.role), password: field(req.body, 'password') ?? '' });
        return `Added ${user.name} (${user.role}).`;
      },
      (message, status) => res.status(status).render('admin/users', usersPage({ kind: 'error', text: message }, form)),
    );
  });

  router.post('/admin/users/:id', async (req, res) => {
    const id = idParam(req.params.id, 'user');
    const role = field(req.body, 'role');
    const disabled = field(req.body, 'disabled');
    const password = field(req.body, 'password');
    await attempt(
      (notice) => res.render('admin/users', usersPage(notice)),
      async () => {
        if (password !== undefined) {
          await resetPassword(ctx, id, password);
          return 'Password changed; that user is signed out everywhere.';
        }
        const user = updateUser(ctx, id, {
          ...(role !== undefined ? { role: parseRole(role) } : {}),
          ...(disabled !== undefined ? { disabled: disabled === '1' } : {}),
        });
        return `${user.name} is now ${user.disabled ? 'disabled' : `an active ${user.role}`}.`;
      },
      (message, status) => res.status(status).render('admin/users', usersPage({ kind: 'error', text: message })),
    );
  });

  router.get('/admin/tokens', (_req, res) => res.render('admin/tokens', tokensPage(null)));

  router.post('/admin/tokens', async (req, res) => {
    try {
      const { token, user } = createApiToken(ctx, field(req.body, 'user') ?? '', field(req.body, 'label') ?? '');
      res.status(201).render('admin/tokens', tokensPage({ kind: 'ok', text: 'Token created. Copy it now: it is not shown again.' }, { token, userName: user.name }));
    } catch (error) {
      if (!(error instanceof WorkbenchError) || error.status >= 500) throw error;
      res.status(error.status).render('admin/tokens', tokensPage({ kind: 'error', text: error.message }));
    }
  });

  router.post('/admin/tokens/:id/revoke', (req, res) => {
    revokeApiToken(ctx, idParam(req.params.id, 'token'));
    res.redirect(303, '/admin/tokens');
  });

  return router;
}
