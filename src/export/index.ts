import type { ExportFormat } from './format.js';
import { html } from './formats/html.js';
import { json } from './formats/json.js';
import { md } from './formats/md.js';
import { txt } from './formats/txt.js';

/** Every export format, in the order the article page's menu lists them. One line each. */
export const exportFormats: readonly ExportFormat[] = [
  txt,
  md,
  html,
  json,
];

/** The format `?format=` or `--format` names, if there is one. */
export function findFormat(id: string): ExportFormat | undefined {
  return exportFormats.find((f) => f.id === id);
}
