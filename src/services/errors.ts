import { WorkbenchError } from '../errors.js';

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
