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

/** Input over a size limit; its message names the limit. */
export class TooLargeError extends WorkbenchError {
  constructor(message: string) {
    super(message, 413);
  }
}

/** A size as limits are spoken of: "2 MB", "64 KB", "512 bytes". */
export function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? ['MB', 1024 * 1024] : bytes >= 1024 ? ['KB', 1024] : ['bytes', 1];
  return `${Number((bytes / size).toFixed(1))} ${unit}`;
}
