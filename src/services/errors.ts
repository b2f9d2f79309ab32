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
