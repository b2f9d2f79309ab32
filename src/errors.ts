/** An error whose message is meant for the user, with the HTTP status and CLI exit code it maps to. */
export class WorkbenchError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that cannot be read as an article: not UTF-8, empty, unreadable. */
export class InputError extends WorkbenchError {
  constructor(message: string) {
    super(message, 422);
  }
}

/** A command line or request that does not say what to do; on the command line, `usage` is printed after the message. */
export class UsageError extends WorkbenchError {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** Input over a size limit; its message names the limit. */
export class TooLargeError extends WorkbenchError {
  constructor(message: string) {
    super(message, 413);
  }
}

/** The article, passage or finding asked for does not exist (any more). */
export class NotFoundError extends WorkbenchError {
  constructor(message: string) {
    super(message, 404);
  }
}

/** A well-formed request whose content cannot be used: empty text, a spelling not in the group. */
export class ValidationError extends WorkbenchError {
  constructor(message: string) {
    super(message, 422);
  }
}

/** The request conflicts with what is stored: a name already taken, the last admin. */
export class ConflictError extends WorkbenchError {
  /** The passage that stands in the way, when one does: error pages link back to it. */
  readonly details: { passageIdx: number } | undefined;

  constructor(message: string, passageIdx?: number) {
    super(message, 409);
    this.details = passageIdx === undefined ? undefined : { passageIdx };
  }
}

/** A save made from an older version of a passage than the one stored: someone saved meanwhile. */
export class StaleEditError extends WorkbenchError {
  constructor(readonly current: { correctedText: string; version: number }) {
    super('Someone saved this passage after you opened it. Compare the two texts and save again.', 409);
  }
}

/** The requester may not do this. */
export class ForbiddenError extends WorkbenchError {
  constructor(message = 'Your role does not allow this.') {
    super(message, 403);
  }
}

/** Checking and rendering an article would cost more than the server gives one change: the change is refused, nothing stored changes. */
export class ReviewTooCostlyError extends WorkbenchError {
  constructor(what: string) {
    super(
      `This change was not saved: checking the article ${what}, more than one change may take. ` +
        'Look for a very long passage or text repeated many times (a wall of punctuation, a word looped by the translator) and shorten it.',
      422,
    );
  }
}

/** The database stayed busy (another process writing) or the article kept changing: nothing was stored, and the same request may simply be sent again. */
export class BusyError extends WorkbenchError {
  constructor(message = 'The workbench is busy storing other changes; nothing was saved. Try again in a moment.') {
    super(message, 503);
  }
}

/** Not signed in: the browser is sent to the login page, anything else answered 401. */
export class UnauthenticatedError extends WorkbenchError {
  constructor(message = 'Sign in first.') {
    super(message, 401);
  }
}

/** A termbase that cannot be used; the message names the file and the row or entry. */
export class TermbaseError extends WorkbenchError {
  constructor(
    readonly file: string,
    /** "line 4", "entry 12"; absent for a problem with the whole file. */
    readonly location: string | undefined,
    readonly detail: string,
  ) {
    super(`Termbase ${file}${location ? `, ${location}` : ''}: ${detail}`);
  }
}

/** A request body the API cannot use, with each problem named. */
export class BodyError extends WorkbenchError {
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message, 422);
  }
}

/** A pattern file or pattern list that cannot be used; the message says which pattern and why. */
export class BoilerplatePatternError extends Error {
  override name = 'BoilerplatePatternError';
}

/** A size as limits are spoken of: "2 MB", "64 KB", "512 bytes". */
export function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? ['MB', 1024 * 1024] : bytes >= 1024 ? ['KB', 1024] : ['bytes', 1];
  return `${Number((bytes / size).toFixed(1))} ${unit}`;
}
