import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, TermbaseError, ValidationError } from '../errors.js';
import { planImport, type ImportMode, type ImportPlan } from '../reference/import-plan.js';
import { readTermFile, TERM_FILE_FORMATS, writeTermFile, type TermFile, type TermFileFormat } from '../reference/term-files.js';
import type { TermEntry } from '../reference/termbase.js';
import type { Actor, ServiceContext } from './context.js';
import { applyImport, termEntries, type TermbaseChange } from './termbase.js';

/** The termbase as a file to download. */
export interface TermbaseDownload {
  fileName: string;
  mediaType: string;
  content: string;
  terms: number;
}

export function termbaseDownload(ctx: ServiceContext, format: TermFileFormat): TermbaseDownload {
  const entries = termEntries(ctx);
  const { extension, mediaType } = TERM_FILE_FORMATS[format];
  return { fileName: `termbase.${extension}`, mediaType, content: writeTermFile(entries, format), terms: entries.length };
}

/** A file read and what importing it would do, not yet done. */
export interface TermImportPreview {
  file: TermFile;
  plan: ImportPlan;
}

/** The termbase a plan was made against, in a few bytes: a confirmation applies the plan only to that termbase. */
function fingerprint(entries: readonly TermEntry[]): string {
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/** What importing a file's text would change; a file that cannot be read, or would leave a conflict, is a ValidationError naming where. */
export function previewTermImport(ctx: ServiceContext, content: string, fileName: string, mode: ImportMode): TermImportPreview {
  try {
    const file = readTermFile(content, fileName);
    return { file, plan: planImport(termEntries(ctx), file, mode) };
  } catch (error) {
    if (error instanceof TermbaseError) throw new ValidationError(error.message);
    throw error;
  }
}

/** Applies a previewed import in one transaction (the terms service's): every term or none. */
export function applyTermImport(ctx: ServiceContext, by: Actor | null, { file, plan }: TermImportPreview): TermbaseChange {
  return applyImport(ctx, by, file.entries, { replace: plan.mode === 'replace' });
}

interface HeldImport extends TermImportPreview {
  id: string;
  basis: string;
}

/**
 * Imports the Terms page has shown and waits to have confirmed: one per user (a new upload
 * replaces theirs), kept in memory, so a restart only means uploading again. Per service
 * context, so two apps over two databases never see each other's.
 */
const held = new WeakMap<ServiceContext, Map<number, HeldImport>>();

/** Keeps a preview for its user's confirmation; returns the id the confirmation must name. */
export function holdTermImport(ctx: ServiceContext, by: Actor, preview: TermImportPreview): string {
  let byUser = held.get(ctx);
  if (!byUser) held.set(ctx, (byUser = new Map()));
  const id = randomBytes(16).toString('hex');
  byUser.set(by.id, { ...preview, id, basis: fingerprint(termEntries(ctx)) });
  return id;
}

/**
 * Applies the import the user was shown, as shown: refused (409) when it is no longer waiting
 * (applied already, or another upload since) or when the termbase changed after it was planned.
 */
export function confirmTermImport(ctx: ServiceContext, by: Actor, id: string): TermImportPreview & { change: TermbaseChange } {
  const byUser = held.get(ctx);
  const waiting = byUser?.get(by.id);
  if (!waiting || waiting.id !== id) throw new ConflictError('This import is no longer waiting to be confirmed. Upload the file again to see what it would change.');
  byUser!.delete(by.id);
  if (fingerprint(termEntries(ctx)) !== waiting.basis) throw new ConflictError('The termbase changed after this import was planned. Upload the file again to see what it would change now.');
  return { file: waiting.file, plan: waiting.plan, change: applyTermImport(ctx, by, waiting) };
}
