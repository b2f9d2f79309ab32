import type { ExportFormat } from './format.js';
import { html } from './formats/html.js';
import { json } from './formats/json.js';
import { md } from './formats/md.js';
import { docx } from './formats/docx.js';
import { reportCsv } from './formats/report-csv.js';
import { reportHtml } from './formats/report-html.js';
import { txt } from './formats/txt.js';
import { xliff } from './formats/xliff.js';

/** Every export format, in the order the article page's menu lists them. One line each. */
export const exportFormats: readonly ExportFormat[] = [
  txt,
  md,
  html,
  json,
  docx,
  xliff,
  reportHtml,
  reportCsv,
];

/** The format `?format=` or `--format` names, if there is one. */
export function findFormat(id: string): ExportFormat | undefined {
  return exportFormats.find((f) => f.id === id);
}
