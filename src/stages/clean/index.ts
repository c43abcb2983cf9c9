// The clean stage: raw record → clean text, blocks and metadata. See README.md.

export { type HtmlArticleText, type HtmlTextMethod, htmlToArticleText } from './html.js';
export { type CleanOptions, DEFAULT_CLEAN_OPTIONS, resolveCleanOptions } from './options.js';
export { normalizeText, plainTextBlocks } from './plain-text.js';
export { normalizePublished } from './published.js';
export { cleanStage } from './stage.js';
