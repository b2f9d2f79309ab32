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

/** A command line or request that does not say what to do. */
export class UsageError extends WorkbenchError {}
