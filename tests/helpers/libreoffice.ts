import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, parse } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { TestContext } from 'vitest';

/** Why LibreOffice cannot be run here, or null when `soffice` is on the PATH. */
export const LIBREOFFICE_MISSING: string | null = (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'soffice')))
  ? null
  : 'LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui (.ci/run installs it)';

/** A LibreOffice conversion may take 10–20 s of wall clock on a busy two-core machine (a fresh profile each time). */
export const LIBREOFFICE_TIMEOUT_MS = 180_000;

/** Skips the test, saying why, when soffice is missing; on CI, where .ci/run installs it, fails it instead. */
export function needLibreOffice(ctx: TestContext): void {
  if (!LIBREOFFICE_MISSING) return;
  if (process.env.CI) throw new Error(LIBREOFFICE_MISSING);
  ctx.skip(LIBREOFFICE_MISSING);
}

/**
 * The file converted by LibreOffice headless (`soffice --convert-to format`, as `fodt` or
 * `txt:Text`), read as UTF-8. Each call has a profile directory of its own, so runs in parallel do
 * not collide on one.
 */
export async function convertWithLibreOffice(bytes: Uint8Array, fileName: string, format: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-soffice-'));
  try {
    const input = join(dir, fileName);
    writeFileSync(input, bytes);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const { stdout, stderr } = await promisify(execFile)('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', format, '--outdir', dir, input], {
      timeout: LIBREOFFICE_TIMEOUT_MS,
    });
    // soffice exits 0 when it cannot convert too: the missing output says so.
    const output = join(dir, `${parse(fileName).name}.${format.split(':')[0]}`);
    if (!existsSync(output)) throw new Error(`LibreOffice did not convert ${fileName} to ${format}: ${stdout}${stderr}`);
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
