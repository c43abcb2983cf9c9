// The document model: what ingest reads (a RawRecord) and the one immutable article document
// that every stage takes and returns a new copy of. Its clean `text` is the single coordinate
// system for every span.

import { createHash } from 'node:crypto';
import type { Message } from './messages.js';
import type { Evidence, Span } from './spans.js';

export const INPUT_FORMATS = ['text', 'html', 'json', 'jsonl', 'csv', 'rss', 'atom'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** The fields an input record may carry (JSON, JSONL, CSV, feed items; files fill some of them). */
export interface RecordFields {
  id?: string;
  title?: string;
  url?: string;
  published?: string;
  outlet?: string;
  language?: string;
  text?: string;
  html?: string;
}

/** One record as ingest read it, before any cleaning. Stored verbatim whatever happens next. */
export interface RawRecord {
  /** Identity: `id:<id>`, else `url:<url>`, else `src:<resolved source>#<position>`. */
  key: string;
  /** The path or URL exactly as given to ingest (a file found in a directory: that path joined). */
  source: string;
  /** 0-based index of the record inside its input. */
  position: number;
  /** 1-based line of the record inside its input, where that means something. */
  line?: number;
  format: InputFormat;
  /** The raw input of this record: the whole file for text/HTML, the line, row or feed item otherwise. */
  raw: string;
  fields: RecordFields;
}

/** A paragraph-like block of the clean text. */
export interface Block extends Span {
  kind: 'paragraph' | 'heading' | 'list-item' | 'quote';
}

/** A related-story teaser found under an article: kept out of its body, stored as its own record. */
export interface Teaser {
  title: string | null;
  text: string;
}

/** A fact: an extracted, traceable statement about an article (entity mention, timex, claim…). */
export interface Fact<D extends object = Record<string, unknown>> {
  kind: string;
  id: string;
  /** The stage that made it. */
  stage: string;
  /** Where in which article it was read, or… */
  evidence?: Evidence;
  /** …the ids of the facts it was built from. */
  derived?: string[];
  data: D;
}

export interface Article {
  id: string;
  /** 'article' for an ingested record; 'teaser' for a related-story teaser split off an article. */
  kind: 'article' | 'teaser';
  key: string;
  source: string;
  position: number;
  /** 1-based line of the record inside its input, or null where lines mean nothing. */
  line: number | null;
  format: InputFormat;
  raw: string;
  fields: RecordFields;
  url: string | null;
  outlet: string | null;
  title: string | null;
  /** ISO 8601 (a date `2022-02-24` or a date-time with offset), or null when unknown. */
  published: string | null;
  language: string | null;
  /** The author(s) as the byline gives them. */
  byline: string | null;
  /** The place named in the dateline ("KYIV (Reuters) -" → "Kyiv"). */
  dateline: string | null;
  /** The clean body: the coordinate system of every span. */
  text: string;
  blocks: Block[];
  /** Teasers cleaning split off this article's body (the ingest job stores each as its own record). */
  teasers: Teaser[];
  /** Ids of the teaser records linked to this article (set by the store). */
  teaserIds: string[];
  duplicateOf: string | null;
  story: string | null;
  facts: Fact[];
  messages: Message[];
  /** Where each metadata value came from (`titleSource: 'first-line'`, …). */
  provenance: Record<string, string>;
}

/** Record identity, in the order of preference the export contract gives. */
export function recordKey(fields: RecordFields, resolvedSource: string, position: number): string {
  if (fields.id) return `id:${fields.id}`;
  if (fields.url) return `url:${fields.url}`;
  return `src:${resolvedSource}#${position}`;
}

/** The public id of an article: its own id when it has one, else a short stable hash of its key. */
export function articleId(record: RawRecord): string {
  return record.fields.id ?? `a${createHash('sha256').update(record.key).digest('hex').slice(0, 15)}`;
}

/** The article document as it stands before any stage has run. */
export function newArticle(record: RawRecord): Article {
  return {
    id: articleId(record),
    kind: 'article',
    key: record.key,
    source: record.source,
    position: record.position,
    line: record.line ?? null,
    format: record.format,
    raw: record.raw,
    fields: record.fields,
    url: null,
    outlet: null,
    title: null,
    published: null,
    language: null,
    byline: null,
    dateline: null,
    text: '',
    blocks: [],
    teasers: [],
    teaserIds: [],
    duplicateOf: null,
    story: null,
    facts: [],
    messages: [],
    provenance: {},
  };
}

/** A stable fact id from its kind, article and span (or any other distinguishing parts). */
export function factId(kind: string, ...parts: Array<string | number>): string {
  return `${kind}-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`;
}
