export { diffTokens, wordDiff, type DiffPart, type DiffPartKind, type WordDiff } from './word-diff.js';
export { mergeWords } from './merge.js';
export { escapeHtml, renderDiffHtml, type Highlight } from './render.js';
