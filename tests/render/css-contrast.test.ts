import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Text contrast of the stylesheet's named states, computed from public/css/workbench.css as
 * WCAG 2 defines it (relative luminance, ≥ 4.5:1 for body text). A colour is a hex value or a
 * custom property of :root; a state faded with `opacity` is blended over its ground first, as
 * the browser shows it.
 */
const CSS = readFileSync(new URL('../../public/css/workbench.css', import.meta.url), 'utf8');

const ROOT = /:root\s*\{([^}]*)\}/.exec(CSS)![1]!;
const VARIABLES = new Map([...ROOT.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b/g)].map((m) => [m[1]!, m[2]!]));

/** A declared value of the rule for exactly `selector`, or undefined. */
function declared(selector: string, property: string): string | undefined {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = new RegExp(`(?:^|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`, 'm').exec(CSS)?.[1];
  return body && new RegExp(`(?:^|;)\\s*${property}:\\s*([^;]+)`).exec(body)?.[1]?.trim();
}

function colour(value: string): string {
  const name = /^var\(--([\w-]+)\)$/.exec(value)?.[1];
  const declaredHex = name === undefined ? value : VARIABLES.get(name);
  // #fff is #ffffff.
  const hex = declaredHex && /^#[0-9a-fA-F]{3}$/.test(declaredHex) ? declaredHex.replace(/[0-9a-fA-F]/g, (d) => d + d) : declaredHex;
  if (!hex || !/^#[0-9a-fA-F]{6}$/.test(hex)) throw new Error(`Not a colour this test reads: ${value}`);
  return hex;
}

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** `hex` drawn at `opacity` over `ground`. */
function blend(hex: string, ground: string, opacity: number): string {
  const mixed = channels(hex).map((c, i) => Math.round(opacity * c + (1 - opacity) * channels(ground)[i]!));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** A state's text and ground as the page shows them: its ground (or the page's), faded by its opacity if it has one. */
function shown(selector: string, text: string): [string, string] {
  const page = colour('var(--bg)');
  const ground = colour(declared(selector, 'background') ?? 'var(--bg)');
  const opacity = Number(declared(selector, 'opacity') ?? 1);
  return [blend(colour(text), page, opacity), blend(ground, page, opacity)];
}

describe('text contrast of the stylesheet', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(blend('#000000', '#ffffff', 0.5)).toBe('#808080');
  });

  // [state, foreground, background]
  const pairs: [string, string, string][] = [
    ['text', 'var(--fg)', 'var(--bg)'],
    ['muted text', 'var(--muted)', 'var(--bg)'],
    ['muted text on the subtle ground (table heads, filters)', 'var(--muted)', 'var(--bg-subtle)'],
    ['links', 'var(--accent)', 'var(--bg)'],
    ['links on the subtle ground', 'var(--accent)', 'var(--bg-subtle)'],
    ['deleted words', 'var(--del-fg)', 'var(--del-bg)'],
    ['inserted words', 'var(--ins-fg)', 'var(--ins-bg)'],
    ['error counts and badges', 'var(--error)', 'var(--bg)'],
    ['warning counts and badges', 'var(--warning)', 'var(--bg)'],
    ['info counts and badges', 'var(--info)', 'var(--bg)'],
    ['text flagged as an error', 'var(--fg)', 'var(--error-bg)'],
    ['text flagged as a warning', 'var(--fg)', 'var(--warning-bg)'],
    ['text flagged as info', 'var(--fg)', 'var(--info-bg)'],
    ['info text on its ground (the cap note)', 'var(--info)', 'var(--info-bg)'],
    ['the site header', '#ffffff', colour(declared('.site-header', 'background')!)],
    ['the role in the site header', colour(declared('.signed-in .muted', 'color')!), colour(declared('.site-header', 'background')!)],
    ['primary buttons', colour(declared('.button-primary', 'color')!), colour(declared('.button-primary', 'background')!)],
    ['primary buttons, hovered', colour(declared('.button-primary', 'color')!), colour(declared('.button-primary:hover', 'background')!)],
    ['the approved status', 'var(--fg)', colour(declared('.status-approved', 'background')!)],
  ];

  it.each(pairs)('%s: at least 4.5:1', (_state, fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });

  // A dismissed finding shows text, a muted note, a link and its severity badge on its own ground.
  it.each(['var(--fg)', 'var(--muted)', 'var(--accent)', 'var(--error)', 'var(--warning)', 'var(--info)'])('a dismissed finding: %s on its ground, at least 4.5:1', (text) => {
    const [fg, bg] = shown('.finding.is-dismissed', text);
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });
});
