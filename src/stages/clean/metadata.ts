// Article metadata read from an HTML page's <head> and markup: title, publication date, site
// name, canonical URL, language. Each value carries the name of the place it was read from
// (it becomes the document's provenance). Read before Readability runs: it removes <script>,
// and with it JSON-LD.

import { looseKey } from './blocks.js';
import { normalizePublished } from './published.js';

export interface Found {
  value: string;
  /** Where it was read: `og:title`, `json-ld`, … */
  source: string;
}

export interface HtmlMetadata {
  title: Found | null;
  /** Normalised by normalizePublished. */
  published: Found | null;
  /** Date candidates that were present but not understood, in the order they were tried. */
  invalidPublished: Found[];
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
  const siteName = first([
    found(meta.get('og:site_name'), 'og:site_name'),
    found(meta.get('application-name'), 'application-name'),
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
  const { published, invalid } = readPublished(document, meta);
  return {
    title: title && { value: stripSiteSuffix(title.value, siteNames), source: title.source },
    published,
    invalidPublished: invalid,
    siteName,
    url,
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

const PUBLISHED_META_NAMES = [
  'date',
  'pubdate',
  'publish-date',
  'publishdate',
  'publish_date',
  'dc.date',
  'dc.date.issued',
  'dcterms.issued',
  'dcterms.date',
  'parsely-pub-date',
  'sailthru.date',
];

/** The first understood publication date, in order of trust. */
function readPublished(document: Document, meta: Map<string, string>): { published: Found | null; invalid: Found[] } {
  const candidates: Array<() => Found | null> = [
    () => found(meta.get('article:published_time'), 'article:published_time'),
    () => found(meta.get('og:published_time'), 'og:published_time'),
    () => found(itempropDate(document), 'itemprop:datePublished'),
    ...PUBLISHED_META_NAMES.map((name) => () => found(meta.get(name), `meta:${name}`)),
    () => found(jsonLdDatePublished(document), 'json-ld'),
    () => found(articleTime(document), 'time'),
  ];
  const invalid: Found[] = [];
  for (const candidate of candidates) {
    const raw = candidate();
    if (!raw) continue;
    const value = normalizePublished(raw.value);
    if (value) return { published: { value, source: raw.source }, invalid };
    invalid.push(raw);
  }
  return { published: null, invalid };
}

function itempropDate(document: Document): string | null {
  for (const element of Array.from(document.querySelectorAll('[itemprop]'))) {
    if (element.getAttribute('itemprop')?.trim().toLowerCase() !== 'datepublished') continue;
    return element.getAttribute('content') ?? element.getAttribute('datetime') ?? element.textContent;
  }
  return null;
}

function articleTime(document: Document): string | null {
  const time = document.querySelector('article time[datetime]') ?? document.querySelector('main time[datetime]');
  return time?.getAttribute('datetime') ?? null;
}

/** datePublished from JSON-LD, preferring an Article-typed node; @graph and arrays are walked. */
function jsonLdDatePublished(document: Document): string | null {
  let fallback: string | null = null;
  for (const script of Array.from(document.querySelectorAll('script'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    const data = parseJson(script.textContent ?? '');
    // Iterative, bounded walk: the JSON is untrusted.
    const queue: unknown[] = [data];
    for (let seen = 0; queue.length > 0 && seen < 10_000; seen++) {
      const node = queue.shift();
      if (Array.isArray(node)) {
        queue.push(...node);
        continue;
      }
      if (!node || typeof node !== 'object') continue;
      const record = node as Record<string, unknown>;
      const date = record.datePublished;
      if (typeof date === 'string' && date.trim()) {
        if (isArticleType(record['@type'])) return date;
        fallback ??= date;
      }
      for (const value of Object.values(record)) if (value && typeof value === 'object') queue.push(value);
    }
  }
  return fallback;
}

function isArticleType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /(Article|Posting|Report)$/.test(t));
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
