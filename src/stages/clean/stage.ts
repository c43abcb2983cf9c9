// The clean stage: from what ingest read (raw + fields) to the clean text that every later span
// indexes, its blocks, and the article's metadata. Values given in the record's fields always
// win over what the page declares; provenance records where each value came from.

import type { Article, Block } from '../../core/document.js';
import { type Message, message } from '../../core/messages.js';
import type { Stage } from '../../core/pipeline.js';
import { dropLeadingTitle } from './blocks.js';
import { findDateline } from './dateline.js';
import { extractHtml, type HtmlExtraction } from './html.js';
import { detectLanguage } from './language.js';
import { collapse, hostnameOf } from './metadata.js';
import { type CleanOptions, resolveCleanOptions } from './options.js';
import { firstLineTitle, normalizeText, plainTextBlocks, wellFormed } from './plain-text.js';
import { cleanBodyText } from './plain-text-clean.js';
import { normalizePublished } from './published.js';

const STAGE = 'clean';

/** Provenance keys this stage owns (stale values from an earlier run are replaced). */
const PROVENANCE_KEYS = [
  'textSource',
  'textReason',
  'titleSource',
  'publishedSource',
  'publishedPrecision',
  'outletSource',
  'urlSource',
  'languageSource',
  'bylineSource',
  'datelineSource',
];

export function cleanStage(options: Partial<CleanOptions> = {}): Stage {
  const resolved = resolveCleanOptions(options);
  return {
    name: STAGE,
    requires: ['raw', 'fields'],
    assigns: ['text', 'blocks', 'title', 'published', 'outlet', 'url', 'language', 'byline', 'dateline', 'teasers'],
    run: (doc) => cleanArticle(doc, resolved),
  };
}

interface Body {
  text: string;
  blocks: Block[];
  source: HtmlExtraction['method'] | 'text';
  controlChars: number;
  html: HtmlExtraction | null;
  /** The length of the text before any cut to `maxTextChars`. */
  fullChars: number;
}

function cleanArticle(doc: Article, options: CleanOptions): Article {
  const fields = doc.fields;
  const messages: Message[] = [];
  const note = (rule: Parameters<typeof message>[1], reason: string) =>
    messages.push(message(STAGE, rule, reason, { source: doc.source }));
  const provenance: Record<string, string> = Object.fromEntries(
    Object.entries(doc.provenance).filter(([key]) => !PROVENANCE_KEYS.includes(key)),
  );

  const fieldUrl = collapse(fields.url);
  const fieldOutlet = collapse(fields.outlet);
  const body = readBody(doc, options, { url: fieldUrl, outlet: fieldOutlet });
  if (body.fullChars > options.maxTextChars) {
    ({ text: body.text, blocks: body.blocks } = capText(body.text, body.blocks, options.maxTextChars));
    note(
      'text-truncated',
      `the text is ${body.fullChars} characters; only the first ${options.maxTextChars} were kept (the per-article limit)`,
    );
  }
  const meta = body.html?.metadata ?? null;
  provenance.textSource = body.source;
  if (body.html) provenance.textReason = body.html.reason;

  if (body.html?.truncated) {
    note('html-truncated', `the HTML is ${body.html.bytes} bytes; only the first ${options.maxHtmlBytes} were read`);
  }
  if (body.html && body.html.unnested > 0) {
    note(
      'html-too-deep',
      `the HTML nests elements more than ${options.maxHtmlDepth} deep; ${body.html.unnested} tags were removed before parsing`,
    );
  }
  if (body.html?.readabilityError) {
    note(
      'html-readability-skipped',
      `Readability was not used: ${body.html.readabilityError}; the whole body was read instead`,
    );
  }
  if (body.controlChars > 0)
    note('text-control-chars', `removed ${body.controlChars} control character(s) from the text`);

  // Title: the record's, else the page's, else (plain text only) a title-like first line.
  let title = collapse(fields.title);
  // Teasers, byline lines and (plain text only) noise lines leave the text before anything indexes it.
  const bodyClean = cleanBodyText(body.text, body.blocks, {
    ...options,
    plain: body.source === 'text',
    source: doc.source,
  });
  messages.push(...bodyClean.messages);
  let text = bodyClean.text;
  let blocks = bodyClean.blocks;
  if (title) provenance.titleSource = 'field';
  else if (meta?.title) {
    title = meta.title.value;
    provenance.titleSource = meta.title.source;
  } else if (body.source === 'text') {
    const candidate = firstLineTitle(text, options.maxTitleChars);
    if (candidate) {
      title = candidate.title;
      text = candidate.text;
      blocks = plainTextBlocks(text);
      provenance.titleSource = 'first-line';
    }
  }
  const beforeTitleDrop = text.length;
  ({ text, blocks } = dropLeadingTitle(text, blocks, title));
  // An <h1> repeating the title is ordinary HTML structure; in plain text the repeat is scraping noise.
  if (body.source === 'text' && text.length < beforeTitleDrop)
    note('text-title-repeated', `removed a first line repeating the title ${JSON.stringify(title)}`);
  const dateline = findDateline(text);
  if (dateline) provenance.datelineSource = 'text';

  // Published: a given value is final, even when it cannot be read (it is then reported).
  let published: string | null = null;
  const givenPublished = collapse(fields.published);
  if (givenPublished) {
    published = normalizePublished(givenPublished);
    if (published) provenance.publishedSource = 'field';
    else note('published-invalid', `the publication date ${JSON.stringify(givenPublished)} could not be read`);
  } else if (meta?.published) {
    published = meta.published.value;
    provenance.publishedSource = meta.published.source;
    provenance.publishedPrecision = meta.published.precision;
  } else if (meta && meta.invalidPublished.length > 0) {
    const shown = meta.invalidPublished.map((f) => `${f.source} ${JSON.stringify(f.value)}`).join(', ');
    note('published-invalid', `the page's publication date could not be read: ${shown}`);
  }
  if (!published && !givenPublished && bodyClean.published) {
    published = bodyClean.published.value;
    provenance.publishedSource = 'text-dateline';
    provenance.publishedPrecision = bodyClean.published.precision;
  }

  let url: string | null = null;
  if (fieldUrl) {
    url = fieldUrl;
    provenance.urlSource = 'field';
  } else if (meta?.url) {
    url = meta.url.value;
    provenance.urlSource = meta.url.source;
  }

  let outlet: string | null = null;
  const host = hostnameOf(url);
  if (fieldOutlet) {
    outlet = fieldOutlet;
    provenance.outletSource = 'field';
  } else if (meta?.siteName) {
    outlet = meta.siteName.value;
    provenance.outletSource = meta.siteName.source;
  } else if (host) {
    outlet = host;
    provenance.outletSource = 'hostname';
  }

  let language = collapse(fields.language)?.toLowerCase() ?? null;
  if (language) provenance.languageSource = 'field';
  else if (meta?.language) {
    language = meta.language;
    provenance.languageSource = 'html-lang';
  } else {
    const guess = detectLanguage(text);
    if (guess) {
      language = guess.language;
      provenance.languageSource = 'detected';
    }
  }
  // An author the page's metadata names wins over a byline line found in the text.
  const htmlByline = doc.byline ? null : (meta?.byline ?? null);
  if (htmlByline) provenance.bylineSource = htmlByline.source;

  // html-no-text says why; text-empty is the outcome every empty article reports, whatever the input.
  if (text.length === 0) {
    if (body.html) note('html-no-text', 'no readable text was found in the HTML');
    note('text-empty', 'the text is empty after cleaning');
  }

  return {
    ...doc,
    text,
    blocks,
    title,
    published,
    outlet,
    url,
    language,
    byline: doc.byline ?? htmlByline?.value ?? bodyClean.byline,
    dateline: dateline?.place ?? null,
    teasers: bodyClean.teasers,
    provenance: { ...provenance, ...(!doc.byline && !htmlByline && bodyClean.byline && { bylineSource: 'text' }) },
    messages: [...doc.messages, ...messages],
  };
}

/**
 * Where the body comes from: HTML for HTML records and for records with html but no text (a
 * blank text field counts as none), else the text.
 */
function readBody(doc: Article, options: CleanOptions, hints: { url: string | null; outlet: string | null }): Body {
  const { fields } = doc;
  const hasText = (fields.text ?? '').trim().length > 0;
  const hasHtml = (fields.html ?? '').trim().length > 0;
  const htmlSource =
    doc.format === 'html' ? (hasHtml ? fields.html : doc.raw) : !hasText && hasHtml ? fields.html : undefined;
  if (htmlSource !== undefined) {
    const html = extractHtml(wellFormed(htmlSource), options, hints);
    return { ...html.text, source: html.method, html, fullChars: html.text.text.length };
  }
  const whole = fields.text ?? (doc.format === 'text' ? doc.raw : '');
  // Normalising only shortens text (bar a few NFC expansions), so twice the limit is plenty to
  // read, and a 50 MB field costs no more than that.
  const raw = whole.length > 2 * options.maxTextChars ? whole.slice(0, 2 * options.maxTextChars) : whole;
  const normalized = normalizeText(raw);
  return {
    text: normalized.text,
    blocks: plainTextBlocks(normalized.text),
    source: 'text',
    controlChars: normalized.controlChars,
    html: null,
    fullChars: raw === whole ? normalized.text.length : whole.length,
  };
}

/** Cuts text to at most `max` characters, at a line break in the last tenth when there is one. */
export function capText(text: string, blocks: Block[], max: number): { text: string; blocks: Block[] } {
  if (text.length <= max) return { text, blocks };
  let cut = text.lastIndexOf('\n', max);
  if (cut < max * 0.9) cut = max;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // never split a surrogate pair
  const kept = text.slice(0, cut).trimEnd();
  const clipped = blocks
    .filter((b) => b.start < kept.length)
    .map((b) => ({ ...b, end: Math.min(b.end, kept.length) }))
    .filter((b) => b.end > b.start);
  return { text: kept, blocks: clipped };
}
