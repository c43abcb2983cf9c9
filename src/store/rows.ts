// What both stores share: the check of facts before they are written, row mappers (a database
// row, column names as in both schemas, to the records of the Store interface), paging bounds,
// and the private-use marks snippets are delimited with.

import type { Article, Fact } from '../core/document.js';
import { type Message, message } from '../core/messages.js';
import { checkEvidence } from '../core/spans.js';
import type {
  ArticleSummary,
  CorpusRecord,
  DuplicateCandidate,
  EntitySummary,
  FactArticle,
  IngestRun,
  PlaceSummary,
  StoryMember,
  StorySummary,
} from './store.js';

export type Row = Record<string, unknown>;

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 500;
/** Private-use characters around a match in a database-made snippet (never in article text). */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

export function nullable(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function paging(filter: { limit?: number; offset?: number }): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
  return { limit, offset: Math.max(Math.trunc(filter.offset ?? 0), 0) };
}

export function toCorpusRecord(row: Row): CorpusRecord {
  return {
    id: String(row.id),
    date: nullable(row.date),
    lat: row.lat === null || row.lat === undefined ? null : Number(row.lat),
    lon: row.lon === null || row.lon === undefined ? null : Number(row.lon),
    rank: Number(row.rank),
    data: JSON.parse(String(row.data)),
  };
}

export function toEntitySummary(row: Row): EntitySummary {
  return {
    id: String(row.id),
    name: String(row.name ?? row.id),
    type: String(row.type ?? 'other'),
    country: nullable(row.country),
    lat: row.lat === null || row.lat === undefined ? null : Number(row.lat),
    lon: row.lon === null || row.lon === undefined ? null : Number(row.lon),
    mentions: Number(row.mentions),
    articles: Number(row.articles),
  };
}

export function toFact(row: Row): Fact {
  const fact: Fact = {
    kind: String(row.kind),
    id: String(row.id),
    stage: String(row.stage),
    data: JSON.parse(String(row.data)),
  };
  if (row.start !== null && row.start !== undefined) {
    fact.evidence = {
      article: String(row.article),
      start: Number(row.start),
      end: Number(row.end),
      quote: String(row.quote),
    };
  }
  if (row.derived) fact.derived = JSON.parse(String(row.derived));
  return fact;
}

export function toFactArticle(row: Row): FactArticle {
  return {
    id: String(row.article),
    kind: row.article_kind === 'teaser' ? 'teaser' : 'article',
    published: nullable(row.published),
    outlet: nullable(row.outlet),
    title: nullable(row.title),
    duplicateOf: nullable(row.duplicate_of),
    story: nullable(row.story),
  };
}

export function toSummary(row: Row): ArticleSummary {
  return {
    id: String(row.id),
    source: String(row.source),
    url: nullable(row.url),
    outlet: nullable(row.outlet),
    title: nullable(row.title),
    published: nullable(row.published),
    language: nullable(row.language),
    duplicateOf: nullable(row.duplicate_of),
    story: nullable(row.story),
    length: Number(row.length),
    failed: row.failed === true || Number(row.failed) === 1,
  };
}

/** Turns a marked headline into plain text plus the spans of its matches. */
export function unmark(marked: string): { snippet: string; highlights: Array<{ start: number; end: number }> } {
  let snippet = '';
  const highlights: Array<{ start: number; end: number }> = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === MARK_OPEN) open = snippet.length;
    else if (ch === MARK_CLOSE) {
      if (open >= 0) highlights.push({ start: open, end: snippet.length });
      open = -1;
    } else if (/\s/.test(ch)) {
      if (!snippet.endsWith(' ')) snippet += ' ';
    } else snippet += ch;
  }
  return { snippet, highlights };
}

/** Facts whose evidence does not quote the text are refused, each with a message on the article. */
export function verifiedFacts(doc: Article): { facts: Fact[]; messages: Message[] } {
  const facts: Fact[] = [];
  const messages = [...doc.messages];
  const seen = new Set<string>();
  for (const fact of doc.facts) {
    const problem = fact.evidence
      ? fact.evidence.article !== doc.id
        ? `evidence names article ${fact.evidence.article}`
        : checkEvidence(doc.text, fact.evidence)
      : fact.derived
        ? null
        : 'neither evidence nor derived ids';
    if (problem) {
      messages.push(
        message('store', 'evidence-mismatch', `${fact.kind} ${fact.id} refused: ${problem}`, { source: doc.source }),
      );
    } else if (!seen.has(fact.id)) {
      // the same fact id twice in one article is stored once (as INSERT … ON CONFLICT does)
      seen.add(fact.id);
      facts.push(fact);
    }
  }
  return { facts, messages };
}

/** A stored article from its row, its teasers' ids and its facts. */
export function toArticle(row: Row, teaserIds: string[], facts: Fact[]): Article {
  return {
    id: String(row.id),
    kind: row.kind === 'teaser' ? 'teaser' : 'article',
    key: String(row.key),
    source: String(row.source),
    position: Number(row.position),
    line: row.line === null || row.line === undefined ? null : Number(row.line),
    format: row.format as Article['format'],
    raw: String(row.raw),
    fields: JSON.parse(String(row.fields)),
    url: nullable(row.url),
    outlet: nullable(row.outlet),
    title: nullable(row.title),
    published: nullable(row.published),
    language: nullable(row.language),
    byline: nullable(row.byline),
    dateline: nullable(row.dateline),
    text: String(row.text),
    blocks: JSON.parse(String(row.blocks)),
    teasers: [],
    teaserIds,
    duplicateOf: nullable(row.duplicate_of),
    story: nullable(row.story),
    facts,
    messages: JSON.parse(String(row.messages)),
    provenance: JSON.parse(String(row.provenance)),
  };
}

export function toDuplicateCandidate(r: Row): DuplicateCandidate {
  return {
    article: String(r.article),
    size: Number(r.size),
    mins: r.mins as Buffer,
    published: nullable(r.published),
    duplicateOf: nullable(r.duplicate_of),
    story: nullable(r.story),
  };
}

export function toStoryMember(r: Row): StoryMember {
  return {
    id: String(r.id),
    text: String(r.text),
    title: nullable(r.title),
    published: nullable(r.published),
    story: String(r.story),
  };
}

export function toStorySummary(r: Row): StorySummary {
  return {
    id: String(r.id),
    title: nullable(r.title),
    articles: Number(r.articles),
    firstPublished: nullable(r.first_published),
    lastPublished: nullable(r.last_published),
  };
}

export function toPlaceSummary(r: Row): PlaceSummary {
  return {
    entity: nullable(r.entity),
    name: String(r.name),
    lat: Number(r.lat),
    lon: Number(r.lon),
    geoPrecision: r.precision === null ? null : Number(r.precision),
    articles: Number(r.articles),
    mentions: Number(r.mentions),
    first: nullable(r.first),
    last: nullable(r.last),
  };
}

export function toIngestRun(row: Row): IngestRun {
  return {
    id: Number(row.id),
    startedAt: String(row.started_at),
    finishedAt: nullable(row.finished_at),
    inputs: JSON.parse(String(row.inputs)) as string[],
    added: Number(row.added),
    skipped: Number(row.skipped),
    failedInputs: Number(row.failed_inputs),
    messages: Number(row.messages),
  };
}
