import { TermbaseError } from '../../src/errors.js';

/** The TermbaseError `run` throws; any other error is thrown on, and none at all fails the test. */
export function termbaseErrorOf(run: () => unknown): TermbaseError {
  try {
    run();
  } catch (error) {
    if (error instanceof TermbaseError) return error;
    throw error;
  }
  throw new Error('expected a TermbaseError');
}
