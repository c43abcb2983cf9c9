// The embedded store: one SQLite file through better-sqlite3, in WAL mode, with an FTS5 index
// over title and text. Writes are batched in transactions; identity (the record key) is unique,
// so a batch that was interrupted by a crash is either wholly stored or not at all, and running
// the same ingest again stores only what is missing.

import Database from 'better-sqlite3';
import type { Article, Fact } from '../../core/document.js';
import type { Message } from '../../core/messages.js';
import {
  nullable,
  paging,
  type Row,
  toArticle,
  toCorpusRecord,
  toDuplicateCandidate,
  toEntitySummary,
  toFact,
  toFactArticle,
  toIngestRun,
  toPlaceSummary,
  toStoryMember,
  toStorySummary,
  toSummary,
  verifiedFacts,
} from '../rows.js';
import {
  type ArticleFilter,
  type ArticleSummary,
  type CorpusLinks,
  type CorpusRecord,
  type CorpusRecordFilter,
  type DuplicateCandidate,
  type EntityMention,
  type EntitySummary,
  type FactArticle,
  type FactFilter,
  type IngestRun,
  type OutletLineCounts,
  type Page,
  type PlaceFilter,
  type PlaceSummary,
  type PutExtras,
  type PutResult,
  QuerySyntaxError,
  type SearchHit,
  type SearchQuery,
  type Store,
  type StoreStats,
  type StoryMember,
  type StorySummary,
} from '../store.js';
import { bandKeyNumber } from './band-keys.js';
import { EntityWriter } from './entity-writes.js';
import { MIGRATIONS } from './migrations.js';
import { MultiInsert } from './multi-insert.js';
import { PhraseCache } from './phrase-cache.js';
import { PlaceWriter } from './place-writes.js';
import { PublishedIndex, type SearchContext, searchArticles } from './search.js';

const STREAM_PAGE = 500;
// Private-use sentinels mark matches inside FTS5 snippets; they cannot clash with markup.

export interface SqliteStoreOptions {
  readonly?: boolean;
  /** Rows kept in lsh_bands_recent and block_articles_recent before they move (migration 10); for tests. */
  recentRows?: number;
}

/**
 * About 4,000 original articles' band rows (or ~9,000 articles' paragraphs): a recent table stays
 * a few hundred pages, and moving it costs one pass over the big table every ~9 batches of 500
 * instead of most of its pages in every batch.
 */
const RECENT_ROWS = 131_072;

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private versionQuery: Database.Statement | undefined;
  private dataVersion: Database.Statement | undefined;

  private readonly recentRows: number;

  constructor(
    readonly file: string,
    options: SqliteStoreOptions = {},
  ) {
    this.recentRows = options.recentRows ?? RECENT_ROWS;
    this.db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    // the busy timeout first: switching a new file to WAL waits for another process opening it too
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('foreign_keys = ON');
    // migration 10 converts stored band keys with the same function the writes use
    this.db.function('sitrep_band_key', { deterministic: true, directOnly: true }, (key) => bandKeyNumber(String(key)));
    if (!options.readonly) migrate(this.db);
    // search's period filter: is this row id in the period being searched (see PublishedIndex)
    this.db.function('sitrep_in_period', { deterministic: false, directOnly: true }, (rowid) =>
      this.published?.marked(Number(rowid)) ? 1 : 0,
    );
  }

  /** Statements search runs on every request, prepared once per connection (by SQL text). */
  private prepared = new Map<string, Database.Statement>();
  private statement(sql: string, raw = false): Database.Statement {
    const key = `${raw ? 'raw' : 'obj'}:${sql}`;
    let statement = this.prepared.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (raw) statement.raw(true);
      this.prepared.set(key, statement);
    }
    return statement;
  }

  private published: PublishedIndex | undefined;
  /** The publication dates in memory, read again when the store has changed since. */
  private publishedIndex(): PublishedIndex {
    const version = this.currentVersion();
    if (this.published?.version !== version) {
      const rows = this.statement(
        'SELECT published, article_rowid FROM article_meta WHERE published IS NOT NULL ORDER BY published',
        true,
      ).all() as Array<[string, number]>;
      const nextDay = this.statement("SELECT date(?, '+1 day')", true);
      this.published = new PublishedIndex(version, rows, (day) => {
        const next = (nextDay.get(day) as [string | null])[0];
        return next === null ? null : String(next);
      });
    }
    return this.published;
  }

  /** What search.ts needs from this store (see SearchContext). */
  private readonly searchContext: SearchContext = {
    statement: (sql, raw) => this.statement(sql, raw),
    publishedIndex: () => this.publishedIndex(),
    version: () => this.currentVersion(),
    phrases: new PhraseCache(() =>
      this.statement(
        'SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts WHERE articles_fts MATCH @q ORDER BY rowid LIMIT @limit',
        true,
      ),
    ),
  };

  /** The write statements, prepared once per connection (a batch used to prepare them again). */
  private writes?: ReturnType<typeof writeStatements>;

  async putArticles(docs: readonly Article[], extras: PutExtras = {}): Promise<PutResult> {
    this.writes ??= writeStatements(this.db, this.recentRows);
    const w = this.writes;
    const now = new Date().toISOString();
    const write = this.db.transaction((batch: readonly Article[]) => {
      const result: PutResult = { added: 0, skipped: 0, addedIds: [] };
      const stored: Array<{ rowid: number | bigint; published: string | null; facts: readonly Fact[] }> = [];
      const rowids = new Map<string, number | bigint>();
      for (const doc of batch) {
        const { facts, messages } = verifiedFacts(doc);
        const info = w.article.run(
          doc.id,
          doc.kind,
          doc.key,
          doc.source,
          doc.position,
          doc.line,
          doc.format,
          doc.raw,
          JSON.stringify(doc.fields),
          doc.url,
          doc.outlet,
          doc.title,
          doc.published,
          doc.language,
          doc.byline,
          doc.dateline,
          doc.text,
          JSON.stringify(doc.blocks),
          doc.duplicateOf,
          doc.story,
          JSON.stringify(messages),
          JSON.stringify(doc.provenance),
          messages.some((m) => m.severity === 'fatal') ? 1 : 0,
          now,
        );
        if (info.changes === 0) {
          result.skipped++;
          continue;
        }
        result.added++;
        result.addedIds.push(doc.id);
        for (const [position, teaser] of doc.teaserIds.entries()) w.teaserLink.run(doc.id, teaser, position);
        const rowid = info.lastInsertRowid;
        rowids.set(doc.id, rowid);
        const values: unknown[] = [];
        for (const fact of facts) {
          values.push(
            fact.id,
            rowid,
            fact.kind,
            fact.stage,
            fact.evidence?.start ?? null,
            fact.evidence?.end ?? null,
            fact.evidence?.quote ?? null,
            fact.derived ? JSON.stringify(fact.derived) : null,
            JSON.stringify(fact.data),
          );
        }
        w.facts.run(values);
        stored.push({ rowid, published: doc.published, facts });
      }
      w.places.write(stored);
      w.entities.write(stored);
      const kinds = new Map<string, number>();
      for (const article of stored) for (const f of article.facts) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
      for (const [kind, n] of kinds) w.countFacts.run(kind, n);
      for (const entry of extras.outletLines ?? []) {
        if (!rowids.has(entry.article)) continue;
        w.countArticle.run(entry.outlet);
        for (const fingerprint of new Set(entry.fingerprints)) w.countLine.run(entry.outlet, fingerprint);
      }
      if (extras.links) this.writeLinks(w, extras.links, rowids);
      return result;
    });
    try {
      return write.immediate(docs);
    } catch (error) {
      // rolled back: the recent tables are counted again next time
      w.bands.forget();
      w.blocks.forget();
      throw error;
    }
  }

  /**
   * Duplicate, story and block decisions for a batch; only rows of articles this batch added
   * (`added`: their row ids by article id).
   */
  private writeLinks(
    w: ReturnType<typeof writeStatements>,
    links: CorpusLinks,
    added: ReadonlyMap<string, number | bigint>,
  ): void {
    const signatures: unknown[] = [];
    const bands: Array<[number, number | bigint]> = [];
    for (const s of links.signatures) {
      const rowid = added.get(s.article);
      if (rowid === undefined) continue;
      signatures.push(rowid, s.size, s.mins);
      // Only originals are indexed: a copy of a copy is found through the original, and a story
      // syndicated a thousand times stays one candidate, not a thousand.
      if (s.original) for (const key of s.bands) bands.push([bandKeyNumber(key), rowid]);
    }
    w.signatures.run(signatures);
    // in key order: consecutive rows of a multi-row INSERT then often land on the same page
    bands.sort((a, b) => a[0] - b[0] || Number(a[1]) - Number(b[1]));
    w.bands.add(bands.flat(), bands.length);
    const blocks: Array<{ hash: string; article: string; start: number; end: number }> = [];
    for (const b of links.blocks) if (added.has(b.article)) blocks.push(b);
    // by key too (a WITHOUT ROWID table: the order of inserts changes nothing stored)
    blocks.sort((x, y) => compareText(x.hash, y.hash) || compareText(x.article, y.article));
    w.blocks.add(
      blocks.flatMap((b) => [b.hash, b.article, b.start, b.end]),
      blocks.length,
    );
    for (const o of links.newOriginals) w.original.run(o);
    for (const m of links.storyMoves) w.move.run(m);
    for (const id of new Set(links.stories)) {
      w.refreshStory.run({ id });
      w.dropStory.run(id, id);
    }
  }

  async duplicateCandidates(bandKeys: readonly string[]): Promise<DuplicateCandidate[]> {
    if (bandKeys.length === 0) return [];
    // At most 200 articles; in article id order, as the text-keyed tables before migration 10 gave them.
    const rows = this.statement(
      `SELECT a.id AS article, s.size, s.mins, a.published, a.duplicate_of, a.story
       FROM article_signatures s JOIN article_meta a ON a.article_rowid = s.article_rowid
       WHERE s.article_rowid IN (
         SELECT DISTINCT article_rowid FROM (
           SELECT article_rowid FROM lsh_bands WHERE key IN (SELECT value FROM json_each(@keys))
           UNION ALL
           SELECT article_rowid FROM lsh_bands_recent WHERE key IN (SELECT value FROM json_each(@keys)))
         LIMIT 200)
       ORDER BY a.id`,
    ).all({ keys: JSON.stringify(bandKeys.map(bandKeyNumber)) }) as Row[];
    return rows.map(toDuplicateCandidate);
  }

  async recentStoryMembers(days: number, undated: number): Promise<StoryMember[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM (
           SELECT id, text, title, published, story FROM articles
           WHERE kind = 'article' AND duplicate_of IS NULL AND story IS NOT NULL AND published IS NOT NULL
             AND published >= (SELECT date(max(published), '-' || @days || ' days') FROM articles)
           UNION ALL
           SELECT * FROM (SELECT id, text, title, published, story FROM articles
             WHERE kind = 'article' AND duplicate_of IS NULL AND story IS NOT NULL AND published IS NULL
             ORDER BY rowid DESC LIMIT @undated)
         ) ORDER BY published IS NULL, published`,
      )
      .all({ days, undated }) as Row[];
    return rows.map(toStoryMember);
  }

  async listStories(filter: ArticleFilter = {}): Promise<Page<StorySummary>> {
    const conditions: string[] = [];
    const params: Record<string, string> = {};
    if (filter.from) {
      conditions.push('last_published >= @from');
      params.from = filter.from;
    }
    if (filter.to) {
      conditions.push(
        /^\d{4}-\d{2}-\d{2}$/.test(filter.to) ? "first_published < date(@to, '+1 day')" : 'first_published <= @to',
      );
      params.to = filter.to;
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = this.db.prepare(`SELECT count(*) AS n FROM stories ${where}`).get(params) as Row;
    const rows = this.db
      .prepare(
        `SELECT * FROM stories ${where} ORDER BY articles DESC, last_published DESC, id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, ...paging(filter) }) as Row[];
    return {
      total: Number(total.n),
      items: rows.map(toStorySummary),
    };
  }

  async listEntities(
    filter: { type?: string; q?: string; from?: string; to?: string; limit?: number; offset?: number } = {},
  ): Promise<Page<EntitySummary>> {
    // Per entity and article (entity_articles, migration 11): mentions are summed, articles counted.
    const conditions: string[] = [];
    const params: Record<string, string> = {};
    if (filter.type) {
      // the mentions of that type (the tagger's type of each mention)
      conditions.push('e.type = @type');
      params.type = filter.type;
    }
    if (filter.q) {
      conditions.push("lower(n.name) LIKE @q ESCAPE '\\'");
      params.q = `${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const period = filterClause({ from: filter.from, to: filter.to }, 'a');
    if (period.where) {
      conditions.push(period.where.replace(/^WHERE /, ''));
      Object.assign(params, period.params);
    }
    const grouped = `SELECT e.entity AS id, n.name, max(nullif(e.type, '')) AS type, n.country, n.lat, n.lon,
        sum(e.mentions) AS mentions, count(DISTINCT e.article_rowid) AS articles
      FROM entity_articles e JOIN entity_names n ON n.entity = e.entity
        ${period.where ? 'JOIN article_meta a ON a.rowid = e.article_rowid' : ''}
      ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} GROUP BY e.entity`;
    const total = this.db.prepare(`SELECT count(*) AS n FROM (${grouped})`).get(params) as Row;
    const rows = this.db
      .prepare(`${grouped} ORDER BY mentions DESC, id LIMIT @limit OFFSET @offset`)
      .all({ ...params, ...paging(filter) }) as Row[];
    return { total: Number(total.n), items: rows.map(toEntitySummary) };
  }

  async entity(
    id: string,
    limit = 200,
    period: { from?: string; to?: string } = {},
  ): Promise<{ entity: EntitySummary; aliases: string[]; mentions: EntityMention[] } | null> {
    const dates = filterClause(period, 'a');
    const summary = this.db
      .prepare(
        `SELECT @id AS id, n.name, max(nullif(e.type, '')) AS type, n.country, n.lat, n.lon, sum(e.mentions) AS mentions,
           count(DISTINCT e.article_rowid) AS articles
         FROM entity_articles e LEFT JOIN entity_names n ON n.entity = e.entity WHERE e.entity = @id`,
      )
      .get({ id }) as Row;
    if (!summary.mentions) return null;
    const aliases = (
      this.db
        .prepare('SELECT alias FROM entity_aliases WHERE entity = @id ORDER BY alias LIMIT 100')
        .all({ id }) as Row[]
    ).map((r) => String(r.alias));
    // The latest articles first (at most `limit` of them: each names the entity at least once),
    // then their mentions of it.
    const mentions = (
      this.db
        .prepare(
          `WITH latest AS (
             SELECT DISTINCT a.rowid AS article_rowid, a.id, a.title, a.published FROM entity_articles e
             JOIN article_meta a ON a.rowid = e.article_rowid WHERE e.entity = @id${dates.where.replace(/^WHERE /, ' AND ')}
             ORDER BY a.published IS NULL, a.published DESC, a.rowid LIMIT @limit)
           SELECT l.id AS article, l.title, l.published, f.start, f."end", f.quote FROM latest l
           JOIN facts f ON f.article_rowid = l.article_rowid
           WHERE f.kind = 'entity-mention' AND json_extract(f.data, '$.entity') = @id
           ORDER BY l.published IS NULL, l.published DESC, l.article_rowid, f.start LIMIT @limit`,
        )
        .all({ id, limit, ...dates.params }) as Row[]
    ).map((r) => ({
      article: String(r.article),
      title: nullable(r.title),
      published: nullable(r.published),
      start: Number(r.start),
      end: Number(r.end),
      text: String(r.quote),
    }));
    return { entity: toEntitySummary(summary), aliases, mentions };
  }

  async storyArticles(id: string): Promise<ArticleSummary[]> {
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM article_meta a WHERE a.story = ? ORDER BY a.published IS NULL, a.published, a.rowid`,
      )
      .all(id) as Row[];
    return rows.map(toSummary);
  }

  async *sharedBlocks(): AsyncIterable<{ text: string; articles: string[] }> {
    const rows = this.db
      .prepare(
        // both tables of paragraphs (migration 10); within a hash by article id, as one table gave them
        // (the text's lookup names each table, as a filter on the union would read all of it per
        // hash, and picks the first article before reading one wide articles row)
        `SELECT (SELECT substr(a.text, f.start + 1, f."end" - f.start)
                 FROM (SELECT article, start, "end" FROM (
                         SELECT article, start, "end" FROM block_articles WHERE hash = g.hash
                         UNION ALL SELECT article, start, "end" FROM block_articles_recent WHERE hash = g.hash)
                       ORDER BY article LIMIT 1) f
                 JOIN articles a ON a.id = f.article) AS text,
           json_group_array(g.article ORDER BY g.article) AS articles
         FROM (SELECT hash, article FROM block_articles UNION ALL SELECT hash, article FROM block_articles_recent) g
         GROUP BY g.hash HAVING count(*) >= 2 ORDER BY count(*) DESC, g.hash`,
      )
      .iterate() as IterableIterator<Row>;
    for (const row of rows) yield { text: String(row.text), articles: JSON.parse(String(row.articles)) as string[] };
  }

  async outletLineCounts(outlet: string, fingerprints: readonly string[]): Promise<OutletLineCounts> {
    const total = this.db.prepare('SELECT articles FROM outlet_articles WHERE outlet = ?').get(outlet) as
      | Row
      | undefined;
    const lines = new Map<string, number>();
    const statement = this.db.prepare(
      'SELECT fingerprint, articles FROM outlet_lines WHERE outlet = ? AND fingerprint IN (SELECT value FROM json_each(?))',
    );
    const distinct = [...new Set(fingerprints)];
    for (let i = 0; i < distinct.length; i += 900) {
      for (const row of statement.all(outlet, JSON.stringify(distinct.slice(i, i + 900))) as Row[]) {
        lines.set(String(row.fingerprint), Number(row.articles));
      }
    }
    return { articles: Number(total?.articles ?? 0), lines };
  }

  async existingKeys(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const statement = this.db.prepare('SELECT key FROM articles WHERE key IN (SELECT value FROM json_each(?))');
    for (let i = 0; i < keys.length; i += 900) {
      for (const row of statement.all(JSON.stringify(keys.slice(i, i + 900))) as Row[]) found.add(String(row.key));
    }
    return found;
  }

  async getArticle(id: string): Promise<Article | null> {
    const row = this.db.prepare('SELECT rowid, * FROM articles WHERE id = ?').get(id) as Row | undefined;
    return row ? this.articleOf(row) : null;
  }

  async listArticles(filter: ArticleFilter = {}): Promise<Page<ArticleSummary>> {
    const { where, params } = filterClause(filter, 'a');
    const total = this.db.prepare(`SELECT count(*) AS n FROM article_meta a ${where}`).get(params) as Row;
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM article_meta a ${where}
         ORDER BY a.published IS NULL, a.published DESC, a.rowid LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, ...paging(filter) }) as Row[];
    return { total: Number(total.n), items: rows.map(toSummary) };
  }

  async search(query: SearchQuery): Promise<Page<SearchHit>> {
    const q = query.q.trim();
    if (q === '') throw new QuerySyntaxError('the search query is empty');
    // The period is matched from memory (see PublishedIndex), the other filters by joining the metadata.
    const { from: _from, to: _to, ...others } = query;
    try {
      return searchArticles(this.searchContext, query, q, filterClause(others, 'a'));
    } catch (error) {
      throw asQueryError(error, q);
    }
  }

  async *articles(): AsyncIterable<Article> {
    const page = this.db.prepare('SELECT rowid, * FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?');
    let after = 0;
    for (;;) {
      const rows = page.all(after, STREAM_PAGE) as Row[];
      if (rows.length === 0) return;
      for (const row of rows) yield this.articleOf(row);
      after = Number(rows[rows.length - 1]?.rowid);
    }
  }

  async *facts(kind?: string): AsyncIterable<Fact> {
    const page = this.db.prepare(
      `SELECT f.rowid AS frow, f.*, a.id AS article FROM facts f JOIN article_meta a ON a.rowid = f.article_rowid
       WHERE f.rowid > ? AND (? IS NULL OR f.kind = ?) ORDER BY f.rowid LIMIT ?`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all(after, kind ?? null, kind ?? null, STREAM_PAGE) as Row[];
      if (rows.length === 0) return;
      for (const row of rows) yield toFact(row);
      after = Number(rows[rows.length - 1]?.frow);
    }
  }

  async *factsWithArticles(kind: string): AsyncIterable<{ fact: Fact; article: FactArticle }> {
    const page = this.db.prepare(
      `SELECT f.rowid AS frow, f.*, a.id AS article, a.kind AS article_kind, a.published, a.outlet, a.title,
              a.duplicate_of, a.story
       FROM facts f JOIN article_meta a ON a.rowid = f.article_rowid
       WHERE f.kind = ? AND f.rowid > ? ORDER BY f.rowid LIMIT ?`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all(kind, after, STREAM_PAGE) as Row[];
      if (rows.length === 0) return;
      for (const row of rows) {
        yield {
          fact: toFact(row),
          article: toFactArticle(row),
        };
      }
      after = Number(rows[rows.length - 1]?.frow);
    }
  }

  async listFacts(kind: string, filter: FactFilter = {}): Promise<Page<{ fact: Fact; article: FactArticle }>> {
    const { where, params } = filterClause(filter, 'a');
    // The kind inline, not bound: partial indexes (quotes by speaker) apply only to a literal kind.
    if (!/^[a-z][a-z0-9-]*$/.test(kind)) throw new RangeError(`not a fact kind: ${kind}`);
    const conditions = [where ? where.slice('WHERE '.length) : '1', `f.kind = '${kind}'`];
    const all: Record<string, string | number> = { ...params };
    const field = (name: string) => {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new RangeError(`not a fact field: ${name}`);
      return `json_extract(f.data, '$.${name}')`;
    };
    for (const [i, [name, value]] of Object.entries(filter.where ?? {}).entries()) {
      conditions.push(`${field(name)} = @w${i}`);
      // mentions of an entity: only the articles that name it (entity_articles) are read
      if (kind === 'entity-mention' && name === 'entity')
        conditions.push(`f.article_rowid IN (SELECT article_rowid FROM entity_articles WHERE entity = @w${i})`);
      all[`w${i}`] = value;
    }
    for (const name of filter.present ?? []) conditions.push(`${field(name)} IS NOT NULL`);
    const from = `FROM facts f JOIN article_meta a ON a.rowid = f.article_rowid WHERE ${conditions.join(' AND ')}`;
    const total = this.db.prepare(`SELECT count(*) AS n ${from}`).get(all) as Row;
    const rows = this.db
      .prepare(
        `SELECT f.*, a.id AS article, a.kind AS article_kind, a.published, a.outlet, a.title, a.duplicate_of, a.story
         ${from} ORDER BY a.published IS NULL, a.published DESC, f.rowid LIMIT @limit OFFSET @offset`,
      )
      .all({ ...all, ...paging(filter) }) as Row[];
    return {
      total: Number(total.n),
      items: rows.map((row) => ({
        fact: toFact(row),
        article: toFactArticle(row),
      })),
    };
  }

  async replaceCorpusRecords(kind: string, records: readonly CorpusRecord[]): Promise<void> {
    const remove = this.db.prepare('DELETE FROM corpus_records WHERE kind = ?');
    const insert = this.db.prepare(
      'INSERT INTO corpus_records (kind, id, date, lat, lon, rank, key1, key2, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const [field1, field2] = CORPUS_KEY_FIELDS[kind] ?? [];
    const key = (r: CorpusRecord, field: string | undefined) => {
      const value = field ? r.data[field] : null;
      return typeof value === 'string' ? value : null;
    };
    this.db.transaction(() => {
      remove.run(kind);
      for (const r of records) {
        insert.run(kind, r.id, r.date, r.lat, r.lon, r.rank, key(r, field1), key(r, field2), JSON.stringify(r.data));
      }
    })();
  }

  async corpusRecords(kind: string, filter: CorpusRecordFilter = {}): Promise<Page<CorpusRecord>> {
    const { total, rows } = this.corpusRecordRows(kind, filter);
    return { total, items: rows.map(toCorpusRecord) };
  }

  async corpusRecordsJson(
    kind: string,
    filter: CorpusRecordFilter = {},
  ): Promise<Page<Omit<CorpusRecord, 'data'> & { json: string }>> {
    const { total, rows } = this.corpusRecordRows(kind, filter);
    return {
      total,
      items: rows.map((row) => {
        const { data: _data, ...record } = toCorpusRecord({ ...row, data: '{}' });
        return { ...record, json: String(row.data) };
      }),
    };
  }

  private corpusRecordRows(kind: string, filter: CorpusRecordFilter): { total: number; rows: Row[] } {
    const conditions = ['kind = @kind'];
    const params: Record<string, string | number> = { kind };
    if (filter.from) {
      conditions.push('date >= @from');
      params.from = filter.from;
    }
    if (filter.to) {
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(filter.to);
      conditions.push(dateOnly ? "date < date(@to, '+1 day')" : 'date <= @to');
      params.to = filter.to;
    }
    if (filter.bbox) {
      const [minLon, minLat, maxLon, maxLat] = filter.bbox;
      conditions.push('lat BETWEEN @minLat AND @maxLat AND lon BETWEEN @minLon AND @maxLon');
      Object.assign(params, { minLon, minLat, maxLon, maxLat });
    }
    const keyed: readonly string[] = CORPUS_KEY_FIELDS[kind] ?? [];
    for (const [i, [field, value]] of Object.entries(filter.where ?? {}).entries()) {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new RangeError(`not a record field: ${field}`);
      const column = keyed.indexOf(field);
      conditions.push(`${column >= 0 ? `key${column + 1}` : `json_extract(data, '$.${field}')`} = @w${i}`);
      params[`w${i}`] = value;
    }
    const where = `WHERE ${conditions.join(' AND ')}`;
    const order = filter.order === 'date' ? 'date IS NULL, date DESC, rank DESC, id' : 'rank DESC, date DESC, id';
    const total = this.db.prepare(`SELECT count(*) AS n FROM corpus_records ${where}`).get(params) as Row;
    // the page's ids from the indexes first; only then the page's records (their JSON can be large)
    const rows = this.db
      .prepare(
        `WITH page AS (SELECT id, date, rank FROM corpus_records ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset)
         SELECT c.* FROM page JOIN corpus_records c ON c.kind = @kind AND c.id = page.id
         ORDER BY ${order.replace(/\b(date|rank|id)\b/g, 'page.$1')}`,
      )
      .all({ ...params, ...paging(filter) }) as Row[];
    return { total: Number(total.n), rows };
  }

  async corpusRecord(kind: string, id: string): Promise<CorpusRecord | null> {
    const row = this.db.prepare('SELECT * FROM corpus_records WHERE kind = ? AND id = ?').get(kind, id) as
      | Row
      | undefined;
    return row ? toCorpusRecord(row) : null;
  }

  async startRun(inputs: readonly string[]): Promise<number> {
    const info = this.db
      .prepare('INSERT INTO ingest_runs (started_at, inputs) VALUES (?, ?)')
      .run(new Date().toISOString(), JSON.stringify(inputs));
    return Number(info.lastInsertRowid);
  }

  async addRunMessages(run: number, messages: readonly Message[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO run_messages (run, message) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const m of messages) insert.run(run, JSON.stringify(m));
    })();
  }

  async finishRun(run: number, totals: { added: number; skipped: number; failedInputs: number }): Promise<void> {
    this.db
      .prepare('UPDATE ingest_runs SET finished_at = ?, added = ?, skipped = ?, failed_inputs = ? WHERE id = ?')
      .run(new Date().toISOString(), totals.added, totals.skipped, totals.failedInputs, run);
  }

  async runs(limit = 20): Promise<IngestRun[]> {
    const rows = this.db
      .prepare(
        `SELECT r.*, (SELECT count(*) FROM run_messages m WHERE m.run = r.id) AS messages
         FROM ingest_runs r ORDER BY r.id DESC LIMIT ?`,
      )
      .all(limit) as Row[];
    return rows.map(toIngestRun);
  }

  async runMessages(run: number): Promise<Message[]> {
    const rows = this.db.prepare('SELECT message FROM run_messages WHERE run = ? ORDER BY id').all(run) as Row[];
    return rows.map((row) => JSON.parse(String(row.message)) as Message);
  }

  async stats(): Promise<StoreStats> {
    const one = (sql: string) => this.db.prepare(sql).get() as Row;
    const all = (sql: string) => this.db.prepare(sql).all() as Row[];
    const totals = one(
      `SELECT count(*) AS articles, coalesce(sum(failed), 0) AS failed, count(published) AS dated,
         min(published) AS earliest, max(published) AS latest FROM article_meta`,
    );
    return {
      articles: Number(totals.articles),
      failedArticles: Number(totals.failed),
      duplicates: Number(one('SELECT count(*) AS n FROM article_meta WHERE duplicate_of IS NOT NULL').n),
      stories: Number(one('SELECT count(*) AS n FROM stories').n),
      sharedBlocks: Number(one(SHARED_BLOCK_COUNT).n),
      withPublished: Number(totals.dated),
      earliest: (totals.earliest as string | null) ?? null,
      latest: (totals.latest as string | null) ?? null,
      outlets: all(
        'SELECT outlet, count(*) AS n FROM article_meta GROUP BY outlet ORDER BY n DESC, outlet LIMIT 50',
      ).map((r) => ({ outlet: (r.outlet as string | null) ?? null, articles: Number(r.n) })),
      languages: all('SELECT language, count(*) AS n FROM article_meta GROUP BY language ORDER BY n DESC').map((r) => ({
        language: (r.language as string | null) ?? null,
        articles: Number(r.n),
      })),
      formats: all('SELECT format, count(*) AS n FROM article_meta GROUP BY format ORDER BY n DESC').map((r) => ({
        format: String(r.format),
        articles: Number(r.n),
      })),
      facts: all('SELECT kind, facts AS n FROM fact_kinds WHERE facts > 0 ORDER BY kind').map((r) => ({
        kind: String(r.kind),
        facts: Number(r.n),
      })),
      runs: Number(one('SELECT count(*) AS n FROM ingest_runs').n),
      inputMessages: Number(one('SELECT count(*) AS n FROM run_messages').n),
    };
  }

  async places(filter: PlaceFilter = {}): Promise<Page<PlaceSummary>> {
    const q = filter.q?.trim();
    const bareDate = (d?: string) => d === undefined || /^\d{4}-\d{2}-\d{2}$/.test(d);
    const values: Record<string, string | number> = {};
    let counts: string;
    if (!q && !filter.story && !filter.from && !filter.to) {
      // The totals over all articles are kept with the place.
      counts = 'SELECT place, articles, mentions, first, last FROM places WHERE mentions > 0';
    } else if (!q && !filter.story && bareDate(filter.from) && bareDate(filter.to)) {
      // Per-day counts add up exactly (an article has one day): no need to visit each mention.
      const days: string[] = [];
      if (filter.from || filter.to) days.push("day <> ''");
      if (filter.from) {
        days.push('day >= @from');
        values.from = filter.from;
      }
      if (filter.to) {
        days.push('day <= @to');
        values.to = filter.to;
      }
      counts = `SELECT place, sum(articles) AS articles, sum(mentions) AS mentions, min(nullif(day, '')) AS first,
          max(nullif(day, '')) AS last
        FROM place_days ${days.length ? `WHERE ${days.join(' AND ')}` : ''} GROUP BY place`;
    } else {
      const { where, params } = filterClause({ from: filter.from, to: filter.to, story: filter.story }, 'a');
      const conditions = [where.replace(/^WHERE /, '')];
      Object.assign(values, params);
      if (q) {
        conditions.push('a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @q)');
        values.q = q;
      }
      const kept = conditions.filter(Boolean);
      counts = `SELECT p.place, count(DISTINCT p.article_rowid) AS articles, count(*) AS mentions,
          min(substr(a.published, 1, 10)) AS first, max(substr(a.published, 1, 10)) AS last
        FROM place_mentions p JOIN article_meta a ON a.rowid = p.article_rowid
        ${kept.length ? `WHERE ${kept.join(' AND ')}` : ''} GROUP BY p.place`;
    }
    const conditions: string[] = [];
    if (filter.bbox) {
      conditions.push('pl.lon BETWEEN @minLon AND @maxLon AND pl.lat BETWEEN @minLat AND @maxLat');
      [values.minLon, values.minLat, values.maxLon, values.maxLat] = filter.bbox;
    }
    if (filter.maxPrecision !== undefined) {
      conditions.push('(pl.precision IS NULL OR pl.precision <= @maxPrecision)');
      values.maxPrecision = filter.maxPrecision;
    }
    values.limit = Math.min(Math.max(Math.trunc(filter.limit ?? 500), 1), 5000);
    try {
      const rows = this.db
        .prepare(
          `SELECT pl.entity, pl.name, pl.lat, pl.lon, pl.precision, c.articles, c.mentions, c.first, c.last,
             count(*) OVER () AS total
           FROM (${counts}) c JOIN places pl ON pl.place = c.place
           ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
           ORDER BY c.articles DESC, c.mentions DESC, pl.name, pl.place LIMIT @limit`,
        )
        .all(values) as Row[];
      return {
        total: rows.length ? Number(rows[0]!.total) : 0,
        items: rows.map(toPlaceSummary),
      };
    } catch (error) {
      throw asQueryError(error, q ?? '');
    }
  }

  async timeline(filter: ArticleFilter & { q?: string } = {}): Promise<Array<{ date: string; articles: number }>> {
    const { where, params } = filterClause(filter, 'a');
    const q = filter.q?.trim();
    const conditions = [where.replace(/^WHERE /, ''), 'a.published IS NOT NULL', q ? 'articles_fts MATCH @q' : '']
      .filter(Boolean)
      .join(' AND ');
    const from = q ? 'articles_fts JOIN article_meta a ON a.rowid = articles_fts.rowid' : 'article_meta a';
    try {
      const rows = this.db
        .prepare(
          `SELECT substr(a.published, 1, 10) AS day, count(*) AS n FROM ${from} WHERE ${conditions} GROUP BY day ORDER BY day`,
        )
        .all({ ...params, ...(q && { q }) }) as Row[];
      return rows.map((r) => ({ date: String(r.day), articles: Number(r.n) }));
    } catch (error) {
      throw asQueryError(error, q ?? '');
    }
  }

  async version(): Promise<string> {
    return this.currentVersion();
  }

  private currentVersion(): string {
    // data_version moves when another connection commits; total_changes counts this one's writes.
    // Both prepared once: search asks for the version on every request.
    this.versionQuery ??= this.db.prepare('SELECT total_changes() AS n');
    this.dataVersion ??= this.db.prepare('PRAGMA data_version').pluck();
    const others = this.dataVersion.get();
    const own = this.versionQuery.get() as Row;
    return `${others}.${own.n}`;
  }

  async check(): Promise<string[]> {
    const problems: string[] = [];
    const integrity = this.db.pragma('integrity_check') as Row[];
    for (const row of integrity) if (row.integrity_check !== 'ok') problems.push(String(row.integrity_check));
    try {
      this.db.prepare("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)").run();
    } catch (error) {
      problems.push(`search index: ${error instanceof Error ? error.message : String(error)}`);
    }
    const dup = this.db.prepare('SELECT count(*) - count(DISTINCT key) AS n FROM articles').get() as Row;
    if (Number(dup.n) !== 0) problems.push(`${dup.n} duplicate record keys`);
    return problems;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // Prepared once: articleOf runs for every article an export or a listing streams.
  private statements?: { facts: Database.Statement; teasers: Database.Statement };

  private articleOf(row: Row): Article {
    this.statements ??= {
      facts: this.db.prepare('SELECT f.*, ? AS article FROM facts f WHERE f.article_rowid = ? ORDER BY f.start, f.id'),
      teasers: this.db.prepare('SELECT teaser FROM article_teasers WHERE article = ? ORDER BY position'),
    };
    const facts = (this.statements.facts.all(row.id, row.rowid) as Row[]).map(toFact);
    const teaserIds = (this.statements.teasers.all(row.id) as Row[]).map((r) => String(r.teaser));
    return toArticle(row, teaserIds, facts);
  }
}

/**
 * A large WITHOUT ROWID table fed through a small `<table>_recent` one (migration 10): new rows go
 * into the small table, which moves into the large one in key order, in the caller's transaction,
 * once it holds `limit` rows. Readers read both.
 */
class RecentRows {
  private readonly insert: MultiInsert;
  private readonly count: Database.Statement;
  private readonly move: Database.Statement;
  private readonly clear: Database.Statement;
  /** Rows in the recent table as this connection last knew (undefined: count them again). */
  private held: number | undefined;

  constructor(
    db: Database.Database,
    table: string,
    columns: readonly string[],
    order: string,
    private readonly limit: number,
  ) {
    const list = columns.join(', ');
    this.insert = new MultiInsert(db, `INSERT OR IGNORE INTO ${table}_recent (${list})`, columns.length);
    this.count = db.prepare(`SELECT count(*) FROM ${table}_recent`).pluck();
    this.move = db.prepare(
      `INSERT OR IGNORE INTO ${table} (${list}) SELECT ${list} FROM ${table}_recent ORDER BY ${order}`,
    );
    this.clear = db.prepare(`DELETE FROM ${table}_recent`);
  }

  /** Inserts `rows` rows (their values flat); moves the recent table when it reaches the limit. */
  add(values: unknown[], rows: number): void {
    this.held ??= Number(this.count.get());
    this.insert.run(values);
    this.held += rows;
    if (this.held < this.limit) return;
    // one ordered pass over the large table; the recent one is emptied whole
    this.move.run();
    this.clear.run();
    this.held = 0;
  }

  /** After a rollback: the count is read again. */
  forget(): void {
    this.held = undefined;
  }
}

/** Plain code-unit order: enough to group equal keys together (not SQLite's order beyond the BMP). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An FTS5 parse error becomes a QuerySyntaxError a person can act on; anything else is rethrown. */
function asQueryError(error: unknown, q: string): unknown {
  if (
    error instanceof Error &&
    /fts5|syntax error|unterminated|no such column|unknown special query/i.test(error.message)
  ) {
    return new QuerySyntaxError(
      `cannot parse search query ${JSON.stringify(q)}: ${error.message.replace(/^fts5: /, '')}. ` +
        'Use words, "quoted phrases", AND, OR, NOT, prefix* ; put other punctuation inside quotes.',
    );
  }
  return error;
}

function migrate(db: Database.Database): void {
  for (const migration of MIGRATIONS) {
    if (migration.version <= Number(db.pragma('user_version', { simple: true }))) continue;
    db.transaction(() => {
      // Read again under the write lock: another process opening the same file may have just
      // applied this migration (two `sitrep` commands started together on an older store).
      if (migration.version <= Number(db.pragma('user_version', { simple: true }))) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/** The statements putArticles runs, prepared once per connection. */
function writeStatements(db: Database.Database, recentRows: number) {
  return {
    article: db.prepare(`
      INSERT INTO articles (id, kind, key, source, position, line, format, raw, fields, url, outlet, title, published,
        language, byline, dateline, text, blocks, duplicate_of, story, messages, provenance, failed, ingested_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`),
    facts: new MultiInsert(
      db,
      'INSERT INTO facts (id, article_rowid, kind, stage, start, "end", quote, derived, data)',
      9,
      'ON CONFLICT(article_rowid, id) DO NOTHING',
    ),
    teaserLink: db.prepare(
      'INSERT INTO article_teasers (article, teaser, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    countArticle: db.prepare(
      'INSERT INTO outlet_articles (outlet, articles) VALUES (?, 1) ON CONFLICT(outlet) DO UPDATE SET articles = articles + 1',
    ),
    countLine: db.prepare(
      `INSERT INTO outlet_lines (outlet, fingerprint, articles) VALUES (?, ?, 1)
       ON CONFLICT(outlet, fingerprint) DO UPDATE SET articles = articles + 1`,
    ),
    places: new PlaceWriter(db),
    entities: new EntityWriter(db),
    countFacts: db.prepare(
      'INSERT INTO fact_kinds (kind, facts) VALUES (?, ?) ON CONFLICT(kind) DO UPDATE SET facts = facts + excluded.facts',
    ),
    signatures: new MultiInsert(db, 'INSERT OR IGNORE INTO article_signatures (article_rowid, size, mins)', 3),
    bands: new RecentRows(db, 'lsh_bands', ['key', 'article_rowid'], 'key, article_rowid', recentRows),
    blocks: new RecentRows(db, 'block_articles', ['hash', 'article', 'start', '"end"'], 'hash, article', recentRows),
    original: db.prepare(
      'UPDATE articles SET duplicate_of = @original WHERE (duplicate_of = @previous OR id = @previous) AND id <> @original',
    ),
    move: db.prepare('UPDATE articles SET story = @story WHERE id = @article OR duplicate_of = @article'),
    refreshStory: db.prepare(`
      INSERT INTO stories (id, title, articles, first_published, last_published)
      SELECT @id,
        -- the title from the narrow article_meta row; the wide articles row only for an untitled one
        (SELECT coalesce(m.title, (SELECT substr(text, 1, 120) || CASE WHEN length(text) > 120 THEN '…' ELSE '' END
                                    FROM articles WHERE rowid = m.article_rowid))
          FROM article_meta m WHERE m.story = @id AND m.kind = 'article'
          ORDER BY m.title IS NULL, m.duplicate_of IS NOT NULL, m.published IS NULL, m.published, m.article_rowid LIMIT 1),
        count(*), min(published), max(published)
      FROM article_meta WHERE story = @id
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, articles = excluded.articles,
        first_published = excluded.first_published, last_published = excluded.last_published`),
    dropStory: db.prepare(
      'DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article_meta WHERE story = ?)',
    ),
  };
}

/**
 * Paragraph hashes held by two or more articles over both tables (migration 10), without sorting
 * the big one: those shared within block_articles (read in key order), plus the recent table's
 * hashes that reach two only with its rows. (An article's rows are all in one of the tables.)
 */
const SHARED_BLOCK_COUNT = `SELECT
  (SELECT count(*) FROM (SELECT 1 FROM block_articles GROUP BY hash HAVING count(*) >= 2))
  + (SELECT count(*) FROM (
      SELECT r.n, (SELECT count(*) FROM block_articles m WHERE m.hash = r.hash) AS old
      FROM (SELECT hash, count(*) AS n FROM block_articles_recent GROUP BY hash) r)
     WHERE old < 2 AND old + n >= 2) AS n`;

const SUMMARY_COLUMNS =
  'a.id, a.source, a.url, a.outlet, a.title, a.published, a.language, a.duplicate_of, a.story, a.length, a.failed';

/** The two `data` fields of each corpus-record kind kept in indexed columns (filters on them are fast). */
const CORPUS_KEY_FIELDS: Readonly<Record<string, readonly [string, string]>> = {
  event: ['type', 'subtype'],
  claim: ['metric', 'side'],
  'claim-series': ['metric', 'side'],
  conflict: ['metric', 'side'],
};

function filterClause(filter: ArticleFilter, alias: string): { where: string; params: Record<string, string> } {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (filter.outlet) {
    conditions.push(`${alias}.outlet = @outlet`);
    params.outlet = filter.outlet;
  }
  if (filter.language) {
    conditions.push(`${alias}.language = @language`);
    params.language = filter.language;
  }
  if (filter.entity) {
    conditions.push(`${alias}.rowid IN (SELECT article_rowid FROM entity_articles WHERE entity = @entity)`);
    params.entity = filter.entity;
  }
  if (filter.story) {
    conditions.push(`${alias}.story = @story`);
    params.story = filter.story;
  }
  if (filter.from) {
    conditions.push(`${alias}.published >= @from`);
    params.from = filter.from;
  }
  if (filter.to) {
    // A bare date means "to the end of that day": compare against the next day.
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(filter.to);
    conditions.push(dateOnly ? `${alias}.published < date(@to, '+1 day')` : `${alias}.published <= @to`);
    params.to = filter.to;
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
