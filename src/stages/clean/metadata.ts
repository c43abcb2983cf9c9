// Article metadata read from an HTML page's <head> and markup: title, publication date, site
// name, canonical URL, language. Each value carries the name of the place it was read from
// (it becomes the document's provenance). Read before Readability runs: it removes <script>,
// and with it JSON-LD.

import { looseKey } from './blocks.js';
import { type FoundDate, isArticleType, readPublishedDate } from './html-date.js';

export interface Found {
  value: string;
  /** Where it was read: `og:title`, `json-ld`, … */
  source: string;
}

export interface HtmlMetadata {
  title: Found | null;
  /** Normalised by normalizePublished, with the date as written and its precision. */
  published: FoundDate | null;
  /** Date candidates that were present but not understood, in the order they were tried. */
  invalidPublished: Found[];
  /** The author(s): meta author, JSON-LD author, rel=author, itemprop=author, a byline element. */
  byline: Found | null;
  siteName: Found | null;
  /** Absolute http(s) only. */
  url: Found | null;
  /** Primary language subtag, lower case. */
  language: string | null;
}

export interface MetadataHints {
  /** The record's URL, if known: its host helps recognise a site-name suffix in the title. */
  url?: string | null;
  /** The record's outlet, if known: same use. */
  outlet?: string | null;
}

export function readHtmlMetadata(document: Document, hints: MetadataHints = {}): HtmlMetadata {
  const meta = metaValues(document);
  const jsonLd = jsonLdNodes(document);
  const siteName = first([
    found(meta.get('og:site_name'), 'og:site_name'),
    found(meta.get('application-name'), 'application-name'),
    found(publisherName(jsonLd), 'json-ld:publisher'),
  ]);
  const url = first([
    found(absoluteHttpUrl(canonicalHref(document)), 'canonical'),
    found(absoluteHttpUrl(meta.get('og:url')), 'og:url'),
  ]);
  const siteNames = [siteName?.value, hints.outlet, hostnameOf(hints.url), hostnameOf(url?.value)];
  const title = first([
    found(meta.get('og:title'), 'og:title'),
    found(meta.get('twitter:title'), 'twitter:title'),
    found(documentTitle(document), 'html-title'),
    found(textOf(document.querySelector('h1')), 'h1'),
  ]);
  const { published, invalid } = readPublishedDate(document, meta, jsonLd, url?.value ?? hints.url ?? null);
  return {
    title: title && { value: stripSiteSuffix(title.value, siteNames), source: title.source },
    published,
    invalidPublished: invalid,
    siteName,
    url,
    byline: readByline(document, meta, jsonLd),
    language: primaryLanguage(
      document.documentElement?.getAttribute('lang') ?? document.documentElement?.getAttribute('xml:lang'),
    ),
  };
}

/** <meta> content by lower-cased property, name or itemprop; the first occurrence wins. */
function metaValues(document: Document): Map<string, string> {
  const values = new Map<string, string>();
  for (const element of Array.from(document.querySelectorAll('meta'))) {
    const content = collapse(element.getAttribute('content'));
    if (!content) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (key && !values.has(key)) values.set(key, content);
    }
  }
  return values;
}

/** Every object node of the page's JSON-LD blocks (arrays and @graph walked, bounded). */
export function jsonLdNodes(document: Document): Array<Record<string, unknown>> {
  const nodes: Array<Record<string, unknown>> = [];
  for (const script of Array.from(document.querySelectorAll('script'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    // Iterative, bounded walk: the JSON is untrusted.
    const queue: unknown[] = [parseJson(script.textContent ?? '')];
    for (let seen = 0; queue.length > 0 && seen < 10_000; seen++) {
      const node = queue.shift();
      if (Array.isArray(node)) {
        queue.push(...node);
        continue;
      }
      if (!node || typeof node !== 'object') continue;
      const record = node as Record<string, unknown>;
      nodes.push(record);
      for (const value of Object.values(record)) if (value && typeof value === 'object') queue.push(value);
    }
  }
  return nodes;
}

function parseJson(text: string): unknown {
  // Some sites wrap JSON-LD in comment or CDATA markers.
  const body = text
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>)$/, '');
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function canonicalHref(document: Document): string | null {
  for (const link of Array.from(document.querySelectorAll('link[rel]'))) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('canonical')) return link.getAttribute('href');
  }
  return null;
}

/** The <title> of the page (not an SVG's). */
function documentTitle(document: Document): string | null {
  for (const title of Array.from(document.querySelectorAll('title'))) {
    if (!title.closest('svg')) return title.textContent;
  }
  return null;
}

// A separator with space on both sides, so a hyphen inside a word ("Al-Jazeera") is not one.
const SUFFIX_SEPARATOR = /\s+[|\-–—·:]+\s+/g;

/**
 * "Shelling resumes | Kyiv Post" → "Shelling resumes" when the suffix is the site's name (or
 * its host name). An unrecognised suffix stays: it may be part of the headline.
 */
export function stripSiteSuffix(title: string, siteNames: ReadonlyArray<string | null | undefined>): string {
  const match = Array.from(title.matchAll(SUFFIX_SEPARATOR)).at(-1);
  // index 0 would leave no headline before the separator.
  if (!match?.index) return title;
  const head = title.slice(0, match.index).trim();
  const suffix = looseKey(title.slice(match.index + match[0].length));
  if (!head || !suffix) return title;
  for (const name of siteNames) {
    if (!name) continue;
    if (looseKey(name) === suffix) return head;
    // A host name: "kyivpost.com" matches "Kyiv Post", "bbc.co.uk" matches "BBC News".
    const label = looseKey(name.split('.')[0] ?? '');
    if (name.includes('.') && label.length >= 3 && suffix.startsWith(label)) return head;
  }
  return title;
}

/** The host of an http(s) URL without a leading `www.`, or null. */
export function hostnameOf(url: string | null | undefined): string | null {
  const absolute = absoluteHttpUrl(url);
  if (!absolute) return null;
  const host = new URL(absolute).hostname.toLowerCase().replace(/^www\./, '');
  return host || null;
}

function absoluteHttpUrl(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `en-GB` → `en`; anything that is not a 2–3 letter primary subtag → null. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

function textOf(element: Element | null): string | null {
  return element?.textContent ?? null;
}

function found(value: string | null | undefined, source: string): Found | null {
  const collapsed = collapse(value);
  return collapsed ? { value: collapsed, source } : null;
}

function first(candidates: Array<Found | null>): Found | null {
  return candidates.find((c) => c !== null) ?? null;
}

/** One line, single spaces, trimmed; empty → null. */
export function collapse(value: string | null | undefined): string | null {
  const collapsed = value?.replace(/[\s\u00a0]+/g, ' ').trim();
  return collapsed ? collapsed : null;
}

/** The publisher's name from an article's JSON-LD (a site name when og:site_name is missing). */
function publisherName(jsonLd: ReadonlyArray<Record<string, unknown>>): string | null {
  for (const node of jsonLd) {
    if (!isArticleType(node['@type'])) continue;
    const name = personNames(node.publisher);
    if (name) return name;
  }
  return null;
}

const MAX_BYLINE_CHARS = 120;

/** A name or a list of names from a JSON-LD person/organisation value. */
function personNames(value: unknown): string | null {
  const values = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const v of values.slice(0, 10)) {
    const name = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as Record<string, unknown>).name : null;
    const clean = typeof name === 'string' ? collapse(name) : null;
    if (clean && !isUrl(clean) && !names.includes(clean)) names.push(clean);
  }
  return names.length ? names.join(', ') : null;
}

function isUrl(value: string): boolean {
  return /^(?:https?:)?\/\//i.test(value);
}

/** "By Olena Kovalenko and Max Mustermann" → the names; a date or "Updated" after them is cut. */
export function cleanByline(text: string | null | undefined): string | null {
  let t = collapse(text);
  if (!t) return null;
  t = t.replace(/^(?:by|von|par|por|di|da|door|autor(?:in)?|author|written by|posted by|text)\s*:?\s+/i, '');
  t =
    t.split(
      /\s+[|·•–—]\s+|\s*\b(?:updated|published|veröffentlicht|aktualisiert|am|on|le|el)\b\s+(?=\d|[A-Z][a-z]+\.? \d)|,?\s+\d{1,2}[./ ]/,
    )[0] ?? t;
  t = t.replace(/[\s,;:|·–—-]+$/, '').trim();
  if (!t || t.length > MAX_BYLINE_CHARS || isUrl(t) || !/\p{L}/u.test(t)) return null;
  return t;
}

function readByline(
  document: Document,
  meta: Map<string, string>,
  jsonLd: ReadonlyArray<Record<string, unknown>>,
): Found | null {
  const fromJson = (): string | null => {
    for (const node of jsonLd) if (isArticleType(node['@type']) && node.author) return personNames(node.author);
    return null;
  };
  const fromElement = (selector: string): string | null => {
    for (const element of Array.from(document.querySelectorAll(selector)).slice(0, 20)) {
      if (element.closest('footer, aside, nav, [class*="comment"], [id*="comment"]')) continue;
      const name =
        element.querySelector('[itemprop="name"]')?.textContent ??
        element.getAttribute('content') ??
        element.textContent;
      const clean = cleanByline(name);
      if (clean) return clean;
    }
    return null;
  };
  const candidates: Array<() => Found | null> = [
    () => found(cleanByline(meta.get('author')), 'meta:author'),
    () => found(cleanByline(meta.get('dc.creator')), 'meta:dc.creator'),
    () => found(fromJson(), 'json-ld'),
    () =>
      found(cleanByline(isUrl(meta.get('article:author') ?? '') ? null : meta.get('article:author')), 'article:author'),
    () => found(fromElement('[itemprop="author"]'), 'itemprop:author'),
    () => found(fromElement('a[rel~="author"]'), 'rel=author'),
    () =>
      found(fromElement('[class*="byline"], [class*="author-name"], [class~="author"], .vcard .fn'), 'byline-element'),
  ];
  for (const candidate of candidates) {
    const value = candidate();
    if (value) return value;
  }
  return null;
}
