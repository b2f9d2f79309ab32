import { Router, type Request, type Response } from 'express';
import { authorize, signedInUser } from '../middleware/auth.js';
import { TERM_KINDS } from '../reference/termbase.js';
import type { ServiceContext } from '../services/context.js';
import { termSuggestions } from '../services/learning.js';
import { recheckProgress } from '../services/recheck.js';
import { can } from '../services/permissions.js';
import {
  createTerm,
  deleteTerm,
  getTerm,
  listTerms,
  restoreTermRevision,
  setTermDisputed,
  termHistory,
  updateTerm,
  type TermInput,
} from '../services/termbase.js';
import { ValidationError } from '../errors.js';
import { noticeOf, withNotice, type NoticeKey } from './notices.js';
import { field, idParam, pageParam, requesterError } from './params.js';

/** A term form's fields as typed: the lists one form a line. */
interface TermForm {
  preferred: string;
  variants: string;
  exceptions: string;
  note: string;
  kind: string;
  language: string;
  disputed: boolean;
}

const EMPTY_FORM: TermForm = { preferred: '', variants: '', exceptions: '', note: '', kind: 'other', language: 'en', disputed: false };

const lines = (text: string) => text.split(/\r?\n/u).map((line) => line.trim()).filter(Boolean);

function termForm(source: unknown): TermForm {
  const text = (name: string) => field(source, name) ?? '';
  return {
    preferred: text('preferred'),
    variants: text('variants'),
    exceptions: text('exceptions'),
    note: text('note'),
    kind: text('kind') || 'other',
    language: text('language') || 'en',
    disputed: field(source, 'disputed') === '1',
  };
}

function inputOf(form: TermForm): TermInput {
  return { ...form, variants: lines(form.variants), exceptions: lines(form.exceptions) };
}

/** The Terms page: everyone reads the termbase, editors and admins change it. */
export function termsRouter(ctx: ServiceContext): Router {
  const router = Router();
  const editor = authorize('editTerms');
  const mayEdit = (req: Request) => can(signedInUser(req).role, 'editTerms');

  const formPage = (termId: number | null, form: TermForm, problem?: string) => ({
    title: termId === null ? 'New term' : `Edit ${form.preferred}`,
    termId,
    form,
    kinds: TERM_KINDS,
    problem,
  });

  router.get('/terms', (req, res) => {
    const kind = field(req.query, 'kind') ?? '';
    const filter = { q: field(req.query, 'q') ?? '', kind: (TERM_KINDS as readonly string[]).includes(kind) ? kind : '' };
    const page = listTerms(ctx, { ...filter, page: pageParam(field(req.query, 'page')) });
    const hrefOf = (n: number) => `/terms?${new URLSearchParams({ ...filter, page: String(n) })}`;
    res.render('terms/list', {
      title: 'Terms',
      page,
      filter,
      kinds: TERM_KINDS,
      mayEdit: mayEdit(req),
      // What the archive's corrections and dismissals suggest: for those who may act on it.
      suggestions: mayEdit(req) ? termSuggestions(ctx) : null,
      previousHref: page.page > 1 ? hrefOf(page.page - 1) : null,
      nextHref: page.page < page.pages ? hrefOf(page.page + 1) : null,
      notice: noticeOf(req.query),
      recheck: recheckProgress(ctx),
    });
  });

  // Pre-filled from the query: a suggestion elsewhere links here with a preferred form and a variant.
  router.get('/terms/new', editor, (req, res) => {
    res.render('terms/form', formPage(null, { ...EMPTY_FORM, preferred: field(req.query, 'preferred') ?? '', variants: field(req.query, 'variant') ?? '' }));
  });

  router.post('/terms', editor, (req, res) => {
    const form = termForm(req.body);
    try {
      const { termIds } = createTerm(ctx, signedInUser(req), inputOf(form));
      res.redirect(303, withNotice(`/terms/${termIds[0]}`, 'term-saved'));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('terms/form', formPage(null, form, refused.message));
    }
  });

  /** A term's page: the term (absent once deleted) and its history; a refused change is said on it. */
  const showPage = (req: Request, id: number, outcome: { notice?: string | null; problem?: string }) => {
    const { term, history } = termHistory(ctx, id);
    return { title: term?.preferred ?? `Deleted term ${id}`, id, term, history, mayEdit: mayEdit(req), ...outcome };
  };
  /** Runs a change from a term's page, and returns there with its notice, or shows the page again with the refusal. */
  const changeFromPage = (req: Request, res: Response, id: number, notice: NoticeKey, change: () => void) => {
    try {
      change();
      res.redirect(303, withNotice(`/terms/${id}`, notice));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('terms/show', showPage(req, id, { problem: refused.message }));
    }
  };

  router.get('/terms/:id', (req, res) => {
    res.render('terms/show', showPage(req, idParam(req.params.id, 'term'), { notice: noticeOf(req.query) }));
  });

  router.get('/terms/:id/edit', editor, (req, res) => {
    const term = getTerm(ctx, idParam(req.params.id, 'term'));
    const form = { ...term, variants: term.variants.join('\n'), exceptions: term.exceptions.join('\n'), note: term.note ?? '' };
    res.render('terms/form', formPage(term.id, form));
  });

  router.post('/terms/:id', editor, (req, res) => {
    const id = idParam(req.params.id, 'term');
    const form = termForm(req.body);
    try {
      updateTerm(ctx, signedInUser(req), id, inputOf(form));
      res.redirect(303, withNotice(`/terms/${id}`, 'term-saved'));
    } catch (error) {
      const refused = requesterError(error);
      res.status(refused.status).render('terms/form', formPage(id, form, refused.message));
    }
  });

  router.post('/terms/:id/disputed', editor, (req, res) => {
    const id = idParam(req.params.id, 'term');
    changeFromPage(req, res, id, 'term-saved', () => setTermDisputed(ctx, signedInUser(req), id, field(req.body, 'disputed') === '1'));
  });

  router.post('/terms/:id/delete', editor, (req, res) => {
    const id = idParam(req.params.id, 'term');
    changeFromPage(req, res, id, 'term-deleted', () => {
      if (field(req.body, 'confirm') !== '1') throw new ValidationError('Tick “Yes, delete this term” to delete it.');
      deleteTerm(ctx, signedInUser(req), id);
    });
  });

  router.post('/terms/:id/revisions/:revision/restore', editor, (req, res) => {
    const id = idParam(req.params.id, 'term');
    const revision = idParam(req.params.revision, 'revision');
    changeFromPage(req, res, id, 'term-restored', () => restoreTermRevision(ctx, signedInUser(req), id, revision));
  });

  return router;
}
