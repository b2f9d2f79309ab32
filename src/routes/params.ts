import { NotFoundError } from '../services/errors.js';

/** A positive integer path parameter; anything else names nothing that exists. */
export function idParam(value: string | string[] | undefined, what = 'article'): number {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new NotFoundError(`There is no ${what} “${String(value ?? '')}”.`);
  return Number(value);
}

/** A single text field of a parsed form or query; repeated fields and absent ones are undefined. */
export function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
