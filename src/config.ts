import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UsageError } from './errors.js';

export const DEFAULT_DB_FILE = fileURLToPath(new URL('../db/workbench.sqlite', import.meta.url));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  WORKBENCH_DB: z.string().min(1).default(DEFAULT_DB_FILE),
  WORKBENCH_TERMS: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export interface Config {
  port: number;
  dbFile: string;
  /** A termbase used instead of the starter one, as `workbench check --terms`. */
  termbaseFile: string | undefined;
  production: boolean;
  /** Largest JSON or form body accepted, in bytes. */
  maxBodyBytes: number;
  /** Largest uploaded file accepted, in bytes. */
  maxUploadBytes: number;
}

/** Reads and validates the configuration once, at start; a bad value stops the start with one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new UsageError(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    dbFile: values.WORKBENCH_DB,
    termbaseFile: values.WORKBENCH_TERMS,
    production: values.NODE_ENV === 'production',
    maxBodyBytes: 2 * 1024 * 1024,
    maxUploadBytes: 5 * 1024 * 1024,
  };
}
