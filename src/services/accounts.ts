import { createHash, randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { isBusy } from '../db/connection.js';
import type { ApiToken } from '../db/repositories/api-tokens.js';
import type { StoredSession } from '../db/repositories/sessions.js';
import { ROLES, type Role, type User } from '../db/repositories/users.js';
import type { ServiceContext } from './context.js';
import { VersionedCache } from '../lib/versioned-cache.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';

// OWASP Password Storage Cheat Sheet, argon2id: 19 MiB of memory, 2 iterations, 1 lane.
// (Algorithm is a const enum, which this build cannot import as a value; 2 is Argon2id.)
const ARGON2ID = 2 as Algorithm;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const MIN_PASSWORD = 12;
// argon2 reads all of it; a cap keeps a huge "password" from being a cheap way to burn CPU.
const MAX_PASSWORD = 1024;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,39}$/u;
/**
 * The scripts a name may be written in, one per name: a Cyrillic "а" among Latin letters makes
 * "аdmin" look like "admin", so letters of two scripts are refused. Digits are ASCII or the script's own.
 */
const NAME_SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Devanagari', 'Bengali', 'Tamil', 'Thai', 'Hangul', 'Han', 'Hiragana', 'Katakana'].map(
  (script) => new RegExp(`^[\\p{Script=${script}}0-9._-]+$`, 'u'),
);

/** A user name as stored and looked up: compatibility forms (fullwidth "ａ", "Ⅰ") folded to plain letters. */
const userName = (name: string) => name.normalize('NFKC').trim();

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw new ValidationError(`The password must have at least ${MIN_PASSWORD} characters.`);
  if (password.length > MAX_PASSWORD) throw new ValidationError(`The password must have at most ${MAX_PASSWORD} characters.`);
}

export function parseRole(value: string | undefined): Role {
  if (!ROLES.includes(value as Role)) throw new ValidationError(`The role must be one of ${ROLES.join(', ')}.`);
  return value as Role;
}

interface NewUser {
  name: string;
  role: Role;
  password: string;
}

/**
 * Creates a user once `mayCreate` (which throws when not) passes, before the slow hash and again
 * in the transaction that inserts: another request may have taken the name, or made the first
 * admin, while this one hashed.
 */
async function insertUser(ctx: ServiceContext, input: NewUser, mayCreate: (name: string) => void): Promise<User> {
  const name = userName(input.name);
  if (!NAME.test(name)) throw new ValidationError('A name is 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.');
  if (!NAME_SCRIPTS.some((script) => script.test(name))) throw new ValidationError('A name is written in one script: its letters all Latin, or all Cyrillic, and so on, not mixed.');
  checkPassword(input.password);
  mayCreate(name);
  const passwordHash = await hashPassword(input.password);
  return ctx.repos.transaction(() => {
    mayCreate(name);
    return ctx.repos.users.find(ctx.repos.users.insert({ name, role: input.role, passwordHash, now: ctx.now() }))!;
  });
}

export function createUser(ctx: ServiceContext, input: NewUser): Promise<User> {
  return insertUser(ctx, input, (name) => {
    if (ctx.repos.users.findByName(name)) throw new ConflictError(`There is already a user called “${name}”.`);
  });
}

/** Whether anyone has an account yet; until then every page leads to the first-run /setup. */
export function hasUsers(ctx: ServiceContext): boolean {
  return !ctx.repos.users.isEmpty();
}

/** The first-run admin: only while the workbench has no user at all; after that, admins add people. */
export function createFirstAdmin(ctx: ServiceContext, input: { name: string; password: string }): Promise<User> {
  return insertUser(ctx, { ...input, role: 'admin' }, () => {
    if (!ctx.repos.users.isEmpty()) throw new ConflictError('The workbench already has an admin. Sign in instead.');
  });
}

// Verified against when the name is unknown, so an unknown name costs as long as a wrong password;
// made at the first login, not whenever this module loads (every CLI command would pay for it).
let unknownUserHash: Promise<string> | undefined;

/** The user these credentials belong to, or undefined; a disabled account never authenticates. */
export async function authenticate(ctx: ServiceContext, name: string, password: string): Promise<User | undefined> {
  const credentials = password.length <= MAX_PASSWORD ? ctx.repos.users.credentials(userName(name)) : undefined;
  const matches = await verify(credentials?.passwordHash ?? (await (unknownUserHash ??= hashPassword(randomBytes(16).toString('hex')))), password.slice(0, MAX_PASSWORD));
  if (!credentials || !matches || credentials.disabled) return undefined;
  return ctx.repos.users.find(credentials.id);
}

/** Every account, disabled ones too, for the admin's users page. */
export function listUsers(ctx: ServiceContext): User[] {
  return ctx.repos.users.all();
}

/** The accounts that are not disabled: those a new API token may act as. */
export function listActiveUsers(ctx: ServiceContext): User[] {
  return ctx.repos.users.active();
}

export function requireUser(ctx: ServiceContext, id: number): User {
  const user = ctx.repos.users.find(id);
  if (!user) throw new NotFoundError(`There is no user ${id}.`);
  return user;
}

/** Changes a role or disables an account, never leaving the workbench without an active admin. */
export function updateUser(ctx: ServiceContext, id: number, change: { role?: Role; disabled?: boolean }): User {
  return ctx.repos.transaction(() => {
    const user = requireUser(ctx, id);
    const losesAdmin = user.role === 'admin' && !user.disabled && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin && ctx.repos.users.activeAdminCount() === 1) throw new ConflictError(`${user.name} is the only active admin; make someone else admin first.`);
    if (change.role !== undefined) ctx.repos.users.setRole(id, change.role);
    if (change.disabled !== undefined) {
      ctx.repos.users.setDisabled(id, change.disabled);
      if (change.disabled) ctx.repos.sessions.removeOfUser(id);
    }
    return requireUser(ctx, id);
  });
}

/** Sets a new password and signs the user out everywhere. */
export async function resetPassword(ctx: ServiceContext, id: number, password: string): Promise<void> {
  requireUser(ctx, id);
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  ctx.repos.transaction(() => {
    ctx.repos.users.setPassword(id, passwordHash);
    ctx.repos.sessions.removeOfUser(id);
  });
}

// Sessions and tokens are random secrets handed to the client; only their SHA-256 is stored.
const newSecret = () => randomBytes(32).toString('base64url');
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** How stale a last-seen or last-used time may get before a request moves it: one write per few minutes, not per request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** A session's last_seen_at moves at most every half idle timeout, so a user active more often than that is never signed out. */
const touchInterval = (policy: SessionPolicy) => Math.min(TOUCH_EVERY_MS, policy.idleMs / 2);

/**
 * A write a request can do without: when another connection holds the write lock past the busy
 * timeout, it is skipped and the request served anyway (the next request tries again).
 */
function unlessBusy(write: () => void): void {
  try {
    write();
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
}

/** Stores a new session (signed in when userId is given) and returns the secret for its cookie. */
export function startSession(ctx: ServiceContext, userId: number | null, csrfToken: string, policy: SessionPolicy): string {
  const id = newSecret();
  ctx.repos.transaction(() => {
    const now = ctx.now();
    ctx.repos.sessions.removeExpired(new Date(Date.parse(now) - policy.idleMs).toISOString(), new Date(Date.parse(now) - policy.absoluteMs).toISOString());
    ctx.repos.sessions.insert({ idHash: digest(id), userId, csrfToken, now });
  });
  return id;
}

/** The live session with this cookie secret, or undefined when there is none or it timed out. */
export function findSession(ctx: ServiceContext, id: string, policy: SessionPolicy): StoredSession | undefined {
  const session = ctx.repos.sessions.find(digest(id));
  if (!session) return undefined;
  const now = Date.parse(ctx.now());
  if (timedOut(session, now, policy)) {
    // Signed out either way; a row left behind is removed with the next session started.
    unlessBusy(() => ctx.repos.sessions.remove(session.idHash));
    return undefined;
  }
  if (now - Date.parse(session.lastSeenAt) > touchInterval(policy)) unlessBusy(() => ctx.repos.sessions.touch(session.idHash, ctx.now()));
  return session;
}

function timedOut(session: StoredSession, now: number, policy: SessionPolicy): boolean {
  return now - Date.parse(session.lastSeenAt) > policy.idleMs || now - Date.parse(session.createdAt) > policy.absoluteMs;
}

/** Sessions remembered by a session finder; beyond this many, the least recently used are read again. */
const CACHED_SESSIONS = 1000;

/**
 * findSession that remembers what it read until anything in the database changes (a sign-out,
 * a disabled user, a role change, in this process or another): most requests change nothing,
 * so most need neither a hash nor a query. A remembered session still times out on time, and
 * is read again when its last_seen_at is due to move.
 */
export function sessionFinder(ctx: ServiceContext, policy: SessionPolicy): (id: string) => StoredSession | undefined {
  const cache = new VersionedCache<StoredSession>(CACHED_SESSIONS);
  return (id) => {
    const remembered = cache.get(id, ctx.repos.dataVersion());
    const now = Date.parse(ctx.now());
    if (remembered && !timedOut(remembered, now, policy) && now - Date.parse(remembered.lastSeenAt) <= touchInterval(policy)) return remembered;
    const session = findSession(ctx, id, policy);
    // The version after any touch or removal findSession made, which that write moved.
    if (session) cache.set(id, ctx.repos.dataVersion(), Object.freeze(session));
    return session;
  };
}

export function endSession(ctx: ServiceContext, idHash: string): void {
  ctx.repos.sessions.remove(idHash);
}

/** Creates an API token acting as the named user; the token is returned once and stored hashed. */
export function createApiToken(ctx: ServiceContext, name: string, label: string): { id: number; token: string; user: User } {
  const user = ctx.repos.users.findByName(userName(name));
  if (!user) throw new NotFoundError(`There is no user called “${name}”.`);
  if (user.disabled) throw new ConflictError(`${user.name} is disabled.`);
  const cleanLabel = label.trim().slice(0, 100) || 'API token';
  const token = `wbt_${newSecret()}`;
  const id = ctx.repos.apiTokens.insert({ userId: user.id, label: cleanLabel, tokenHash: digest(token), now: ctx.now() });
  return { id, token, user };
}

/** The user a bearer token acts as, or undefined for an unknown, revoked or disabled one. */
export function userOfToken(ctx: ServiceContext, token: string): { id: number; name: string; role: Role } | undefined {
  const owner = ctx.repos.apiTokens.owner(digest(token));
  if (!owner) return undefined;
  const now = ctx.now();
  if (owner.lastUsedAt === null || Date.parse(now) - Date.parse(owner.lastUsedAt) > TOUCH_EVERY_MS) unlessBusy(() => ctx.repos.apiTokens.markUsed(owner.id, now));
  return { id: owner.userId, name: owner.name, role: owner.role };
}

/** Every API token, revoked ones too, newest first, for the admin's tokens page. */
export function listApiTokens(ctx: ServiceContext): ApiToken[] {
  return ctx.repos.apiTokens.all();
}

export function revokeApiToken(ctx: ServiceContext, id: number): void {
  if (!ctx.repos.apiTokens.revoke(id, ctx.now())) throw new NotFoundError(`There is no live API token ${id}.`);
}
