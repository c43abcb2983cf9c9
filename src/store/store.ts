// The Store interface: everything the pipeline, CLI, API and exports read and write goes through
// it. It is async so that the embedded SQLite store and a PostgreSQL store fit the same shape and
// run the same tests.

import type { Article, Fact } from '../core/document.js';
import type { Message } from '../core/messages.js';
import type { ArticleSummary, EntityMention, EntitySummary, PlaceSummary, StorySummary } from './records.js';

export type { ArticleSummary, EntityMention, EntitySummary, PlaceSummary, StorySummary } from './records.js';

/** Which places to aggregate: mentions in articles matching the filter (and query), inside the box. */
export interface PlaceFilter {
  /** Publication period (ISO dates, inclusive), as in ArticleFilter. */
  from?: string;
  to?: string;
  story?: string;
  /** Full-text query over the articles (FTS5 syntax); throws QuerySyntaxError when it cannot be parsed. */
  q?: string;
  /** minLon, minLat, maxLon, maxLat in degrees. */
  bbox?: readonly [number, number, number, number];
  /** Only places geocoded at least this precisely (1 town, 2 region, 3 country: all); unknown precision is kept. */
  maxPrecision?: number;
  limit?: number;
}

export interface ArticleFilter {
  outlet?: string;
  language?: string;
  /** Only articles mentioning this knowledge-base entity (a person, organisation or place id). */
  entity?: string;
  /** Only articles of this story. */
  story?: string;
  /** Inclusive lower bound on `published` (ISO date or date-time). */
  from?: string;
  /** Inclusive upper bound on `published`; a bare date includes that whole day. */
  to?: string;
  limit?: number;
  offset?: number;
}

export interface SearchQuery extends ArticleFilter {
  /** Full-text query in SQLite FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*. */
  q: string;
}

export interface SearchHit {
  article: ArticleSummary;
  /** Higher is better. */
  score: number;
  /** A short passage around the matches. */
  snippet: string;
  /** Spans of `snippet` that match the query. */
  highlights: Array<{ start: number; end: number }>;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface PutResult {
  added: number;
  /** Records whose identity was already stored (idempotent ingest). */
  skipped: number;
  addedIds: string[];
}

/** One stored article's short-line fingerprints, counted for its outlet. */
export interface OutletLines {
  article: string;
  outlet: string;
  fingerprints: readonly string[];
}

/** What the duplicate and story steps decided for a batch, written in the same transaction. */
export interface CorpusLinks {
  /** Each new article's MinHash signature (encoded) and LSH band keys. */
  signatures: Array<{ article: string; size: number; mins: Buffer; bands: string[]; original: boolean }>;
  /** Paragraphs of new articles by content hash, with their span in the article's text. */
  blocks: Array<{ article: string; hash: string; start: number; end: number }>;
  /** Stored articles that re-clustering moved to another story (their duplicates follow). */
  storyMoves: Array<{ article: string; story: string }>;
  /** A new, earlier copy became the original of a stored duplicate group. */
  newOriginals: Array<{ previous: string; original: string }>;
  /** Stories whose title and counts must be refreshed. */
  stories: string[];
}

export interface DuplicateCandidate {
  article: string;
  size: number;
  mins: Buffer;
  published: string | null;
  duplicateOf: string | null;
  story: string | null;
}

export interface PutExtras {
  /** Duplicates, stories and shared blocks decided for the batch. */
  links?: CorpusLinks;
  /**
   * Line fingerprints to count, in the same transaction as the articles: only those of articles
   * this call adds are counted, so a rerun after a crash does not count a batch twice.
   */
  outletLines?: readonly OutletLines[];
}

export interface OutletLineCounts {
  articles: number;
  lines: Map<string, number>;
}

export interface IngestRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  inputs: string[];
  added: number;
  skipped: number;
  failedInputs: number;
  messages: number;
}

export interface StoreStats {
  articles: number;
  failedArticles: number;
  duplicates: number;
  stories: number;
  sharedBlocks: number;
  withPublished: number;
  earliest: string | null;
  latest: string | null;
  outlets: Array<{ outlet: string | null; articles: number }>;
  languages: Array<{ language: string | null; articles: number }>;
  formats: Array<{ format: string; articles: number }>;
  facts: Array<{ kind: string; facts: number }>;
  runs: number;
  inputMessages: number;
}

/** The article a fact was read from, as corpus-level steps (ledger, event merging) need it. */
export interface FactArticle {
  id: string;
  kind: 'article' | 'teaser';
  published: string | null;
  outlet: string | null;
  title: string | null;
  duplicateOf: string | null;
  story: string | null;
}

/**
 * A record derived from the facts of many articles (a claim group, a conflict, a merged event):
 * `date`, `lat`/`lon` and `rank` are indexed for range queries; `data` is the record itself.
 */
export interface CorpusRecord {
  id: string;
  date: string | null;
  lat: number | null;
  lon: number | null;
  /** Higher first when listing without a date order (e.g. a group's sighting count). */
  rank: number;
  data: Record<string, unknown>;
}

export interface FactFilter extends ArticleFilter {
  /** Top-level `data` fields that must equal the given strings (`{ type: 'direct' }`). */
  where?: Readonly<Record<string, string>>;
  /** Top-level `data` fields that must be present and not null (`['speakerEntity']`). */
  present?: readonly string[];
}

export interface CorpusRecordFilter {
  /** Inclusive bounds on `date` (a bare date `to` includes that whole day). */
  from?: string;
  to?: string;
  /** minLon, minLat, maxLon, maxLat: records with a position inside. */
  bbox?: readonly [number, number, number, number];
  /** Top-level `data` fields that must equal the given strings (`{ metric: 'killed' }`). */
  where?: Readonly<Record<string, string>>;
  /** 'rank' (default: highest first) or 'date' (latest first). */
  order?: 'rank' | 'date';
  limit?: number;
  offset?: number;
}

/** A query the search engine cannot parse: a user error, shown as such, never a stack trace. */
export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
}

/** A stored original in a story, as the story step restores it when a new run starts. */
export interface StoryMember {
  id: string;
  text: string;
  title: string | null;
  published: string | null;
  story: string;
}

export interface Store {
  /** Writes articles and their facts in one transaction; records whose key is stored are skipped. */
  putArticles(docs: readonly Article[], extras?: PutExtras): Promise<PutResult>;
  /**
   * How many of an outlet's articles hold each of these line fingerprints, and how many of its
   * articles were counted (corpus-learned boilerplate; the counts grow with `putArticles` extras).
   */
  outletLineCounts(outlet: string, fingerprints: readonly string[]): Promise<OutletLineCounts>;
  /** Which of these record keys are already stored (so ingest can skip the pipeline for them). */
  existingKeys(keys: readonly string[]): Promise<Set<string>>;
  /** Stored articles that share an LSH band key with a new one, with their signatures. */
  duplicateCandidates(bandKeys: readonly string[]): Promise<DuplicateCandidate[]>;
  /**
   * Originals with a story published within `days` of the newest article (and the last `undated`
   * undated ones), oldest first: what the story step needs to resume after a restart.
   */
  recentStoryMembers(days: number, undated: number): Promise<StoryMember[]>;
  listStories(filter?: ArticleFilter): Promise<Page<StorySummary>>;
  /** Linked entities, most mentioned first; `type` and a name prefix narrow the list. */
  listEntities(filter?: {
    type?: string;
    q?: string;
    /** Only mentions in articles published in this period (ISO dates, inclusive). */
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  }): Promise<Page<EntitySummary>>;
  /** One entity: its summary, the surface forms it was written as, and its mentions, newest first. */
  entity(
    id: string,
    limit?: number,
    period?: { from?: string; to?: string },
  ): Promise<{ entity: EntitySummary; aliases: string[]; mentions: EntityMention[] } | null>;
  storyArticles(id: string): Promise<ArticleSummary[]>;
  /** Paragraphs found in two or more articles, streamed. */
  sharedBlocks(): AsyncIterable<{ text: string; articles: string[] }>;
  getArticle(id: string): Promise<Article | null>;
  listArticles(filter?: ArticleFilter): Promise<Page<ArticleSummary>>;
  /** Throws QuerySyntaxError for a query FTS5 cannot parse. */
  search(query: SearchQuery): Promise<Page<SearchHit>>;
  /** Every article in ingest order, streamed. */
  articles(): AsyncIterable<Article>;
  /** Every fact of one kind (or all), streamed in article order. */
  facts(kind?: string): AsyncIterable<Fact>;
  /** Every fact of a kind with the article it was read from, in storage order. */
  factsWithArticles(kind: string): AsyncIterable<{ fact: Fact; article: FactArticle }>;
  /** Facts of a kind in the articles a filter selects, latest article first. */
  listFacts(kind: string, filter?: FactFilter): Promise<Page<{ fact: Fact; article: FactArticle }>>;
  /** Replaces every corpus record of `kind` at once (one transaction: readers see old or new). */
  replaceCorpusRecords(kind: string, records: readonly CorpusRecord[]): Promise<void>;
  corpusRecords(kind: string, filter?: CorpusRecordFilter): Promise<Page<CorpusRecord>>;
  /** The same page with each record's data as the JSON text stored (passed on without parsing it). */
  corpusRecordsJson(
    kind: string,
    filter?: CorpusRecordFilter,
  ): Promise<Page<Omit<CorpusRecord, 'data'> & { json: string }>>;
  corpusRecord(kind: string, id: string): Promise<CorpusRecord | null>;
  startRun(inputs: readonly string[]): Promise<number>;
  /** Records problems with inputs that produced no article (binary file, malformed line…). */
  addRunMessages(run: number, messages: readonly Message[]): Promise<void>;
  finishRun(run: number, totals: { added: number; skipped: number; failedInputs: number }): Promise<void>;
  runs(limit?: number): Promise<IngestRun[]>;
  runMessages(run: number): Promise<Message[]>;
  stats(): Promise<StoreStats>;
  /** Places mentioned in the matching articles, most articles first (limit default 500, at most 5000). */
  places(filter?: PlaceFilter): Promise<Page<PlaceSummary>>;
  /** Articles per publication day matching the filter (and query, when given), oldest first. */
  timeline(filter?: ArticleFilter & { q?: string }): Promise<Array<{ date: string; articles: number }>>;
  /** Checks the store's own consistency (SQLite integrity, search index); returns problems found. */
  check(): Promise<string[]>;
  /**
   * A cheap marker that changes whenever anything in the store changes (by this or any other
   * process), so answers computed from it can be cached until then. Optional: without it nothing
   * is cached.
   */
  version?(): Promise<string>;
  close(): Promise<void>;
}
