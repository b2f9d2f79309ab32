import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Checks from '../../src/checks/index.js';

const CHECKS = '../../src/checks/index.js';
const RENDERER = '../../src/render/review-fragments.js';

/** The render key as a fresh load of the renderer computes it. */
async function freshRenderKey(): Promise<string> {
  vi.resetModules();
  return ((await import(RENDERER)) as typeof import('../../src/render/review-fragments.js')).RENDER_KEY;
}

afterEach(() => {
  vi.doUnmock(CHECKS);
  vi.resetModules();
});

describe('the render key of stored review fragments', () => {
  it('is the same for the same templates, code and checks', async () => {
    expect(await freshRenderKey()).toBe(await freshRenderKey());
  });

  it('changes with a check description, which the findings panel shows', async () => {
    const before = await freshRenderKey();
    vi.doMock(CHECKS, async (importOriginal) => {
      const original = await importOriginal<typeof Checks>();
      return { ...original, checks: original.checks.map((c, i) => (i === 0 ? { ...c, description: `${c.description} Now reworded.` } : c)) };
    });
    expect(await freshRenderKey()).not.toBe(before);
  });
});
